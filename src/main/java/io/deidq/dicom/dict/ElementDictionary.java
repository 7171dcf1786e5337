package io.deidq.dicom.dict;

import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The standard's data dictionary (PS3.6 and PS3.7), as generated into elements.tsv. */
public final class ElementDictionary {

    private static final Map<Integer, DictionaryEntry> BY_TAG = new HashMap<>(8192);
    private static final Map<String, Integer> BY_KEYWORD = new HashMap<>(8192);
    private static final List<Range> RANGES = new ArrayList<>();

    /** A repeating group such as (60xx,3000), or the generic rows for private creators and group lengths. */
    private record Range(int groupFrom, int groupTo, char groupParity, int elementFrom, int elementTo,
                         char elementParity, DictionaryEntry entry) {

        boolean matches(int tag) {
            return within(Tags.group(tag), groupFrom, groupTo, groupParity)
                    && within(Tags.element(tag), elementFrom, elementTo, elementParity);
        }

        private static boolean within(int value, int from, int to, char parity) {
            if (value < from || value > to) {
                return false;
            }
            return from == to || parity == 'u' || (parity == 'e') == (value % 2 == 0);
        }
    }

    static {
        List<Range> generic = new ArrayList<>();
        for (String[] f : DictionaryFile.rows("elements.tsv", 11)) {
            DictionaryEntry entry = new DictionaryEntry(f[8], f[6], implicitVR(f[6]), f[7], f[9].equals("1"));
            int groupFrom = DictionaryFile.hex(f[0]);
            int elementFrom = DictionaryFile.hex(f[3]);
            boolean single = f[0].equals(f[1]) && f[3].equals(f[4]);
            boolean standard = f[10].equals("standard");
            if (single && standard) {
                BY_TAG.put(Tags.of(groupFrom, elementFrom), entry);
            } else {
                Range range = new Range(groupFrom, DictionaryFile.hex(f[1]), f[2].charAt(0),
                        elementFrom, DictionaryFile.hex(f[4]), f[5].charAt(0), entry);
                (standard ? RANGES : generic).add(range);
            }
            if (standard) {
                BY_KEYWORD.put(f[8], Tags.of(groupFrom, elementFrom));
            }
        }
        // The specific rows first: a repeating group must win over a generic group-length row.
        RANGES.addAll(generic);
    }

    private ElementDictionary() {
    }

    /** The entry for a tag, repeating groups included; null for tags the standard does not define. */
    public static DictionaryEntry lookup(int tag) {
        DictionaryEntry entry = BY_TAG.get(tag);
        if (entry != null) {
            return entry;
        }
        for (Range range : RANGES) {
            if (range.matches(tag)) {
                return range.entry;
            }
        }
        return null;
    }

    /** The tag of a keyword (for a repeating group, its first group, e.g. 0x60003000), or -1. */
    public static int tagOf(String keyword) {
        Integer tag = BY_KEYWORD.get(keyword);
        return tag == null ? -1 : tag;
    }

    /** The keyword of a tag, or the empty string. */
    public static String keywordOf(int tag) {
        DictionaryEntry entry = lookup(tag);
        return entry == null ? "" : entry.keyword();
    }

    /** The VR implicit VR encoding assumes for an alternative list such as "OB|OW", as dcmtk does. */
    static VR implicitVR(String vrs) {
        return switch (vrs) {
            case "" -> null;
            case "OB|OW", "US|SS|OW" -> VR.OW;
            case "US|SS" -> VR.US;
            default -> VR.valueOf(vrs);
        };
    }
}
