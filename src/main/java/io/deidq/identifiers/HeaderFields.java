package io.deidq.identifiers;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of one data set as deid's get_fields names them: top-level elements by keyword,
 * elements of sequence items by the keywords of the path joined with "__"
 * (RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue), no item indexes.
 */
final class HeaderFields {

    static final String SEPARATOR = "__";

    private final boolean expandSequences;

    HeaderFields(boolean expandSequences) {
        this.expandSequences = expandSequences;
    }

    Map<String, Object> of(Dataset dataset) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        collect(dataset, null, fields);
        return fields;
    }

    private void collect(Dataset dataset, String prefix, Map<String, Object> fields) throws IOException {
        for (Element e : dataset) {
            int tag = e.tag();
            // Private elements (creators too) and what lies under them are left out; group lengths and
            // tags the dictionary has no keyword for have no name, as in pydicom's Dataset.dir().
            if (Tags.isPrivate(tag) || Tags.isGroupLength(tag) || tag == Tag.PixelData) {
                continue;
            }
            String keyword = ElementDictionary.keywordOf(tag);
            if (keyword.isEmpty()) {
                continue;
            }
            String name = prefix == null ? keyword : prefix + SEPARATOR + keyword;
            if (e.isSequence()) {
                if (expandSequences) {
                    for (Dataset item : e.sequence()) {
                        collect(item, name, fields);
                    }
                }
                continue;
            }
            Object value = FieldValues.of(dataset, e);
            if (value == null) {
                continue;
            }
            if (prefix == null) {
                // A repeating group's keyword names each group's element (OverlayRows of 6000 and 6002);
                // deid reads the keyword's element, the first group's.
                fields.putIfAbsent(name, value);
            } else {
                // Items share names: as in deid, the last item's value is the one kept.
                fields.put(name, value);
            }
        }
    }
}
