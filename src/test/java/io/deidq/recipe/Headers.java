package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;
import io.deidq.dicom.dict.Tag;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Data sets for the header cleaner's tests, built in code, and ways to read what the cleaner left. */
final class Headers {

    static final int MITRA_CREATOR = 0x00330010;
    static final int MITRA_1E = 0x0033101E;
    static final int CSA_CREATOR = 0x00290010;
    static final int CSA_21 = 0x00291021;
    static final String MITRA = "MITRA OBJECT UTF8 ATTRIBUTES 1.0";

    private Headers() {
    }

    /**
     * A CT-like header: dates, a name, a manufacturer, a pregnancy status, a code sequence at top
     * level and nested two deep, and two private blocks (one a name, one a date held as UN).
     */
    static Dataset humans() {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7.1.1");
        ds.putString(Tag.StudyDate, VR.DA, "20230101");
        ds.putString(Tag.AcquisitionDateTime, VR.DT, "20230101120000");
        ds.putString(Tag.StudyTime, VR.TM, "120000");
        ds.putString(Tag.Manufacturer, VR.LO, "SIEMENS");
        ds.putString(Tag.PatientName, VR.PN, "SIMPSON^HOMER^J^");
        ds.putString(Tag.PatientID, VR.LO, "M1212121");
        ds.putString(Tag.OtherPatientIDs, VR.LO, "ID-1\\ID-2");
        ds.putLong(Tag.PregnancyStatus, VR.US, 4);
        ds.putLong(Tag.Rows, VR.US, 512);
        ds.put(sequence(Tag.RequestedProcedureCodeSequence, code("XR", "Chest")));
        Dataset request = new Dataset();
        request.putString(Tag.RequestedProcedureID, VR.SH, "RP-77");
        request.put(sequence(Tag.RequestedProcedureCodeSequence, code("CT", "Head")));
        ds.put(sequence(Tag.RequestAttributesSequence, request));
        ds.putString(CSA_CREATOR, VR.LO, "SIEMENS CSA HEADER");
        ds.put(Element.of(CSA_21, VR.UN, "20230101".getBytes(StandardCharsets.US_ASCII)));
        ds.putString(MITRA_CREATOR, VR.LO, MITRA);
        ds.putString(MITRA_1E, VR.LO, "SIMPSON^HOMER");
        return ds;
    }

    static Dataset code(String value, String meaning) {
        Dataset item = new Dataset();
        item.putString(Tag.CodeValue, VR.SH, value);
        item.putString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
        item.putString(Tag.CodeMeaning, VR.LO, meaning);
        return item;
    }

    static Element sequence(int tag, Dataset... items) {
        Sequence sequence = new Sequence(false);
        for (Dataset item : items) {
            sequence.add(item);
        }
        return Element.of(tag, VR.SQ, sequence);
    }

    /** The item {@code index} of sequence {@code tag}. */
    static Dataset item(Dataset ds, int tag, int index) {
        return ds.get(tag).sequence().get(index);
    }

    /** The value of a text (or, for UN, byte) element as the cleaner left it, padding removed; null when absent. */
    static String text(Dataset ds, int tag) {
        Element e = ds.get(tag);
        if (e == null) {
            return null;
        }
        if (e.vr() == VR.UN || e.vr() == VR.OB) {
            return new String(e.bytes(), StandardCharsets.UTF_8).replace("\0", "");
        }
        return String.join("\\", Values.strings(e, ds.specificCharacterSet(), true));
    }

    static HeaderCleaner cleaner(Recipe recipe) throws RecipeException {
        return new HeaderCleaner(recipe, Map.of(), new HeaderOptions(null, false));
    }

    static Dataset clean(Dataset ds, String... lines) throws Exception {
        cleaner(Recipes.recipe(lines)).clean(ds, Map.of());
        return ds;
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put((String) pairs[i], pairs[i + 1]);
        }
        return vars;
    }

    static List<String> items(Dataset ds, int tag) {
        return ds.get(tag).sequence().items().stream().map(item -> text(item, Tag.CodeValue)).toList();
    }
}
