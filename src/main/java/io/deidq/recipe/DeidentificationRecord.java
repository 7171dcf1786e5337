package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * What a cleaned image says about its de-identification (PS3.15 E.1.1, PS3.3 C.12.1), written after
 * the recipe so that no recipe can leave an image that does not say it was cleaned: Patient
 * Identity Removed YES; De-identification Method as the recipe set it (else the recipes' names),
 * with Clean Pixel Data Option added when the pixels were cleaned; and the De-identification
 * Method Code Sequence, a code for each method that is a CID 7050 meaning.
 */
final class DeidentificationRecord {

    private static final int LO_MAX = 64;

    private final List<String> recipes;

    /** @param recipes the names of the image recipes, for an image whose recipe says nothing of its method */
    DeidentificationRecord(List<String> recipes) {
        this.recipes = List.copyOf(recipes);
    }

    void write(Dataset dataset, boolean pixelsCleaned) {
        dataset.putString(Tag.PatientIdentityRemoved, VR.CS, "YES");
        List<String> methods = new ArrayList<>(List.of(dataset.getStrings(Tag.DeidentificationMethod)));
        methods.removeIf(String::isEmpty);
        if (methods.isEmpty()) {
            for (String recipe : recipes) {
                String method = "deidq recipe " + recipe;
                methods.add(method.length() > LO_MAX ? method.substring(method.length() - LO_MAX) : method);
            }
        }
        if (pixelsCleaned && !methods.contains(DeidentificationCode.CLEAN_PIXEL_DATA.meaning())) {
            methods.add(DeidentificationCode.CLEAN_PIXEL_DATA.meaning());
        }
        dataset.putString(Tag.DeidentificationMethod, VR.LO, methods.toArray(String[]::new));
        Sequence codes = new Sequence(false);
        for (String method : methods) {
            DeidentificationCode code = DeidentificationCode.byMeaning(method);
            if (code != null) {
                codes.add(item(code));
            }
        }
        dataset.put(Element.of(Tag.DeidentificationMethodCodeSequence, VR.SQ, codes));
    }

    private static Dataset item(DeidentificationCode code) {
        Dataset item = new Dataset();
        item.putString(Tag.CodeValue, VR.SH, code.value());
        item.putString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
        item.putString(Tag.CodeMeaning, VR.LO, code.meaning());
        return item;
    }
}
