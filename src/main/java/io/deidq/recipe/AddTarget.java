package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.PrivateDictionary;

/**
 * The element an ADD writes: at top level, by keyword or tag, or a private element by its creator
 * (deid's add_field takes no selector). A tag the dictionaries do not know is written as ST, as deid does.
 */
sealed interface AddTarget {

    static AddTarget of(Selector selector, Origin origin) throws RecipeException {
        if (selector instanceof Selector.PrivateTag p) {
            return new PrivateElement(p.group(), p.creator(), p.element());
        }
        if (!(selector instanceof Selector.Field field)) {
            throw new RecipeException(origin, "ADD writes one element named by keyword or tag, not a selection of fields");
        }
        String text = field.name().strip();
        long tag = FieldMatcher.tagOf(text);
        if (tag < 0) {
            String keyword = ElementNames.keyword(text);
            if (keyword == null) {
                throw new RecipeException(origin, "ADD names no element of the dictionary: " + text
                        + " is neither a keyword nor a tag (gggg,eeee)");
            }
            tag = Integer.toUnsignedLong(ElementDictionary.tagOf(keyword));
        }
        int t = (int) tag;
        if (Tags.group(t) == 0x0002) {
            throw new RecipeException(origin, "ADD cannot write File Meta Information: the writer makes it from the data set");
        }
        if (FieldIndex.skipped(t)) {
            throw new RecipeException(origin, "ADD cannot write " + text + ": deid's index leaves it out, so no recipe line may change it");
        }
        return new PublicOrKnownTag(t);
    }

    /** The tag in this data set's top level, or -1 when a private creator named has no block there. */
    int tagIn(Dataset dataset);

    /** The VR an element ADD creates gets, where there is none to keep. */
    static VR vrOf(Dataset dataset, int tag) {
        DictionaryEntry entry = Tags.isPrivate(tag)
                ? privateEntry(dataset, tag)
                : ElementDictionary.lookup(tag);
        return entry == null || entry.vr() == null ? VR.ST : entry.vr();
    }

    private static DictionaryEntry privateEntry(Dataset dataset, int tag) {
        String creator = FieldIndex.creatorOf(dataset, tag);
        return creator == null ? null : PrivateDictionary.lookup(creator, tag);
    }

    record PublicOrKnownTag(int tag) implements AddTarget {

        @Override
        public int tagIn(Dataset dataset) {
            return tag;
        }
    }

    /** {@code (gggg,"CREATOR",ee)}: the element ee of the block the creator reserved in the group. */
    record PrivateElement(int group, String creator, int element) implements AddTarget {

        @Override
        public int tagIn(Dataset dataset) {
            for (int block = 0x10; block <= 0xFF; block++) {
                Element e = dataset.get(Tags.of(group, block));
                if (e != null && e.isInMemory() && creator.equalsIgnoreCase(FieldIndex.creatorOf(dataset, Tags.of(group, (block << 8) | element)))) {
                    return Tags.of(group, (block << 8) | element);
                }
            }
            return -1;
        }
    }
}
