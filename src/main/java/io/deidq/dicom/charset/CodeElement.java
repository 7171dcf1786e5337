package io.deidq.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A graphic character set as ISO 2022 designates it to G0 (bytes 0x21-0x7E) or G1 (bytes
 * 0xA0-0xFF), with the escape sequences of PS3.3 Tables C.12-3 and C.12-4. The one-byte G1 sets
 * are tables taken once from the JDK's charsets. The two-byte sets go through the JDK's EUC
 * charsets, which are these very sets in G1: a JIS X 0208 character in G0 is its EUC-JP form
 * without the high bits, a JIS X 0212 one that form without its 0x8F prefix as well, and KS X 1001
 * and GB 2312 in G1 are EUC-KR and EUC-CN as they stand.
 */
enum CodeElement {
    ASCII("(B", null),
    JIS_X0201_ROMAN("(J", null),
    JIS_X0201_KATAKANA(")I", "JIS_X0201"),
    LATIN_1("-A", "ISO-8859-1"),
    LATIN_2("-B", "ISO-8859-2"),
    LATIN_3("-C", "ISO-8859-3"),
    LATIN_4("-D", "ISO-8859-4"),
    CYRILLIC("-L", "ISO-8859-5"),
    ARABIC("-G", "ISO-8859-6"),
    GREEK("-F", "ISO-8859-7"),
    HEBREW("-H", "ISO-8859-8"),
    LATIN_5("-M", "ISO-8859-9"),
    LATIN_9("-b", "ISO-8859-15"),
    THAI("-T", "TIS-620"),
    JIS_X0208("$B", "EUC-JP"),
    JIS_X0212("$(D", "EUC-JP"),
    KS_X1001("$)C", "EUC-KR"),
    GB2312("$)A", "GB2312");

    static final byte ESC = 0x1B;

    private static final CodeElement[] ALL = values();
    private static final int G1_FIRST = 0xA0;
    private static final byte EUC_JP_JIS_X0212 = (byte) 0x8F;

    /** The escape sequence designating this set, ESC included. */
    final byte[] escape;
    final boolean g0;
    final boolean twoByte;
    private final Charset charset;
    /** A one-byte G1 set's characters for bytes 0xA0-0xFF; U+FFFD where it has none. */
    private final char[] upperHalf;

    CodeElement(String escapeAfterEsc, String charset) {
        escape = ((char) ESC + escapeAfterEsc).getBytes(StandardCharsets.US_ASCII);
        // ISO 2022: the intermediate byte '(' designates to G0, ')' and '-' to G1; a '$' before it
        // marks a multi-byte set, and ESC $ B, the old form without a second intermediate, is G0.
        twoByte = escapeAfterEsc.startsWith("$");
        String intermediate = twoByte ? escapeAfterEsc.substring(1) : escapeAfterEsc;
        g0 = intermediate.length() == 1 || intermediate.charAt(0) == '(';
        this.charset = charset == null ? null : Charset.forName(charset);
        upperHalf = g0 || twoByte ? null : decodeUpperHalf(this.charset);
    }

    /** The set that the escape sequence at {@code at} designates, or null when it is none of DICOM's. */
    static CodeElement designatedAt(byte[] bytes, int at, int end) {
        for (CodeElement element : ALL) {
            if (startsWith(bytes, at, end, element.escape)) {
                return element;
            }
        }
        return null;
    }

    /**
     * Decodes the characters of this G0 two-byte or G1 set that stand from {@code at} on, as many
     * as there are in a row, and returns where they end: {@code at} when there is none.
     */
    int decode(byte[] bytes, int at, int end, StringBuilder out) {
        int i = at;
        if (!twoByte) {
            while (i < end && (bytes[i] & 0xFF) >= G1_FIRST) {
                out.append(upperHalf[(bytes[i] & 0xFF) - G1_FIRST]);
                i++;
            }
            return i;
        }
        while (i + 1 < end && inArea(bytes[i]) && inArea(bytes[i + 1])) {
            i += 2;
        }
        if (i > at) {
            out.append(charset.decode(g0 ? euc(bytes, at, i) : ByteBuffer.wrap(bytes, at, i - at)));
        }
        return i;
    }

    /** This set's bytes for a character other than ASCII, as they stand in G0 or G1; null when it has none. */
    byte[] encode(int codePoint) {
        if (upperHalf != null) {
            for (int i = 0; i < upperHalf.length; i++) {
                if (upperHalf[i] == codePoint && codePoint != '\uFFFD') {
                    return new byte[] {(byte) (G1_FIRST + i)};
                }
            }
            return null;
        }
        if (charset == null) {
            return null;
        }
        byte[] euc = encodeStrictly(codePoint);
        if (euc == null) {
            return null;
        }
        if (this == JIS_X0212) {
            return euc.length == 3 && euc[0] == EUC_JP_JIS_X0212 ? new byte[] {(byte) (euc[1] & 0x7F), (byte) (euc[2] & 0x7F)} : null;
        }
        if (euc.length != 2 || !inG1(euc[0]) || !inG1(euc[1])) {
            // EUC-JP also has one-byte ASCII, 0x8E-prefixed katakana and 0x8F-prefixed JIS X 0212.
            return null;
        }
        return g0 ? new byte[] {(byte) (euc[0] & 0x7F), (byte) (euc[1] & 0x7F)} : euc;
    }

    private byte[] encodeStrictly(int codePoint) {
        try {
            ByteBuffer encoded = charset.newEncoder().encode(CharBuffer.wrap(Character.toChars(codePoint)));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException unmappable) {
            return null;
        }
    }

    private ByteBuffer euc(byte[] bytes, int from, int to) {
        int pairs = (to - from) / 2;
        ByteBuffer euc = ByteBuffer.allocate(pairs * (this == JIS_X0212 ? 3 : 2));
        for (int i = from; i < to; i += 2) {
            if (this == JIS_X0212) {
                euc.put(EUC_JP_JIS_X0212);
            }
            euc.put((byte) (bytes[i] | 0x80)).put((byte) (bytes[i + 1] | 0x80));
        }
        return euc.flip();
    }

    private boolean inArea(byte b) {
        return g0 ? b >= 0x21 && b <= 0x7E : inG1(b);
    }

    private static boolean inG1(byte b) {
        int v = b & 0xFF;
        return v >= 0xA1 && v <= 0xFE;
    }

    private static char[] decodeUpperHalf(Charset charset) {
        byte[] bytes = new byte[0x100 - G1_FIRST];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (G1_FIRST + i);
        }
        return new String(bytes, charset).toCharArray();
    }

    private static boolean startsWith(byte[] bytes, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
