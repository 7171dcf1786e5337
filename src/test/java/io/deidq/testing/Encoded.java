package io.deidq.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes element encodings byte by byte, for tests that need exactly the bytes PS3.5 describes. */
public final class Encoded {

    public static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean bigEndian;

    private Encoded(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    public static Encoded littleEndian() {
        return new Encoded(false);
    }

    public static Encoded bigEndian() {
        return new Encoded(true);
    }

    /** A Part 10 preamble, "DICM" and File Meta Information naming {@code transferSyntax}. */
    public static Encoded part10(String transferSyntax) {
        Encoded e = littleEndian();
        e.out.writeBytes(new byte[128]);
        e.ascii("DICM");
        byte[] uid = padded(transferSyntax, (char) 0);
        Encoded meta = littleEndian().explicit(0x00020001, "OB", new byte[] {0, 1}).explicit(0x00020010, "UI", uid);
        e.explicit(0x00020000, "UL", littleEndian().u32(meta.size()).bytes());
        e.raw(meta.bytes());
        return e;
    }

    public Encoded u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    public Encoded u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
        } else {
            u16((int) v & 0xFFFF).u16((int) (v >>> 16) & 0xFFFF);
        }
        return this;
    }

    public Encoded tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    public Encoded ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    public Encoded raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** An explicit VR element with the length form its VR takes. */
    public Encoded explicit(int tag, String vr, byte[] value) {
        return explicitHeader(tag, vr, value.length).raw(value);
    }

    public Encoded explicit(int tag, String vr, String value) {
        return explicit(tag, vr, padded(value, vr.equals("UI") ? (char) 0 : ' '));
    }

    public Encoded explicitHeader(int tag, String vr, long length) {
        tag(tag).ascii(vr);
        if (Encoded.longForm(vr)) {
            u16(0).u32(length);
        } else {
            u16((int) length);
        }
        return this;
    }

    public Encoded implicit(int tag, byte[] value) {
        return tag(tag).u32(value.length).raw(value);
    }

    public Encoded implicit(int tag, String value) {
        return implicit(tag, padded(value, ' '));
    }

    public Encoded implicitHeader(int tag, long length) {
        return tag(tag).u32(length);
    }

    public Encoded item(long length) {
        return tag(0xFFFEE000).u32(length);
    }

    public Encoded itemEnd() {
        return tag(0xFFFEE00D).u32(0);
    }

    public Encoded sequenceEnd() {
        return tag(0xFFFEE0DD).u32(0);
    }

    public int size() {
        return out.size();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public static byte[] padded(String text, char padding) {
        String even = text.length() % 2 == 0 ? text : text + padding;
        return even.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean longForm(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }
}
