package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * deid's field index of one data set (reference 1.4): every element, flat, sequences expanded, in
 * pre-order, private elements with the creator of their block, less deid's skip list (config.json:
 * pixel data, the palette lookup table data, VOILUTSequence and what it holds, the file meta
 * elements a writer makes).
 */
final class FieldIndex {

    private static final int[] SKIPPED = {
            Tag.PixelData, Tag.RedPaletteColorLookupTableData, Tag.GreenPaletteColorLookupTableData,
            Tag.BluePaletteColorLookupTableData, Tag.VOILUTSequence, Tag.FileMetaInformationGroupLength,
            Tag.FileMetaInformationVersion, Tag.TransferSyntaxUID, Tag.ImplementationClassUID};

    private FieldIndex() {
    }

    static boolean skipped(int tag) {
        for (int skipped : SKIPPED) {
            if (skipped == tag) {
                return true;
            }
        }
        return false;
    }

    static List<IndexedField> of(Dataset dataset) {
        List<IndexedField> fields = new ArrayList<>(dataset.size() * 2);
        add(dataset, null, 0, fields);
        return fields;
    }

    private static void add(Dataset dataset, IndexedField parent, int item, List<IndexedField> fields) {
        for (Element e : dataset) {
            int tag = e.tag();
            if (skipped(tag)) {
                continue;
            }
            IndexedField field = new IndexedField(dataset, tag, parent, item, creatorOf(dataset, tag),
                    readVR(e), fields.size(), true);
            fields.add(field);
            if (e.isSequence()) {
                List<Dataset> items = e.sequence().items();
                for (int i = 0; i < items.size(); i++) {
                    add(items.get(i), field, i, fields);
                }
                field.subtreeEnd = fields.size();
            }
        }
    }

    /** The creator that reserved the block of a private element, as pydicom reads it; null for other elements. */
    static String creatorOf(Dataset dataset, int tag) {
        if (!Tags.isPrivate(tag) || Tags.element(tag) < 0x1000) {
            return null;
        }
        Element creator = dataset.get(Tags.privateCreatorOf(tag));
        if (creator == null || !creator.isInMemory()) {
            return null;
        }
        return new String(creator.bytes(), StandardCharsets.ISO_8859_1).strip().replace("\0", "");
    }

    /** pydicom replaces UN by the dictionary's VR for public elements, so its selectors and conversions see that VR. */
    static VR readVR(Element e) {
        if (e.vr() != VR.UN || Tags.isPrivate(e.tag())) {
            return e.vr();
        }
        DictionaryEntry entry = ElementDictionary.lookup(e.tag());
        if (entry == null || entry.vr() == null || (entry.vr() == VR.SQ) != e.isSequence()) {
            return e.vr();
        }
        return entry.vr();
    }
}
