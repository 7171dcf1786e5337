package io.deidq.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The items of a sequence element. Remembers whether it was encoded with undefined length so that
 * a file read and written unchanged keeps its encoding, and whether its items are implicit VR
 * little endian inside an explicit VR data set (an undefined-length UN element, PS3.5 6.2.2).
 */
public final class Sequence implements Iterable<Dataset> {

    private final List<Dataset> items = new ArrayList<>();
    private final boolean undefinedLength;
    private final boolean implicitLittleEndianItems;
    private Dataset owner;

    public Sequence(boolean undefinedLength) {
        this(undefinedLength, false);
    }

    public Sequence(boolean undefinedLength, boolean implicitLittleEndianItems) {
        this.undefinedLength = undefinedLength;
        this.implicitLittleEndianItems = implicitLittleEndianItems;
    }

    public boolean undefinedLength() {
        return undefinedLength;
    }

    public boolean implicitLittleEndianItems() {
        return implicitLittleEndianItems;
    }

    public void add(Dataset item) {
        item.attachTo(this);
        items.add(item);
    }

    public Dataset get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<Dataset> items() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public Iterator<Dataset> iterator() {
        return items().iterator();
    }

    /** The data set that holds this sequence's element; its character set applies to the items. */
    Dataset owner() {
        return owner;
    }

    void ownedBy(Dataset dataset) {
        owner = dataset;
    }
}
