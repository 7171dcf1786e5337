package io.deidq.recipe;

import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a recipe names one element: a keyword of the dictionary in any case (deid matches them
 * case-insensitively), a tag {@code (gggg,eeee)} or {@code ggggeeee}, and in filters also
 * {@code 0xggggeeee}. Element names ("Patient's Name") are {@link ElementNames}'.
 */
final class FieldNames {

    private static final Pattern PARENTHESISED_TAG = Pattern.compile("\\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\\)");
    private static final Pattern STRIPPED_TAG = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern HEX_TAG = Pattern.compile("0[xX]([0-9A-Fa-f]{8})");

    private FieldNames() {
    }

    /** The dictionary's keyword spelled as the recipe may spell it, in any case; null when there is none. */
    static String keyword(String name) {
        return Keywords.BY_LOWER_CASE.get(name.toLowerCase(Locale.ROOT));
    }

    /** The tag of {@code (gggg,eeee)} or {@code ggggeeee}, or -1 when the text is neither. */
    static int tag(String text) {
        Matcher parenthesised = PARENTHESISED_TAG.matcher(text);
        if (parenthesised.matches()) {
            return Tags.of(Integer.parseInt(parenthesised.group(1), 16), Integer.parseInt(parenthesised.group(2), 16));
        }
        return STRIPPED_TAG.matcher(text).matches() ? (int) Long.parseLong(text, 16) : -1;
    }

    static boolean isParenthesisedTag(String text) {
        return PARENTHESISED_TAG.matcher(text).matches();
    }

    /** The tag a filter criterion names: a keyword, {@code (gggg,eeee)}, {@code ggggeeee} or {@code 0xggggeeee}; -1 when none. */
    static int filterTag(String field) {
        Matcher hex = HEX_TAG.matcher(field);
        if (hex.matches()) {
            return (int) Long.parseLong(hex.group(1), 16);
        }
        int tag = tag(field);
        if (tag != -1) {
            return tag;
        }
        String keyword = keyword(field);
        return keyword == null ? -1 : ElementDictionary.tagOf(keyword);
    }

    /** Whether the dictionary knows the tag as a sequence. */
    static boolean isSequence(int tag) {
        DictionaryEntry entry = ElementDictionary.lookup(tag);
        return entry != null && entry.vr() == VR.SQ;
    }

    /** A sequence, or a tag the dictionary does not know (a private one), which may be one. */
    static boolean maybeSequence(int tag) {
        return ElementDictionary.lookup(tag) == null || isSequence(tag);
    }

    /**
     * ElementDictionary finds keywords in their exact case only; the generated Tag constants,
     * one per keyword, give the index that finds them in any case.
     */
    private static final class Keywords {

        static final Map<String, String> BY_LOWER_CASE = new HashMap<>(8192);

        static {
            for (Field field : Tag.class.getFields()) {
                if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())
                        && ElementDictionary.tagOf(field.getName()) != -1) {
                    BY_LOWER_CASE.put(field.getName().toLowerCase(Locale.ROOT), field.getName());
                }
            }
        }
    }
}
