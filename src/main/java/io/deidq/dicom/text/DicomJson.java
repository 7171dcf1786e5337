package io.deidq.dicom.text;

import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Writes a data set in the DICOM JSON Model (PS3.18 Annex F). Values held in memory are inline;
 * bulk data is a {@code BulkDataURI} naming the file and the byte range of the value
 * ({@code file:///path#offset=N&length=M}), or inline when {@code inlineBulk} is set (for input
 * whose bulk data lives in a temporary file, such as a deflated data set).
 */
public final class DicomJson {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private final JsonOutput json;
    private final boolean inlineBulk;

    public DicomJson(Appendable out, boolean inlineBulk) {
        this.json = new JsonOutput(out);
        this.inlineBulk = inlineBulk;
    }

    public void write(Dataset dataset) throws IOException {
        dataset(dataset);
        json.newline();
    }

    private void dataset(Dataset dataset) throws IOException {
        json.beginObject();
        for (Element e : dataset) {
            json.key(String.format("%08X", e.tag())).beginObject();
            json.key("vr").string(e.isSequence() ? "SQ" : e.vr().name());
            value(dataset, e);
            json.endObject();
        }
        json.endObject();
    }

    private void value(Dataset dataset, Element e) throws IOException {
        Object value = e.value();
        if (value instanceof Sequence sequence) {
            if (!sequence.isEmpty()) {
                json.key("Value").beginArray();
                for (Dataset item : sequence) {
                    dataset(item);
                }
                json.endArray();
            }
        } else if (value instanceof Fragments fragments) {
            if (fragments.encoded() != null && !inlineBulk) {
                json.key("BulkDataURI").string(uri(fragments.encoded()));
            } else {
                json.key("InlineBinary").string(Base64.getEncoder().encodeToString(encapsulated(fragments)));
            }
        } else if (value instanceof BulkData bulk) {
            if (inlineBulk || e.vr().isText()) {
                inline(dataset, e, bulk.read(0, (int) Math.min(bulk.length(), Integer.MAX_VALUE - 8), e.vr().unitSize()));
            } else {
                json.key("BulkDataURI").string(uri(bulk));
            }
        } else if (!e.isEmpty()) {
            inline(dataset, e, e.bytes());
        }
    }

    private void inline(Dataset dataset, Element e, byte[] bytes) throws IOException {
        VR vr = e.vr();
        switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> json.key("InlineBinary").string(Base64.getEncoder().encodeToString(bytes));
            case PN -> personNames(dataset, Element.of(e.tag(), vr, bytes));
            case AT -> {
                json.key("Value").beginArray();
                for (long tag : Values.longs(Element.of(e.tag(), vr, bytes))) {
                    json.string(String.format("%08X", tag));
                }
                json.endArray();
            }
            case DS, IS -> numbersFromText(dataset, Element.of(e.tag(), vr, bytes));
            case US, SS, UL, SL, UV, SV, FL, FD -> binaryNumbers(Element.of(e.tag(), vr, bytes));
            default -> {
                json.key("Value").beginArray();
                for (String s : Values.strings(Element.of(e.tag(), vr, bytes), dataset.specificCharacterSet(), true)) {
                    if (s.isEmpty()) {
                        json.raw("null");
                    } else {
                        json.string(s);
                    }
                }
                json.endArray();
            }
        }
    }

    /** PS3.18 F.2.2: each name an object of its non-empty component groups. */
    private void personNames(Dataset dataset, Element e) throws IOException {
        json.key("Value").beginArray();
        for (String name : Values.strings(e, dataset.specificCharacterSet(), true)) {
            if (name.isEmpty()) {
                json.raw("null");
                continue;
            }
            String[] groups = name.split("=", -1);
            String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
            json.beginObject();
            for (int i = 0; i < Math.min(groups.length, keys.length); i++) {
                if (!groups[i].isEmpty()) {
                    json.key(keys[i]).string(groups[i]);
                }
            }
            json.endObject();
        }
        json.endArray();
    }

    private void numbersFromText(Dataset dataset, Element e) throws IOException {
        json.key("Value").beginArray();
        for (String s : Values.strings(e, dataset.specificCharacterSet(), true)) {
            if (s.isEmpty()) {
                json.raw("null");
            } else if (JSON_NUMBER.matcher(s).matches()) {
                json.raw(s);
            } else {
                number(s);
            }
        }
        json.endArray();
    }

    /** A decimal string outside JSON's number syntax ("+1", ".5", "1."): its value, or the text when it is none. */
    private void number(String s) throws IOException {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                json.raw(Double.toString(d));
                return;
            }
        } catch (NumberFormatException notANumber) {
            // a malformed DS or IS is kept as the text it is rather than dropped
        }
        json.string(s);
    }

    private void binaryNumbers(Element e) throws IOException {
        json.key("Value").beginArray();
        VR vr = e.vr();
        if (vr == VR.FL || vr == VR.FD) {
            for (double d : Values.doubles(e)) {
                if (Double.isFinite(d)) {
                    json.raw(vr == VR.FL ? Float.toString((float) d) : Double.toString(d));
                } else {
                    json.string(Double.toString(d));
                }
            }
        } else {
            for (long v : Values.longs(e)) {
                // JSON numbers are doubles to most readers: larger integers go as strings to keep every digit.
                boolean exact = vr == VR.UV ? Long.compareUnsigned(v, MAX_EXACT_INTEGER) <= 0 : Math.abs(v) <= MAX_EXACT_INTEGER;
                String text = vr == VR.UV ? Long.toUnsignedString(v) : Long.toString(v);
                if (exact) {
                    json.raw(text);
                } else {
                    json.string(text);
                }
            }
        }
        json.endArray();
    }

    private static String uri(BulkData bulk) {
        return bulk.file().toAbsolutePath().toUri() + "#offset=" + bulk.offset() + "&length=" + bulk.length();
    }

    /** The encapsulated value as encoded: each item's tag, length and bytes, then the delimiter. */
    private static byte[] encapsulated(Fragments fragments) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fragments.size(); i++) {
            Object item = fragments.get(i);
            byte[] bytes = item instanceof BulkData bulk ? bulk.read(0, (int) bulk.length(), 1) : (byte[]) item;
            itemHeader(out, Tags.ITEM, bytes.length + (bytes.length & 1));
            out.write(bytes);
            if ((bytes.length & 1) == 1) {
                out.write(0);
            }
        }
        itemHeader(out, Tags.SEQUENCE_DELIMITATION, 0);
        return out.toByteArray();
    }

    private static void itemHeader(ByteArrayOutputStream out, int tag, long length) {
        int[] halves = {tag >>> 16, tag & 0xFFFF};
        for (int half : halves) {
            out.write(half & 0xFF);
            out.write(half >>> 8);
        }
        for (int shift = 0; shift < 32; shift += 8) {
            out.write((int) (length >>> shift) & 0xFF);
        }
    }
}
