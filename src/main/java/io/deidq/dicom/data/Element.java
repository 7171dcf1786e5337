package io.deidq.dicom.data;

/**
 * One data element: tag, VR and value. The value is one of: {@code byte[]} (as encoded, little
 * endian for binary VRs, with its padding), {@link BulkData} (left in the file), {@link Sequence}
 * or {@link Fragments}. Byte arrays are shared, not copied: treat them as read-only.
 */
public final class Element {

    private static final byte[] EMPTY = new byte[0];

    private final int tag;
    private final VR vr;
    private final Object value;

    private Element(int tag, VR vr, Object value) {
        if (vr == null) {
            throw new IllegalArgumentException("element " + Tags.toString(tag) + " has no VR");
        }
        this.tag = tag;
        this.vr = vr;
        this.value = value;
    }

    public static Element of(int tag, VR vr, byte[] value) {
        return new Element(tag, vr, value == null ? EMPTY : value);
    }

    public static Element of(int tag, VR vr, BulkData value) {
        return new Element(tag, vr, value);
    }

    public static Element of(int tag, VR vr, Sequence value) {
        return new Element(tag, vr, value);
    }

    public static Element of(int tag, VR vr, Fragments value) {
        return new Element(tag, vr, value);
    }

    public static Element empty(int tag, VR vr) {
        return vr == VR.SQ ? new Element(tag, vr, new Sequence(false)) : new Element(tag, vr, EMPTY);
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    /** The raw value object; see the class comment for its types. */
    public Object value() {
        return value;
    }

    public boolean isSequence() {
        return value instanceof Sequence;
    }

    public boolean isFragments() {
        return value instanceof Fragments;
    }

    public boolean isBulk() {
        return value instanceof BulkData;
    }

    public boolean isInMemory() {
        return value instanceof byte[];
    }

    public Sequence sequence() {
        if (value instanceof Sequence s) {
            return s;
        }
        throw new IllegalStateException(Tags.toString(tag) + " " + vr + " is not a sequence");
    }

    public Fragments fragments() {
        if (value instanceof Fragments f) {
            return f;
        }
        throw new IllegalStateException(Tags.toString(tag) + " " + vr + " is not encapsulated pixel data");
    }

    public BulkData bulkData() {
        if (value instanceof BulkData b) {
            return b;
        }
        throw new IllegalStateException(Tags.toString(tag) + " " + vr + " is not bulk data");
    }

    /** The value bytes, little endian for binary VRs; only for values held in memory. */
    public byte[] bytes() {
        if (value instanceof byte[] b) {
            return b;
        }
        throw new IllegalStateException(Tags.toString(tag) + " " + vr + " is not held in memory");
    }

    /** Length of the value in bytes as held (before any padding a writer adds); -1 for sequences and fragments. */
    public long length() {
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof BulkData b) {
            return b.length();
        }
        return -1;
    }

    /** No value: zero bytes, or a sequence without items, or fragments without any item. */
    public boolean isEmpty() {
        if (value instanceof Sequence s) {
            return s.isEmpty();
        }
        if (value instanceof Fragments f) {
            return f.size() == 0;
        }
        return length() == 0;
    }

    @Override
    public String toString() {
        return Tags.toString(tag) + " " + vr + (isSequence() ? " #" + sequence().size() : " " + length() + " bytes");
    }
}
