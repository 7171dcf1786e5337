package io.deidq.identifiers;

import io.deidq.dicom.data.Dataset;

import java.io.IOException;
import java.util.Map;

/**
 * A cleaned header as the flat record a metadata sink stores: named and typed as ids names and types
 * the fields ({@link IdentifierExtractor}), sequences expanded, private elements and Pixel Data left out.
 */
public final class MetadataRecord {

    private static final HeaderFields FIELDS = new HeaderFields(true);

    private MetadataRecord() {
    }

    public static Map<String, Object> of(Dataset cleaned) throws IOException {
        return FIELDS.of(cleaned);
    }
}
