package io.deidq.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table item followed by the fragments,
 * each held as {@code byte[]} or, when large, as {@link BulkData}. Passed through untouched.
 */
public final class Fragments {

    private final List<Object> items = new ArrayList<>();
    private BulkData encoded;

    public void add(byte[] fragment) {
        items.add(fragment);
    }

    public void add(BulkData fragment) {
        items.add(fragment);
    }

    public int size() {
        return items.size();
    }

    /** Item {@code index}: a {@code byte[]} or a {@link BulkData}. Item 0 is the Basic Offset Table. */
    public Object get(int index) {
        return items.get(index);
    }

    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    /**
     * Where the whole encapsulated value (items and delimiter) lies in the file it was read from,
     * or null when it was not read from a file; what a bulk data URI for the element names.
     */
    public BulkData encoded() {
        return encoded;
    }

    public void encoded(BulkData region) {
        encoded = region;
    }

    /** Length of item {@code index} in bytes. */
    public long length(int index) {
        Object item = items.get(index);
        return item instanceof BulkData bulk ? bulk.length() : ((byte[]) item).length;
    }
}
