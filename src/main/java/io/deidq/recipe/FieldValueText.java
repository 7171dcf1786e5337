package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The value of an element as the text deid's functions and value lists see: one string per value, padding removed. */
final class FieldValueText {

    private FieldValueText() {
    }

    static List<String> values(IndexedField field) {
        Element e = field.element();
        return e == null ? List.of() : values(field.dataset, e, field.vr);
    }

    /**
     * The values of {@code e} read as {@code vr} (its VR as pydicom reads it). Bytes (OB, UN) read
     * as text, so that a private element holding a name is found; sequences, values left in the
     * file and other binary data give none.
     */
    static List<String> values(Dataset dataset, Element e, VR vr) {
        if (!e.isInMemory() || e.isEmpty()) {
            return List.of();
        }
        if (vr == VR.OB || vr == VR.UN) {
            return List.of(stripPadding(new String(e.bytes(), StandardCharsets.ISO_8859_1)));
        }
        if (vr == VR.OW || vr == VR.OL || vr == VR.OV) {
            return List.of();
        }
        Element read = vr == e.vr() ? e : Element.of(e.tag(), vr, e.bytes());
        return List.of(Values.strings(read, dataset.specificCharacterSet(), true));
    }

    /** The values joined by backslash, as a {@link RecipeFunction} receives them. */
    static String text(Dataset dataset, Element e, VR vr) {
        return e == null ? "" : String.join("\\", values(dataset, e, vr));
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\0' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return text.substring(0, end);
    }
}
