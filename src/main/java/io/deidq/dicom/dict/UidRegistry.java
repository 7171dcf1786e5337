package io.deidq.dicom.dict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The standard's UID registry (PS3.6 Table A-1), as generated into uids.tsv. */
public final class UidRegistry {

    public enum Type { TransferSyntax, SOPClass, ApplicationContext, Other }

    public record Entry(String uid, String keyword, Type type, boolean storage, boolean retired) {
    }

    private static final Map<String, Entry> BY_UID = new HashMap<>(1024);
    private static final List<Entry> ALL = new ArrayList<>();

    static {
        for (String[] f : DictionaryFile.rows("uids.tsv", 5)) {
            Entry entry = new Entry(f[0], f[1], Type.valueOf(f[2]), f[3].equals("1"), f[4].equals("1"));
            BY_UID.put(entry.uid(), entry);
            ALL.add(entry);
        }
    }

    private UidRegistry() {
    }

    /** The registry entry of a UID, or null when the standard does not define it. */
    public static Entry lookup(String uid) {
        return BY_UID.get(uid);
    }

    public static boolean isStorageSOPClass(String uid) {
        Entry entry = BY_UID.get(uid);
        return entry != null && entry.storage();
    }

    /** Every Storage SOP Class of the standard, retired ones included, in UID order. */
    public static List<Entry> storageSOPClasses() {
        return ALL.stream().filter(Entry::storage).toList();
    }

    public static List<Entry> transferSyntaxes() {
        return ALL.stream().filter(e -> e.type() == Type.TransferSyntax).toList();
    }

    public static List<Entry> all() {
        return Collections.unmodifiableList(ALL);
    }
}
