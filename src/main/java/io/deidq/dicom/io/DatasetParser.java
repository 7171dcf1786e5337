package io.deidq.dicom.io;

import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.ByteOrderSwap;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.PrivateDictionary;
import io.deidq.dicom.dict.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Parses the elements of a data set (PS3.5 Section 7) from a {@link ByteSource}: explicit or
 * implicit VR, either byte order, sequences and items of defined or undefined length nested to
 * {@link ReadOptions#maxDepth()}, undefined-length UN as an implicit VR sequence (PS3.5 6.2.2),
 * and encapsulated Pixel Data as fragments. Large values become {@link BulkData} references.
 */
final class DatasetParser {

    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteSource in;
    private final ReadOptions options;
    private final List<Guess> signGuesses = new ArrayList<>();
    private TransferSyntax transferSyntax;
    private int count;

    /** An implicit VR element that is US or SS by the sign of the pixels, settled once all is read. */
    private record Guess(Dataset dataset, int tag) {
    }

    DatasetParser(ByteSource in, ReadOptions options) {
        this.in = in;
        this.options = options;
    }

    /**
     * Reads elements into {@code dataset} until the end of input, or until {@code stop} accepts
     * the next top-level tag, which is then left unread. {@code ts} is null when reading File Meta
     * Information; for a data set, its top level may hold no File Meta Information element, and
     * its Pixel Data must be encapsulated (undefined length) exactly when {@code ts} says so.
     */
    void readTopLevel(Dataset dataset, Encoding encoding, IntPredicate stop, TransferSyntax ts) throws IOException {
        transferSyntax = ts;
        readElements(dataset, encoding, -1, in.size(), 0, stop);
        settleSigns();
    }

    /**
     * Pixel value attributes take the sign of the pixels (PS3.3 C.7.6.3.1.4): SS when the nearest
     * Pixel Representation (0028,0103), in the item or around it, is 1. Settled after reading, so
     * that the answer does not depend on the order the elements came in.
     */
    private void settleSigns() {
        for (Guess guess : signGuesses) {
            Element element = guess.dataset().get(guess.tag());
            VR vr = pixelRepresentation(guess.dataset()) == 1 ? VR.SS : VR.US;
            if (element.vr() != vr) {
                guess.dataset().put(Element.of(guess.tag(), vr, element.bytes()));
            }
        }
        signGuesses.clear();
    }

    private static int pixelRepresentation(Dataset dataset) {
        for (Dataset d = dataset; d != null; d = d.parent()) {
            if (d.contains(Tag.PixelRepresentation)) {
                return d.getInt(Tag.PixelRepresentation, 0);
            }
        }
        return 0;
    }

    /**
     * @param end   where a defined-length item ends, or -1 for an undefined-length item (or the top level)
     * @param limit the furthest any value may reach: the end of the enclosing defined-length value or of the input
     */
    private void readElements(Dataset dataset, Encoding enc, long end, long limit, int depth, IntPredicate stop)
            throws IOException {
        while (true) {
            long at = in.position();
            if (end >= 0 && at >= end) {
                return;
            }
            if (at >= limit) {
                if (depth == 0) {
                    return;
                }
                throw in.error(at, "the item that began deeper than level " + (depth - 1) + " has no Item Delimitation Item");
            }
            if (limit - at < 4) {
                if (stop != null) {
                    // What follows File Meta Information may be that short: an empty data set, deflated.
                    return;
                }
                throw in.error(at, "only " + (limit - at) + " bytes left, too few for an element header");
            }
            int tag = in.tag(enc.bigEndian);
            if (stop != null && stop.test(tag)) {
                in.seek(at);
                return;
            }
            if (limit - at < 8) {
                throw in.error(at, "only " + (limit - at) + " bytes left, too few for an element header");
            }
            if (tag == Tags.ITEM_DELIMITATION) {
                expectZeroLength(tag, enc);
                if (end >= 0 || depth == 0) {
                    throw in.error(at, "Item Delimitation Item outside an undefined-length item");
                }
                return;
            }
            if (tag == Tags.ITEM || tag == Tags.SEQUENCE_DELIMITATION) {
                throw in.error(at, "found " + Tags.toString(tag) + " where a data element should start");
            }
            readElement(dataset, tag, at, enc, limit, depth);
        }
    }

    private void readElement(Dataset dataset, int tag, long at, Encoding enc, long limit, int depth) throws IOException {
        counted(at);
        VR vr;
        long length;
        if (enc.explicitVR) {
            int code = (in.u8() << 8) | in.u8();
            vr = VR.ofCode(code);
            if (vr == null) {
                throw in.error(at + 4, "unknown VR " + describeCode(code) + " for element " + Tags.toString(tag));
            }
            if (vr.longLength()) {
                in.skip(2);
                length = in.u32(enc.bigEndian);
            } else {
                length = in.u16(enc.bigEndian);
            }
        } else {
            length = in.u32(false);
            vr = implicitVR(dataset, tag, length);
            if (vr == VR.US && signedByPixels(tag)) {
                signGuesses.add(new Guess(dataset, tag));
            }
        }
        long valueAt = in.position();
        if (depth == 0 && transferSyntax != null) {
            checkTopLevel(tag, at, length);
        }
        if (length != UNDEFINED) {
            if ((length & 1) != 0) {
                throw in.error(at, "element " + Tags.toString(tag) + " has odd length " + length);
            }
            if (length > limit - valueAt) {
                throw in.error(at, "element " + Tags.toString(tag) + " has length " + length + ", but only "
                        + (limit - valueAt) + " bytes are left in " + (limit == in.size() ? "the input" : "its item"));
            }
        }
        Element element;
        if (vr == VR.SQ || (length == UNDEFINED && vr == VR.UN)) {
            boolean implicitItems = vr == VR.UN && enc.explicitVR;
            Encoding itemEncoding = implicitItems ? Encoding.IMPLICIT_LITTLE_ENDIAN : enc;
            element = Element.of(tag, vr, readSequence(tag, length, itemEncoding, implicitItems, limit, depth));
        } else if (length == UNDEFINED) {
            if (tag != Tag.PixelData || !(vr == VR.OB || vr == VR.OW)) {
                throw in.error(at, "element " + Tags.toString(tag) + " " + vr + " has undefined length,"
                        + " which only sequences and encapsulated Pixel Data may have");
            }
            // Implicit VR took OW from the dictionary; encapsulated Pixel Data is OB (PS3.5 A.4).
            element = Element.of(tag, enc.explicitVR ? vr : VR.OB, readFragments(limit, enc));
        } else if (vr.longLength() && length >= options.bulkThreshold() && in.path() != null) {
            element = Element.of(tag, vr, new BulkData(in.path(), valueAt, length, enc.bigEndian));
            in.skip(length);
        } else {
            byte[] value = in.bytes((int) length);
            if (enc.bigEndian) {
                ByteOrderSwap.swap(value, 0, value.length - value.length % vr.unitSize(), vr.unitSize());
            }
            element = Element.of(tag, vr, value);
        }
        if (dataset.put(element) != null) {
            throw in.error(at, "element " + Tags.toString(tag) + " appears twice in the same data set");
        }
    }

    /**
     * Group 0002 belongs to File Meta Information alone (PS3.10 7.1), group 0000 to DIMSE commands
     * (PS3.7 E.1); and where the transfer syntax and the encoding of Pixel Data contradict each
     * other, dcmtk refuses the file too.
     */
    private void checkTopLevel(int tag, long at, long length) throws DicomParseException {
        if (Tags.group(tag) == 0x0002) {
            throw in.error(at, "File Meta Information element " + Tags.toString(tag) + " inside the data set");
        }
        if (Tags.group(tag) == 0x0000) {
            throw in.error(at, "command element " + Tags.toString(tag) + " inside the data set");
        }
        if (tag != Tag.PixelData) {
            return;
        }
        if (transferSyntax.encapsulated() && length != UNDEFINED) {
            throw in.error(at, "Pixel Data has a defined length, but transfer syntax " + transferSyntax.keyword() + " encapsulates it");
        }
        if (transferSyntax.nativePixelData() && length == UNDEFINED) {
            throw in.error(at, "Pixel Data is encapsulated, but transfer syntax " + transferSyntax.keyword() + " is native");
        }
    }

    private Sequence readSequence(int tag, long length, Encoding enc, boolean implicitItems, long limit, int depth)
            throws IOException {
        if (depth >= options.maxDepth()) {
            throw in.error(in.position(), "sequence " + Tags.toString(tag) + " nests deeper than " + options.maxDepth() + " levels");
        }
        boolean undefined = length == UNDEFINED;
        Sequence sequence = new Sequence(undefined, implicitItems);
        long end = undefined ? -1 : in.position() + length;
        long itemLimit = undefined ? limit : end;
        while (end < 0 || in.position() < end) {
            long at = in.position();
            if (itemLimit - at < 8) {
                throw in.error(at, "sequence " + Tags.toString(tag) + " ends without "
                        + (undefined ? "a Sequence Delimitation Item" : "room for its next item"));
            }
            int itemTag = in.tag(enc.bigEndian);
            long itemLength = in.u32(enc.bigEndian);
            if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                if (!undefined) {
                    throw in.error(at, "Sequence Delimitation Item inside defined-length sequence " + Tags.toString(tag));
                }
                if (itemLength != 0) {
                    throw in.error(at, "Sequence Delimitation Item has length " + itemLength + ", not 0");
                }
                return sequence;
            }
            if (itemTag != Tags.ITEM) {
                throw in.error(at, "found " + Tags.toString(itemTag) + " where an item of sequence " + Tags.toString(tag) + " should start");
            }
            counted(at);
            Dataset item = new Dataset();
            sequence.add(item);
            if (itemLength == UNDEFINED) {
                item.undefinedLength(true);
                readElements(item, enc, -1, itemLimit, depth + 1, null);
            } else {
                if ((itemLength & 1) != 0 || itemLength > itemLimit - in.position()) {
                    throw in.error(at, "item of sequence " + Tags.toString(tag) + " has length " + itemLength
                            + ((itemLength & 1) != 0 ? ", which is odd" : ", but only " + (itemLimit - in.position()) + " bytes are left"));
                }
                readElements(item, enc, in.position() + itemLength, in.position() + itemLength, depth + 1, null);
            }
        }
        return sequence;
    }

    private void counted(long at) throws DicomParseException {
        if (++count > options.maxElements()) {
            throw in.error(at, "more than " + options.maxElements() + " elements and items, more than deidq holds for one file");
        }
    }

    private Fragments readFragments(long limit, Encoding enc) throws IOException {
        Fragments fragments = new Fragments();
        long start = in.position();
        while (true) {
            long at = in.position();
            if (limit - at < 8) {
                throw in.error(at, "encapsulated Pixel Data ends without a Sequence Delimitation Item");
            }
            int tag = in.tag(enc.bigEndian);
            long length = in.u32(enc.bigEndian);
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                if (length != 0) {
                    throw in.error(at, "Sequence Delimitation Item has length " + length + ", not 0");
                }
                if (in.path() != null) {
                    fragments.encoded(new BulkData(in.path(), start, in.position() - start, false));
                }
                return fragments;
            }
            if (tag != Tags.ITEM) {
                throw in.error(at, "found " + Tags.toString(tag) + " where a fragment of Pixel Data should start");
            }
            if (length == UNDEFINED || (length & 1) != 0 || length > limit - in.position()) {
                throw in.error(at, "fragment of Pixel Data has length " + (length == UNDEFINED ? "undefined" : length)
                        + (length == UNDEFINED || (length & 1) != 0 ? "" : ", but only " + (limit - in.position()) + " bytes are left"));
            }
            if (length >= options.bulkThreshold() && in.path() != null) {
                fragments.add(new BulkData(in.path(), in.position(), length, false));
                in.skip(length);
            } else {
                fragments.add(in.bytes((int) length));
            }
        }
    }

    private void expectZeroLength(int tag, Encoding enc) throws IOException {
        long length = in.u32(enc.bigEndian);
        if (length != 0) {
            throw in.error(in.position() - 8, Tags.toString(tag) + " has length " + length + ", not 0");
        }
    }

    /**
     * The VR implicit VR encoding leaves to the dictionary: the standard's, then the private one
     * by creator; UN when neither knows the tag, SQ when an unknown value has undefined length.
     */
    private static VR implicitVR(Dataset dataset, int tag, long length) {
        if (Tags.isGroupLength(tag)) {
            return VR.UL;
        }
        DictionaryEntry entry;
        if (Tags.isPrivate(tag)) {
            if (Tags.isPrivateCreator(tag)) {
                return VR.LO;
            }
            entry = PrivateDictionary.lookup(privateCreator(dataset, tag), tag);
        } else {
            entry = ElementDictionary.lookup(tag);
        }
        if (entry == null || entry.vr() == null) {
            return length == UNDEFINED ? VR.SQ : VR.UN;
        }
        return entry.vr();
    }

    /** "US or SS" in the dictionary, and not a LUT descriptor, whose values PS3.3 C.11.1.1.1 makes US. */
    private static boolean signedByPixels(int tag) {
        if (Tags.isPrivate(tag)) {
            return false;
        }
        DictionaryEntry entry = ElementDictionary.lookup(tag);
        return entry != null && entry.vrs().equals("US|SS") && !entry.keyword().endsWith("Descriptor");
    }

    private static String privateCreator(Dataset dataset, int tag) {
        Element creator = dataset.get(Tags.privateCreatorOf(tag));
        if (creator == null || !creator.isInMemory()) {
            return "";
        }
        return new String(creator.bytes(), StandardCharsets.ISO_8859_1).trim();
    }

    private static String describeCode(int code) {
        int a = code >>> 8;
        int b = code & 0xFF;
        boolean printable = a >= 0x20 && a < 0x7F && b >= 0x20 && b < 0x7F;
        return (printable ? "'" + (char) a + (char) b + "' " : "") + String.format("(%02X %02X)", a, b);
    }
}
