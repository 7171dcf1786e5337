package io.deidq.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * A code element of ISO 2022 as DICOM uses it (PS3.3 Table C.12-3 and C.12-4): which of G0
 * (bytes 0x21-0x7E) and G1 (bytes 0xA1-0xFE) it is designated to, the escape sequence that
 * designates it, and how its one- or two-byte characters map to Unicode. The two-byte sets go
 * through the JDK's EUC tables: a JIS X 0208 or 0212 character in G0 is its EUC-JP form without
 * the high bits (and without the 0x8F prefix for 0212); KS X 1001 and GB 2312 in G1 are EUC-KR
 * and EUC-CN themselves.
 */
enum CodeElement {
    ASCII(true, 1, "ESC ( B", null),
    JIS_X0201_ROMAN(true, 1, "ESC ( J", null),
    JIS_X0201_KATAKANA(false, 1, "ESC ) I", null),
    LATIN_1(false, 1, "ESC - A", "ISO-8859-1"),
    LATIN_2(false, 1, "ESC - B", "ISO-8859-2"),
    LATIN_3(false, 1, "ESC - C", "ISO-8859-3"),
    LATIN_4(false, 1, "ESC - D", "ISO-8859-4"),
    CYRILLIC(false, 1, "ESC - L", "ISO-8859-5"),
    ARABIC(false, 1, "ESC - G", "ISO-8859-6"),
    GREEK(false, 1, "ESC - F", "ISO-8859-7"),
    HEBREW(false, 1, "ESC - H", "ISO-8859-8"),
    LATIN_5(false, 1, "ESC - M", "ISO-8859-9"),
    LATIN_9(false, 1, "ESC - b", "ISO-8859-15"),
    THAI(false, 1, "ESC - T", "TIS-620"),
    JIS_X0208(true, 2, "ESC $ B", "EUC-JP"),
    JIS_X0212(true, 2, "ESC $ ( D", "EUC-JP"),
    KS_X1001(false, 2, "ESC $ ) C", "EUC-KR"),
    GB2312(false, 2, "ESC $ ) A", "GB2312");

    private static final int KATAKANA_FIRST = 0xA1;
    private static final int KATAKANA_LAST = 0xDF;
    private static final char HALFWIDTH_KATAKANA = '\uFF61';

    final boolean g0;
    final int bytesPerChar;
    final byte[] escape;
    private final Charset charset;

    CodeElement(boolean g0, int bytesPerChar, String escape, String charset) {
        this.g0 = g0;
        this.bytesPerChar = bytesPerChar;
        this.escape = escapeBytes(escape);
        this.charset = charset == null ? null : Charset.forName(charset);
    }

    /** The code element an escape sequence at {@code at} designates, or null; {@link #escape} says its length. */
    static CodeElement designatedAt(byte[] bytes, int at, int end) {
        for (CodeElement element : values()) {
            byte[] e = element.escape;
            if (end - at >= e.length && matches(bytes, at, e)) {
                return element;
            }
        }
        return null;
    }

    /** Decodes {@code count} characters of this set starting at {@code at} (bytes as they stand in G0 or G1). */
    void decode(byte[] bytes, int at, int count, StringBuilder out) {
        if (this == ASCII || this == JIS_X0201_ROMAN) {
            // DICOM reads the Roman half of JIS X 0201 as ASCII: 0x5C stays the value delimiter.
            for (int i = 0; i < count; i++) {
                out.append((char) (bytes[at + i] & 0x7F));
            }
            return;
        }
        if (this == JIS_X0201_KATAKANA) {
            for (int i = 0; i < count; i++) {
                int b = bytes[at + i] & 0xFF;
                out.append(b >= KATAKANA_FIRST && b <= KATAKANA_LAST ? (char) (HALFWIDTH_KATAKANA + b - KATAKANA_FIRST) : '\uFFFD');
            }
            return;
        }
        byte[] encoded = new byte[count * (this == JIS_X0212 ? 3 : bytesPerChar)];
        int n = 0;
        for (int i = 0; i < count; i += bytesPerChar) {
            if (this == JIS_X0212) {
                encoded[n++] = (byte) 0x8F;
            }
            for (int k = 0; k < bytesPerChar; k++) {
                encoded[n++] = (byte) (bytes[at + i + k] | 0x80);
            }
        }
        out.append(charset.decode(ByteBuffer.wrap(encoded, 0, n)));
    }

    /** This set's bytes for {@code c}, as they stand in G0 or G1, or null when the set has no such character. */
    byte[] encode(char c) {
        if (this == ASCII || this == JIS_X0201_ROMAN) {
            return c < 0x80 ? new byte[] {(byte) c} : null;
        }
        if (this == JIS_X0201_KATAKANA) {
            int b = c - HALFWIDTH_KATAKANA + KATAKANA_FIRST;
            return b >= KATAKANA_FIRST && b <= KATAKANA_LAST ? new byte[] {(byte) b} : null;
        }
        byte[] euc = encodeStrictly(c);
        if (euc == null) {
            return null;
        }
        return switch (this) {
            case JIS_X0208 -> euc.length == 2 && (euc[0] & 0xFF) != 0x8E ? new byte[] {(byte) (euc[0] & 0x7F), (byte) (euc[1] & 0x7F)} : null;
            case JIS_X0212 -> euc.length == 3 && (euc[0] & 0xFF) == 0x8F ? new byte[] {(byte) (euc[1] & 0x7F), (byte) (euc[2] & 0x7F)} : null;
            case KS_X1001, GB2312 -> euc.length == 2 ? euc : null;
            default -> euc.length == 1 && (euc[0] & 0x80) != 0 ? euc : null;
        };
    }

    private byte[] encodeStrictly(char c) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(new char[] {c}));
            byte[] result = new byte[bytes.remaining()];
            bytes.get(result);
            return result;
        } catch (CharacterCodingException unmappable) {
            return null;
        }
    }

    private static boolean matches(byte[] bytes, int at, byte[] escape) {
        for (int i = 0; i < escape.length; i++) {
            if (bytes[at + i] != escape[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] escapeBytes(String notation) {
        String[] parts = notation.split(" ");
        byte[] bytes = new byte[parts.length];
        bytes[0] = 0x1B;
        for (int i = 1; i < parts.length; i++) {
            bytes[i] = (byte) parts[i].charAt(0);
        }
        return bytes;
    }
}
