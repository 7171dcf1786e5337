package io.deidq.dicom.data;

import io.deidq.dicom.charset.SpecificCharacterSet;
import io.deidq.dicom.dict.Tag;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A data set or sequence item: elements kept in ascending tag order, as PS3.5 7.1 requires.
 * An item knows the sequence that holds it, so that it inherits the Specific Character Set of
 * the data set around it unless it declares its own (PS3.5 7.5.3).
 */
public final class Dataset implements Iterable<Element> {

    private Element[] elements;
    private int size;
    private Sequence container;
    private boolean undefinedLength;
    private SpecificCharacterSet characterSet;

    private static final Element[] NONE = new Element[0];

    public Dataset() {
        elements = NONE;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Element get(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? elements[i] : null;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** Adds the element, or replaces the one with the same tag, which it returns. */
    public Element put(Element element) {
        int tag = element.tag();
        if (element.value() instanceof Sequence s) {
            s.ownedBy(this);
        }
        if (tag == Tag.SpecificCharacterSet) {
            characterSet = null;
        }
        if (size == 0 || Integer.compareUnsigned(tag, elements[size - 1].tag()) > 0) {
            ensureCapacity();
            elements[size++] = element;
            return null;
        }
        int i = indexOf(tag);
        if (i >= 0) {
            Element previous = elements[i];
            elements[i] = element;
            return previous;
        }
        int at = -(i + 1);
        ensureCapacity();
        System.arraycopy(elements, at, elements, at + 1, size - at);
        elements[at] = element;
        size++;
        return null;
    }

    public Element remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        Element removed = elements[i];
        System.arraycopy(elements, i + 1, elements, i, size - i - 1);
        elements[--size] = null;
        if (tag == Tag.SpecificCharacterSet) {
            characterSet = null;
        }
        return removed;
    }

    /** The elements in tag order, as a read-only view. */
    public List<Element> elements() {
        return new AbstractList<>() {
            @Override
            public Element get(int index) {
                if (index >= size) {
                    throw new IndexOutOfBoundsException(index);
                }
                return elements[index];
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Iterator<Element> iterator() {
        return elements().iterator();
    }

    /**
     * A copy whose elements and sequence items can be put, replaced and removed without touching
     * this one. Values are shared: an element is replaced, never changed in place, so sharing is safe.
     */
    public Dataset copy() {
        Dataset copy = new Dataset();
        copy.undefinedLength = undefinedLength;
        for (int i = 0; i < size; i++) {
            Element e = elements[i];
            if (e.isSequence()) {
                Sequence items = new Sequence(e.sequence().undefinedLength(), e.sequence().implicitLittleEndianItems());
                for (Dataset item : e.sequence()) {
                    items.add(item.copy());
                }
                copy.put(Element.of(e.tag(), e.vr(), items));
            } else {
                copy.put(e);
            }
        }
        return copy;
    }

    /** The data set whose sequence holds this item, or null for a top-level data set. */
    public Dataset parent() {
        return container == null ? null : container.owner();
    }

    /** Whether this item was encoded with undefined length; a writer keeps the encoding. */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    public void undefinedLength(boolean undefined) {
        undefinedLength = undefined;
    }

    void attachTo(Sequence sequence) {
        container = sequence;
    }

    /**
     * This data set's own Specific Character Set (0008,0005), else its parent's, else the default
     * repertoire. Only its own is cached, so that a change around an item reaches the item.
     */
    public SpecificCharacterSet specificCharacterSet() {
        if (characterSet != null) {
            return characterSet;
        }
        Element own = get(Tag.SpecificCharacterSet);
        if (own != null && own.isInMemory()) {
            characterSet = SpecificCharacterSet.of(Values.strings(own, SpecificCharacterSet.DEFAULT, false));
            return characterSet;
        }
        Dataset parent = parent();
        return parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
    }

    /** The first value of a text element, without padding; null when absent or empty. */
    public String getString(int tag) {
        String[] values = getStrings(tag);
        return values.length == 0 || values[0].isEmpty() ? null : values[0];
    }

    /** Every value of a text element, without padding; empty when absent or empty. */
    public String[] getStrings(int tag) {
        Element e = get(tag);
        if (e == null || !e.isInMemory()) {
            return new String[0];
        }
        return Values.strings(e, specificCharacterSet(), true);
    }

    /** The first value of an integer element (binary, or IS), else {@code orElse}. */
    public long getLong(int tag, long orElse) {
        Element e = get(tag);
        if (e == null || !e.isInMemory()) {
            return orElse;
        }
        long[] values = Values.longs(e);
        return values.length == 0 ? orElse : values[0];
    }

    public int getInt(int tag, int orElse) {
        return (int) getLong(tag, orElse);
    }

    /** Sets a text element, encoding the values with this data set's character set. */
    public void putString(int tag, VR vr, String... values) {
        put(Element.of(tag, vr, Values.encode(vr, specificCharacterSet(), values)));
    }

    /** Sets a binary integer element (US, SS, UL, SL, UV, SV, AT) to the given values. */
    public void putLong(int tag, VR vr, long... values) {
        put(Element.of(tag, vr, Values.encode(vr, values)));
    }

    private void ensureCapacity() {
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, Math.max(8, size * 2));
        }
    }

    private int indexOf(int tag) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Integer.compareUnsigned(elements[mid].tag(), tag);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
