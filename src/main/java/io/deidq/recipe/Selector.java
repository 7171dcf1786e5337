package io.deidq.recipe;

import io.deidq.dicom.data.VR;

import java.util.regex.Pattern;

/**
 * Which fields a header action reaches (deid's "expanders", reference/deid-and-dasher.md 1.4).
 * Fields are indexed flat, sequences expanded; a keyword or tag matches at every depth.
 */
public sealed interface Selector {

    /** A keyword, element name, tag {@code (gggg,eeee)} or {@code ggggeeee}, or a nested path, matched exactly, case-insensitively. */
    record Field(String name) implements Selector {
    }

    /** {@code (gggg,"CREATOR",ee)}: a private element by group, creator and the low byte of its element number. */
    record PrivateTag(int group, String creator, int element) implements Selector {
    }

    /** {@code contains:RE}: the regex found anywhere in the field's names or tag. */
    record Contains(Pattern pattern) implements Selector {
    }

    /** {@code startswith:RE}: keyword or element name begins with it. */
    record StartsWith(Pattern pattern) implements Selector {
    }

    /** {@code endswith:RE}: keyword or element name ends with it. */
    record EndsWith(Pattern pattern) implements Selector {
    }

    /** {@code except:RE}: every field that {@code contains:RE} does not match. */
    record Except(Pattern pattern) implements Selector {
    }

    /** {@code select:VR:XX}. */
    record SelectVR(VR vr) implements Selector {
    }

    /** {@code select:group:GGGG}. */
    record SelectGroup(int group) implements Selector {
    }

    /** {@code fields:NAME}: the fields of a {@code %fields} list, each at every depth. */
    record Fields(String list) implements Selector {
    }

    /** {@code values:NAME}: fields whose value contains an entry of a {@code %values} list, matched literally. */
    record Values(String list) implements Selector {
    }

    /** {@code ALL}: every field, File Meta Information included. */
    record All() implements Selector {
    }
}
