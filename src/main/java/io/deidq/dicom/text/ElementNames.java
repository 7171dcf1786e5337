package io.deidq.dicom.text;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.PrivateDictionary;

import java.nio.charset.StandardCharsets;

/** The name dcmdump shows for an element: the keyword, "RETIRED_" before a retired one, private names by creator. */
final class ElementNames {

    static final String UNKNOWN = "Unknown Tag & Data";

    private ElementNames() {
    }

    static String of(Dataset dataset, int tag) {
        if (Tags.isPrivate(tag) && !Tags.isGroupLength(tag) && !Tags.isPrivateCreator(tag)) {
            DictionaryEntry entry = PrivateDictionary.lookup(creator(dataset, tag), tag);
            return entry == null ? UNKNOWN : entry.keyword();
        }
        DictionaryEntry entry = ElementDictionary.lookup(tag);
        if (entry == null) {
            return UNKNOWN;
        }
        return entry.retired() ? "RETIRED_" + entry.keyword() : entry.keyword();
    }

    /** The private creator that reserved the block of {@code tag}, or the empty string. */
    static String creator(Dataset dataset, int tag) {
        Element creator = dataset.get(Tags.privateCreatorOf(tag));
        if (creator == null || !creator.isInMemory()) {
            return "";
        }
        return new String(creator.bytes(), StandardCharsets.ISO_8859_1).trim();
    }
}
