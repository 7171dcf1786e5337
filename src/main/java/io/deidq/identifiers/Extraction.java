package io.deidq.identifiers;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link IdentifierExtractor#extract} found: the ids, and which item each file became, so that
 * the files can be matched to their fields later whatever fields key the items.
 */
public record Extraction(Identifiers ids, Map<Path, ItemKey> items) {

    public Extraction {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }
}
