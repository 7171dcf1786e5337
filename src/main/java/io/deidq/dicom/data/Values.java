package io.deidq.dicom.data;

import io.deidq.dicom.charset.SpecificCharacterSet;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Converts element values between their encoded bytes and Java strings and numbers. */
public final class Values {

    private static final String[] NONE = new String[0];

    private Values() {
    }

    /**
     * The values of a text element, decoded and split on backslash; with {@code trim}, without the
     * padding and the spaces PS3.5 Table 6.2-1 calls insignificant for the VR. Binary numeric
     * elements give their numbers as text; a UN or O* element of a public text attribute, its text.
     */
    public static String[] strings(Element e, SpecificCharacterSet cs, boolean trim) {
        VR vr = e.vr();
        byte[] bytes = e.bytes();
        if (bytes.length == 0) {
            return NONE;
        }
        if (vr.isBinary() && !vr.isMultiValued()) {
            // Bytes (UN, OB, ...) of what the dictionary calls text, as some writers leave them.
            VR known = dictionaryVR(e.tag());
            if (known != null && known.isText()) {
                return strings(Element.of(e.tag(), known, bytes), cs, trim);
            }
        }
        if (vr.isBinary()) {
            return numbersAsText(e);
        }
        String text = vr.usesSpecificCharacterSet()
                ? cs.decode(bytes, vr == VR.PN)
                : new String(bytes, StandardCharsets.ISO_8859_1);
        String[] values = vr.isMultiValued() ? split(text) : new String[] {text};
        if (trim) {
            for (int i = 0; i < values.length; i++) {
                values[i] = trim(values[i], vr);
            }
        }
        return values;
    }

    /** The integers of a binary integer element (US SS UL SL UV SV, OB OW OL OV as unsigned units) or of an IS. */
    public static long[] longs(Element e) {
        byte[] bytes = e.bytes();
        VR vr = e.vr();
        if (vr == VR.IS) {
            String[] values = strings(e, SpecificCharacterSet.DEFAULT, true);
            long[] result = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                result[i] = Long.parseLong(values[i].startsWith("+") ? values[i].substring(1) : values[i]);
            }
            return result;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        long[] result = new long[bytes.length / unit];
        for (int i = 0; i < result.length; i++) {
            int at = i * unit;
            result[i] = switch (vr) {
                case SS -> buffer.getShort(at);
                case SL -> buffer.getInt(at);
                case SV, UV, OV -> buffer.getLong(at);
                case US, OW -> buffer.getShort(at) & 0xFFFFL;
                case UL, OL -> buffer.getInt(at) & 0xFFFFFFFFL;
                case AT -> ((buffer.getShort(at) & 0xFFFFL) << 16) | (buffer.getShort(at + 2) & 0xFFFFL);
                case OB, UN -> bytes[at] & 0xFFL;
                default -> throw new IllegalArgumentException(Tags.toString(e.tag()) + " " + vr + " does not hold integers");
            };
        }
        return result;
    }

    /** The floating point numbers of an FL FD OF OD element or of a DS. */
    public static double[] doubles(Element e) {
        VR vr = e.vr();
        byte[] bytes = e.bytes();
        if (vr == VR.DS) {
            String[] values = strings(e, SpecificCharacterSet.DEFAULT, true);
            double[] result = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                result[i] = Double.parseDouble(values[i]);
            }
            return result;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] result = new double[bytes.length / vr.unitSize()];
        for (int i = 0; i < result.length; i++) {
            result[i] = switch (vr) {
                case FL, OF -> buffer.getFloat(i * 4);
                case FD, OD -> buffer.getDouble(i * 8);
                default -> throw new IllegalArgumentException(Tags.toString(e.tag()) + " " + vr + " does not hold floating point numbers");
            };
        }
        return result;
    }

    /** Encodes text values, joined by backslash and padded to even length, for a text VR. */
    public static byte[] encode(VR vr, SpecificCharacterSet cs, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(vr + " is not a text VR");
        }
        String joined = String.join("\\", values);
        byte[] bytes;
        if (vr.usesSpecificCharacterSet()) {
            bytes = cs.encode(joined, vr == VR.PN);
        } else {
            for (int i = 0; i < joined.length(); i++) {
                if (joined.charAt(i) > 0x7E) {
                    throw new IllegalArgumentException("VR " + vr + " allows only the default repertoire, not '" + joined.charAt(i) + "'");
                }
            }
            bytes = joined.getBytes(StandardCharsets.US_ASCII);
        }
        return pad(bytes, vr.padding());
    }

    /** Encodes integers little endian in the unit of a binary VR. */
    public static byte[] encode(VR vr, long... values) {
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        ByteBuffer buffer = ByteBuffer.allocate(values.length * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (vr) {
                case US, SS -> buffer.putShort((short) v);
                case UL, SL -> buffer.putInt((int) v);
                case UV, SV -> buffer.putLong(v);
                case AT -> buffer.putShort((short) (v >>> 16)).putShort((short) v);
                default -> throw new IllegalArgumentException(vr + " is not a binary integer VR");
            }
        }
        return buffer.array();
    }

    /** What the dictionary says a public element is, for values a writer left as UN; null when it does not know. */
    private static VR dictionaryVR(int tag) {
        if (Tags.isPrivate(tag)) {
            return null;
        }
        DictionaryEntry entry = ElementDictionary.lookup(tag);
        return entry == null ? null : entry.vr();
    }

    static byte[] pad(byte[] bytes, byte padding) {
        if ((bytes.length & 1) == 0) {
            return bytes;
        }
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        padded[bytes.length] = padding;
        return padded;
    }

    private static String[] numbersAsText(Element e) {
        VR vr = e.vr();
        List<String> text = new ArrayList<>();
        switch (vr) {
            case FL, FD, OF, OD -> {
                for (double d : doubles(e)) {
                    text.add(vr == VR.FL || vr == VR.OF ? Float.toString((float) d) : Double.toString(d));
                }
            }
            case AT -> {
                for (long tag : longs(e)) {
                    text.add(Tags.toString((int) tag));
                }
            }
            case US, SS, UL, SL, UV, SV -> {
                for (long v : longs(e)) {
                    text.add(vr == VR.UV ? Long.toUnsignedString(v) : Long.toString(v));
                }
            }
            default -> throw new IllegalArgumentException(Tags.toString(e.tag()) + " " + vr + " holds bytes, not values");
        }
        return text.toArray(NONE);
    }

    private static String[] split(String text) {
        if (text.indexOf('\\') < 0) {
            return new String[] {text};
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        return parts.toArray(NONE);
    }

    private static String trim(String value, VR vr) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        boolean leadingSignificant = switch (vr) {
            case LT, ST, UT, UR, UC, PN -> true;
            default -> false;
        };
        if (!leadingSignificant) {
            while (start < end && value.charAt(start) == ' ') {
                start++;
            }
        }
        return value.substring(start, end);
    }
}
