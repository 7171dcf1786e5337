package io.deidq.identifiers;

import java.util.LinkedHashMap;
import java.util.Map;

/** ids written out in a test: images under their entity and item keys, fields as name, value pairs. */
final class TestIds {

    private final Map<String, Map<String, Map<String, Object>>> entities = new LinkedHashMap<>();

    /** An image keyed by its PatientID and SOPInstanceUID, as by default; a null value leaves its field out. */
    TestIds image(String patientId, String sopInstanceUid, Object... fieldsAndValues) {
        Object[] all = new Object[fieldsAndValues.length + 4];
        all[0] = "PatientID";
        all[1] = patientId;
        all[2] = "SOPInstanceUID";
        all[3] = sopInstanceUid;
        System.arraycopy(fieldsAndValues, 0, all, 4, fieldsAndValues.length);
        return keyed(patientId, sopInstanceUid, all);
    }

    /** An image under the keys given, with only the fields given. */
    TestIds keyed(String entity, String item, Object... fieldsAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null) {
                fields.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        entities.computeIfAbsent(entity, k -> new LinkedHashMap<>()).put(item, fields);
        return this;
    }

    Identifiers build() {
        return new Identifiers(entities);
    }
}
