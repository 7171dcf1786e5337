package io.deidq.dicom.charset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes and encodes text by the Specific Character Set (0008,0005), as PS3.5 6.1 and PS3.3
 * C.12.1.1.2 define it: the single-byte sets, UTF-8, GB18030 and GBK, and the ISO 2022 code
 * extensions, where escape sequences switch G0 and G1 between the declared sets and the state
 * returns to that of value 1 at each value delimiter, control character and, in a person name,
 * each '^' and '='. Decoding never fails: bytes that no set explains decode as ISO 8859-1, and
 * {@link #isSupported()} tells a set with unknown terms apart.
 */
public final class SpecificCharacterSet {

    /** The default repertoire, ISO_IR 6 (no (0008,0005) or an empty one). */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());

    /** Bounds the cache, since the terms come from files and may be anything. */
    private static final int CACHED_AT_MOST = 256;
    private static final Map<List<String>, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();
    private static final int C1_FIRST = 0x80;
    private static final int G1_FIRST = 0xA0;

    private final List<String> terms;
    private final List<String> unsupported;
    /** The charset of whole values, for the sets without code extensions that are not ISO 2022 ones. */
    private final Charset whole;
    private final CodeElement initialG0;
    private final CodeElement initialG1;
    /** The sets that can encode what ASCII cannot, first to last as declared. */
    private final List<CodeElement> declared;

    private SpecificCharacterSet(List<String> terms) {
        this.terms = terms;
        List<String> unknown = new ArrayList<>();
        List<CodeElement> elements = new ArrayList<>();
        DefinedTerm first = DefinedTerm.DEFAULT;
        for (int i = 0; i < terms.size(); i++) {
            String name = terms.get(i);
            DefinedTerm term = name.isEmpty() ? DefinedTerm.DEFAULT : DefinedTerm.named(name);
            if (term == null) {
                unknown.add(name);
                term = i == 0 ? DefinedTerm.UNKNOWN : DefinedTerm.DEFAULT;
            }
            if (i == 0) {
                first = term;
            }
            if (term.g0() != null && term.g0().twoByte) {
                elements.add(term.g0());
            }
            if (term.g1() != null) {
                elements.add(term.g1());
            }
        }
        unsupported = List.copyOf(unknown);
        declared = List.copyOf(elements);
        whole = first.whole();
        // The two-byte sets may not be value 1 (they would leave no room for the ASCII delimiters);
        // where a file has one there, it starts in ASCII as ISO-2022-JP and EUC-KR do.
        initialG0 = first.g0() == null || first.g0().twoByte ? CodeElement.ASCII : first.g0();
        initialG1 = first.g1();
    }

    /**
     * The character set of the values of (0008,0005) as read, split on backslash: surrounding
     * spaces do not matter, and an empty value 1 stands for the default repertoire. Never throws;
     * unknown terms are recorded, and an unknown value 1 decodes as ISO 8859-1.
     */
    public static SpecificCharacterSet of(String... values) {
        List<String> terms = new ArrayList<>(values.length);
        boolean blank = true;
        for (String value : values) {
            String term = value.trim();
            terms.add(term);
            blank &= term.isEmpty();
        }
        if (blank) {
            return DEFAULT;
        }
        SpecificCharacterSet cached = CACHE.get(terms);
        if (cached != null) {
            return cached;
        }
        SpecificCharacterSet created = new SpecificCharacterSet(List.copyOf(terms));
        if (CACHE.size() < CACHED_AT_MOST) {
            CACHE.putIfAbsent(created.terms, created);
        }
        return created;
    }

    /** The values of (0008,0005) as given, trimmed; none for the default repertoire. */
    public List<String> terms() {
        return terms;
    }

    /** False when a value of (0008,0005) is no defined term. */
    public boolean isSupported() {
        return unsupported.isEmpty();
    }

    public List<String> unsupportedTerms() {
        return unsupported;
    }

    public String decode(byte[] bytes, boolean personName) {
        return decode(bytes, 0, bytes.length, personName);
    }

    /**
     * Decodes a whole element value, value delimiters included; with {@code personName}, '^' and
     * '=' are delimiters as well.
     */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (whole != null) {
            // Their trail bytes may be 0x5C: the value is split on backslash after decoding only.
            return new String(bytes, offset, length, whole);
        }
        StringBuilder out = new StringBuilder(length);
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b == CodeElement.ESC) {
                CodeElement designated = CodeElement.designatedAt(bytes, i, end);
                if (designated != null) {
                    if (designated.g0) {
                        g0 = designated;
                    } else {
                        g1 = designated;
                    }
                    i += designated.escape.length;
                    continue;
                }
            }
            if (b >= G1_FIRST && g1 != null) {
                int next = g1.decode(bytes, i, end, out);
                if (next == i) {
                    out.append('\uFFFD');
                    next++;
                }
                i = next;
            } else if (b >= C1_FIRST) {
                // A C1 control, or G1 with nothing designated: read as ISO 8859-1, which keeps every byte.
                out.append((char) b);
                i++;
            } else {
                int next = g0.twoByte ? g0.decode(bytes, i, end, out) : i;
                if (next == i) {
                    // Also a lone byte left over in a two-byte G0 set: most likely a delimiter
                    // before which the writer forgot to switch back.
                    char c = (char) b;
                    out.append(c);
                    if (resetsState(c, personName)) {
                        g0 = initialG0;
                        g1 = initialG1;
                    }
                    next++;
                }
                i = next;
            }
        }
        return out.toString();
    }

    /**
     * Encodes a whole element value (with {@code personName}, '^' and '=' are delimiters as
     * well). With code extensions, any character but ASCII goes in the first declared set that
     * has it, designated by its escape sequence unless it already is; ASCII, and so each
     * delimiter, goes in value 1's G0 set, which is designated again where needed and at the end,
     * as in the examples of PS3.5 Annexes H, I and K.
     *
     * @throws IllegalArgumentException naming the character and this character set when none of
     *                                  its sets has the character
     */
    public byte[] encode(String text, boolean personName) {
        if (whole != null) {
            return encodeWhole(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < C1_FIRST) {
                if (g0 != initialG0) {
                    out.writeBytes(initialG0.escape);
                    g0 = initialG0;
                }
                out.write(c);
                if (resetsState((char) c, personName)) {
                    g1 = initialG1;
                }
                continue;
            }
            CodeElement element = null;
            byte[] bytes = null;
            for (int k = 0; k < declared.size() && bytes == null; k++) {
                element = declared.get(k);
                bytes = element.encode(c);
            }
            if (bytes == null) {
                throw unencodable(c);
            }
            if (element.g0 ? g0 != element : g1 != element) {
                out.writeBytes(element.escape);
                if (element.g0) {
                    g0 = element;
                } else {
                    g1 = element;
                }
            }
            out.writeBytes(bytes);
        }
        if (g0 != initialG0) {
            out.writeBytes(initialG0.escape);
        }
        return out.toByteArray();
    }

    public boolean canEncode(String text) {
        if (whole != null) {
            return whole.newEncoder().canEncode(text);
        }
        return text.codePoints().allMatch(c -> c < C1_FIRST || declared.stream().anyMatch(e -> e.encode(c) != null));
    }

    /** The terms joined with backslash, as (0008,0005) holds them. */
    @Override
    public String toString() {
        return String.join("\\", terms);
    }

    private byte[] encodeWhole(String text) {
        CharsetEncoder encoder = whole.newEncoder();
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(text.length() * (double) encoder.maxBytesPerChar()));
        if (encoder.encode(in, out, true).isError()) {
            throw unencodable(Character.codePointAt(text, in.position()));
        }
        encoder.flush(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private IllegalArgumentException unencodable(int codePoint) {
        String set = terms.isEmpty() ? "the default repertoire ISO_IR 6" : "Specific Character Set " + this;
        return new IllegalArgumentException(String.format("character '%s' (U+%04X) cannot be encoded in %s",
                Character.toString(codePoint), codePoint, set));
    }

    /** Where PS3.5 6.1.2.5.3 returns to the state of value 1: at any control but ESC, and at delimiters. */
    private static boolean resetsState(char c, boolean personName) {
        return c < ' ' && c != CodeElement.ESC || c == '\\' || personName && (c == '^' || c == '=');
    }
}
