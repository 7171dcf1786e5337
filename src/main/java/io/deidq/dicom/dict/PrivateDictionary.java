package io.deidq.dicom.dict;

import io.deidq.dicom.data.Tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Private elements that vendors have published, by private creator, as generated into private-elements.tsv. */
public final class PrivateDictionary {

    private static final Map<String, DictionaryEntry> BY_KEY = new HashMap<>(4096);
    private static final List<GroupRange> GROUP_RANGES = new ArrayList<>();

    private record GroupRange(int from, int to, String creator, int element, boolean exact, DictionaryEntry entry) {
    }

    static {
        for (String[] f : DictionaryFile.rows("private-elements.tsv", 8)) {
            DictionaryEntry entry = new DictionaryEntry(f[7], f[5], ElementDictionary.implicitVR(f[5]), f[6], false);
            boolean exact = f[4].length() == 4;
            int element = DictionaryFile.hex(f[4]);
            if (f[0].equals(f[1])) {
                BY_KEY.put(key(f[3], DictionaryFile.hex(f[0]), element, exact), entry);
            } else {
                GROUP_RANGES.add(new GroupRange(DictionaryFile.hex(f[0]), DictionaryFile.hex(f[1]), f[3], element, exact, entry));
            }
        }
    }

    private PrivateDictionary() {
    }

    /** The entry for private element {@code tag} in the block its {@code creator} reserved, or null. */
    public static DictionaryEntry lookup(String creator, int tag) {
        int group = Tags.group(tag);
        int element = Tags.element(tag);
        DictionaryEntry entry = BY_KEY.get(key(creator, group, element & 0xFF, false));
        if (entry == null) {
            entry = BY_KEY.get(key(creator, group, element, true));
        }
        if (entry != null) {
            return entry;
        }
        for (GroupRange range : GROUP_RANGES) {
            if (group >= range.from && group <= range.to && (group & 1) == 1 && range.creator.equals(creator)
                    && range.element == (range.exact ? element : element & 0xFF)) {
                return range.entry;
            }
        }
        return null;
    }

    private static String key(String creator, int group, int element, boolean exact) {
        return creator + '\u0000' + group + (exact ? ":" : ".") + element;
    }
}
