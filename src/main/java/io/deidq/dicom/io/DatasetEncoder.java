package io.deidq.dicom.io;

import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.ByteOrderSwap;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;

import java.io.IOException;
import java.util.List;

/**
 * Encodes a data set in one of the three encodings of PS3.5: even lengths (padding odd values
 * with the VR's padding byte), defined lengths computed from the content, undefined lengths and
 * delimitation items where the data set was read with them, and group lengths recomputed.
 */
final class DatasetEncoder {

    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final long MAX_SHORT_LENGTH = 0xFFFF;
    private static final long MAX_LENGTH = 0xFFFFFFFEL;

    private final ByteSink out;

    DatasetEncoder(ByteSink out) {
        this.out = out;
    }

    void write(Dataset dataset, Encoding enc) throws IOException {
        List<Element> elements = dataset.elements();
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            if (Tags.isGroupLength(e.tag()) && e.vr() == VR.UL && e.length() == 4) {
                writeGroupLength(e.tag(), groupLength(elements, i + 1, enc), enc);
            } else {
                writeElement(e, enc);
            }
        }
    }

    /** Bytes that {@link #write} produces for the data set. */
    static long length(Dataset dataset, Encoding enc) {
        long length = 0;
        for (Element e : dataset) {
            length += elementLength(e, enc);
        }
        return length;
    }

    private static long groupLength(List<Element> elements, int from, Encoding enc) {
        int group = Tags.group(elements.get(from - 1).tag());
        long length = 0;
        for (int i = from; i < elements.size() && Tags.group(elements.get(i).tag()) == group; i++) {
            length += elementLength(elements.get(i), enc);
        }
        return length;
    }

    private void writeGroupLength(int tag, long length, Encoding enc) throws IOException {
        header(tag, VR.UL, 4, enc);
        out.u32(length, enc.bigEndian);
    }

    private void writeElement(Element e, Encoding enc) throws IOException {
        Object value = e.value();
        if (value instanceof Sequence sequence) {
            writeSequence(e, sequence, enc);
        } else if (value instanceof Fragments fragments) {
            writeFragments(e, fragments, enc);
        } else {
            long length = e.length();
            long padded = length + (length & 1);
            header(e.tag(), encodedVR(e, padded, enc), checkedLength(e, padded), enc);
            if (value instanceof BulkData bulk) {
                out.bulk(bulk, e.vr().unitSize(), enc.bigEndian);
            } else {
                byte[] bytes = e.bytes();
                int unit = e.vr().unitSize();
                if (enc.bigEndian && unit > 1) {
                    bytes = bytes.clone();
                    ByteOrderSwap.swap(bytes, 0, bytes.length - bytes.length % unit, unit);
                }
                out.bytes(bytes, 0, bytes.length);
            }
            if (padded != length) {
                out.u8(e.vr().padding());
            }
        }
    }

    private void writeSequence(Element e, Sequence sequence, Encoding enc) throws IOException {
        // An undefined-length UN holds its items in implicit VR little endian (PS3.5 6.2.2).
        boolean unknown = e.vr() == VR.UN && enc.explicitVR;
        Encoding itemEncoding = unknown ? Encoding.IMPLICIT_LITTLE_ENDIAN : enc;
        boolean undefined = sequence.undefinedLength() || unknown;
        header(e.tag(), e.vr(), undefined ? UNDEFINED : checkedLength(e, itemsLength(sequence, itemEncoding)), enc);
        for (Dataset item : sequence) {
            out.tag(Tags.ITEM, itemEncoding.bigEndian);
            out.u32(item.undefinedLength() ? UNDEFINED : checkedLength(e, length(item, itemEncoding)), itemEncoding.bigEndian);
            write(item, itemEncoding);
            if (item.undefinedLength()) {
                delimiter(Tags.ITEM_DELIMITATION, itemEncoding);
            }
        }
        if (undefined) {
            delimiter(Tags.SEQUENCE_DELIMITATION, enc);
        }
    }

    private void writeFragments(Element e, Fragments fragments, Encoding enc) throws IOException {
        if (enc.bigEndian) {
            throw new IOException("encapsulated Pixel Data cannot be encoded in explicit VR big endian");
        }
        header(e.tag(), e.vr(), UNDEFINED, enc);
        for (int i = 0; i < fragments.size(); i++) {
            long length = fragments.length(i);
            long padded = length + (length & 1);
            out.tag(Tags.ITEM, false);
            out.u32(padded, false);
            if (fragments.get(i) instanceof BulkData bulk) {
                out.bulk(bulk, 1, false);
            } else {
                byte[] bytes = (byte[]) fragments.get(i);
                out.bytes(bytes, 0, bytes.length);
            }
            if (padded != length) {
                out.u8(0);
            }
        }
        delimiter(Tags.SEQUENCE_DELIMITATION, enc);
    }

    private void header(int tag, VR vr, long length, Encoding enc) throws IOException {
        out.tag(tag, enc.bigEndian);
        if (!enc.explicitVR) {
            out.u32(length, false);
            return;
        }
        out.u8(vr.name().charAt(0));
        out.u8(vr.name().charAt(1));
        if (vr.longLength()) {
            out.u16(0, enc.bigEndian);
            out.u32(length, enc.bigEndian);
        } else {
            out.u16((int) length, enc.bigEndian);
        }
    }

    private void delimiter(int tag, Encoding enc) throws IOException {
        out.tag(tag, enc.bigEndian);
        out.u32(0, enc.bigEndian);
    }

    private static long elementLength(Element e, Encoding enc) {
        Object value = e.value();
        if (value instanceof Sequence sequence) {
            boolean unknown = e.vr() == VR.UN && enc.explicitVR;
            Encoding itemEncoding = unknown ? Encoding.IMPLICIT_LITTLE_ENDIAN : enc;
            boolean undefined = sequence.undefinedLength() || unknown;
            return headerLength(VR.SQ, enc) + itemsLength(sequence, itemEncoding) + (undefined ? 8 : 0);
        }
        if (value instanceof Fragments fragments) {
            long length = headerLength(VR.OB, enc) + 8;
            for (int i = 0; i < fragments.size(); i++) {
                long fragment = fragments.length(i);
                length += 8 + fragment + (fragment & 1);
            }
            return length;
        }
        long padded = e.length() + (e.length() & 1);
        return headerLength(encodedVR(e, padded, enc), enc) + padded;
    }

    private static long itemsLength(Sequence sequence, Encoding itemEncoding) {
        long length = 0;
        for (Dataset item : sequence) {
            length += 8 + length(item, itemEncoding) + (item.undefinedLength() ? 8 : 0);
        }
        return length;
    }

    private static int headerLength(VR vr, Encoding enc) {
        return enc.explicitVR && vr.longLength() ? 12 : 8;
    }

    /** A value too long for its VR's 2-byte length can only be encoded as UN (PS3.5 6.2.2, note). */
    private static VR encodedVR(Element e, long paddedLength, Encoding enc) {
        return enc.explicitVR && !e.vr().longLength() && paddedLength > MAX_SHORT_LENGTH ? VR.UN : e.vr();
    }

    private static long checkedLength(Element e, long length) throws IOException {
        if (length > MAX_LENGTH) {
            throw new IOException("element " + Tags.toString(e.tag()) + " is " + length + " bytes long, more than a defined length can say");
        }
        return length;
    }
}
