package io.deidq.dicom.text;

import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Prints a data set the way dcmtk's {@code dcmdump} does (its default indented form, UIDs as
 * numbers): one line per element with tag, VR, value, length, VM and name, items and
 * delimiters indented by nesting, long values shortened unless all of them are asked for.
 */
public final class DicomDump {

    /** dcmtk's DCM_OptPrintValueLength: values are padded to this many bytes. */
    private static final int VALUE_WIDTH = 40;
    /** Enough bytes of a bulk value to fill a shortened line in any notation. */
    private static final int BULK_PREFIX = 1024;
    private static final int BULK_CHUNK = 64 * 1024;

    private final Appendable out;
    private final boolean printAll;

    /** @param printAll print long values whole, as {@code dcmdump +L} does */
    public DicomDump(Appendable out, boolean printAll) {
        this.out = out;
        this.printAll = printAll;
    }

    public void file(DicomFile file) throws IOException {
        out.append('\n');
        if (!file.fileMeta().isEmpty()) {
            out.append("# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n");
            out.append("# Used TransferSyntax: ").append(name(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).append('\n');
            dataset(file.fileMeta(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0);
            out.append('\n');
        }
        out.append("# Dicom-Data-Set\n# Used TransferSyntax: ").append(name(file.transferSyntax())).append('\n');
        dataset(file.dataset(), file.transferSyntax(), 0);
    }

    public void dataset(Dataset dataset, TransferSyntax ts, int level) throws IOException {
        for (Element e : dataset) {
            Object value = e.value();
            String name = ElementNames.of(dataset, e.tag());
            if (value instanceof Sequence sequence) {
                sequence(sequence, e, name, ts, level);
            } else if (value instanceof Fragments fragments) {
                fragments(fragments, e, name, level);
            } else if (value instanceof BulkData bulk && printAll && e.vr().isBinary()) {
                bulkInFull(bulk, e, name, level);
            } else {
                String text = e.isEmpty() ? "(no value available)" : ValueText.of(dataset, e, valueBytes(e), !printAll);
                line(level, e.tag(), e.vr().name(), text, Long.toString(e.length()), ValueText.multiplicity(dataset, e), name);
            }
        }
    }

    private void sequence(Sequence sequence, Element e, String name, TransferSyntax ts, int level) throws IOException {
        TransferSyntax itemSyntax = sequence.implicitLittleEndianItems() ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : ts;
        String kind = sequence.undefinedLength() ? "undefined" : "explicit";
        long length = 0;
        for (Dataset item : sequence) {
            length += 8 + DicomWriter.encodedLength(item, itemSyntax) + (item.undefinedLength() ? 8 : 0);
        }
        line(level, e.tag(), "SQ", "(Sequence with " + kind + " length #=" + sequence.size() + ")",
                sequence.undefinedLength() ? "u/l" : Long.toString(length), 1, name);
        for (Dataset item : sequence) {
            String itemKind = item.undefinedLength() ? "undefined" : "explicit";
            line(level + 1, Tags.ITEM, "na", "(Item with " + itemKind + " length #=" + item.size() + ")",
                    item.undefinedLength() ? "u/l" : Long.toString(DicomWriter.encodedLength(item, itemSyntax)), 1, "Item");
            dataset(item, itemSyntax, level + 2);
            line(level + 1, Tags.ITEM_DELIMITATION, "na",
                    item.undefinedLength() ? "(ItemDelimitationItem)" : "(ItemDelimitationItem for re-encoding)", "0", 0,
                    "ItemDelimitationItem");
        }
        line(level, Tags.SEQUENCE_DELIMITATION, "na",
                sequence.undefinedLength() ? "(SequenceDelimitationItem)" : "(SequenceDelimitationItem for re-encod.)", "0", 0,
                "SequenceDelimitationItem");
    }

    private void fragments(Fragments fragments, Element e, String name, int level) throws IOException {
        // Encapsulated Pixel Data is OB (PS3.5 A.4), whatever VR a writer gave it.
        line(level, e.tag(), "OB", "(PixelSequence #=" + fragments.size() + ")", "u/l", 1, name);
        for (int i = 0; i < fragments.size(); i++) {
            Object item = fragments.get(i);
            long length = fragments.length(i);
            if (item instanceof BulkData bulk && printAll) {
                bulkInFull(bulk, Element.of(Tags.ITEM, VR.OB, bulk), "Item", level + 1, "pi");
                continue;
            }
            byte[] bytes = item instanceof BulkData bulk ? bulk.read(0, BULK_PREFIX, 1) : (byte[]) item;
            String text = length == 0 ? "(no value available)" : ValueText.numbers(VR.OB, bytes, !printAll);
            line(level + 1, Tags.ITEM, "pi", text, Long.toString(length), 1, "Item");
        }
        line(level, Tags.SEQUENCE_DELIMITATION, "na", "(SequenceDelimitationItem)", "0", 0, "SequenceDelimitationItem");
    }

    private void bulkInFull(BulkData bulk, Element e, String name, int level) throws IOException {
        bulkInFull(bulk, e, name, level, e.vr().name());
    }

    /** Streams a whole bulk value to the output in chunks, so that printing all of it never holds it whole. */
    private void bulkInFull(BulkData bulk, Element e, String name, int level, String vr) throws IOException {
        lineStart(level, e.tag(), vr);
        long printed = 0;
        for (long at = 0; at < bulk.length(); at += BULK_CHUNK) {
            byte[] chunk = bulk.read(at, BULK_CHUNK, e.vr().unitSize());
            String text = ValueText.numbers(e.vr(), chunk, false);
            if (at > 0) {
                out.append('\\');
                printed++;
            }
            out.append(text);
            printed += text.length();
        }
        lineEnd(printed, Long.toString(bulk.length()), ValueText.binaryMultiplicity(e.vr(), bulk.length()), name);
    }

    private byte[] valueBytes(Element e) throws IOException {
        if (e.value() instanceof BulkData bulk) {
            int count = printAll ? (int) Math.min(bulk.length(), Integer.MAX_VALUE - 8) : BULK_PREFIX;
            return bulk.read(0, count, e.vr().unitSize());
        }
        return e.bytes();
    }

    private void line(int level, int tag, String vr, String value, String length, int vm, String name) throws IOException {
        lineStart(level, tag, vr);
        int printed = value.getBytes(StandardCharsets.UTF_8).length;
        if (printed > ValueText.LINE_WIDTH && !printAll) {
            value = truncate(value, ValueText.LINE_WIDTH - 3) + "...";
            printed = ValueText.LINE_WIDTH;
        }
        out.append(value);
        lineEnd(printed, length, vm, name);
    }

    private void lineStart(int level, int tag, String vr) throws IOException {
        out.append("  ".repeat(level)).append(String.format("(%04x,%04x) ", Tags.group(tag), Tags.element(tag))).append(vr).append(' ');
    }

    private void lineEnd(long printed, String length, int vm, String name) throws IOException {
        if (printed < VALUE_WIDTH) {
            out.append(" ".repeat((int) (VALUE_WIDTH - printed)));
        }
        out.append(" # ").append(String.format("%3s", length)).append(',').append(String.format("%2d", vm))
                .append(' ').append(name).append('\n');
    }

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}. */
    private static String truncate(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    private static String name(TransferSyntax ts) {
        String keyword = ts.keyword();
        return keyword.endsWith("TransferSyntax") ? keyword.substring(0, keyword.length() - "TransferSyntax".length()) : keyword;
    }
}
