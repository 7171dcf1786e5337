package io.deidq.dicom.charset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes and encodes text by the Specific Character Set (0008,0005), as PS3.5 6.1 and PS3.3
 * C.12.1.1.2 define it: the single-byte sets, UTF-8, GB18030 and GBK, and the ISO 2022 code
 * extensions (escape sequences switching G0 and G1 between the declared code elements, the
 * state returning to that of value 1 at each value delimiter, control character and, in a person
 * name, each '^' and '='). Decoding never fails: unknown terms and bytes no set explains decode
 * as ISO 8859-1 (so no byte is lost), and {@link #isSupported()} tells such a set apart.
 */
public final class SpecificCharacterSet {

    /** What a defined term designates: G0 and G1 for ISO 2022, or one charset for the whole value. */
    private record Term(CodeElement g0, CodeElement g1, Charset whole) {
    }

    private static final Map<String, Term> TERMS = definedTerms();
    private static final Term DEFAULT_TERM = new Term(CodeElement.ASCII, null, null);
    private static final Map<List<String>, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();

    /** The default repertoire, ISO_IR 6 (no (0008,0005) or an empty one). */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());

    private final List<String> terms;
    private final List<String> unsupported = new ArrayList<>();
    private final Term initial;
    private final List<CodeElement> declared = new ArrayList<>();

    private SpecificCharacterSet(List<String> terms) {
        this.terms = terms;
        Term first = DEFAULT_TERM;
        for (int i = 0; i < terms.size(); i++) {
            String name = terms.get(i);
            Term term = name.isEmpty() ? DEFAULT_TERM : TERMS.get(name);
            if (term == null) {
                unsupported.add(name);
                term = new Term(CodeElement.ASCII, CodeElement.LATIN_1, null);
            }
            if (i == 0) {
                first = term;
            }
            if (term.g0 != null && term.g0 != CodeElement.ASCII) {
                declared.add(term.g0);
            }
            if (term.g1 != null) {
                declared.add(term.g1);
            }
        }
        // A value 1 that designates only G1 (not allowed, but written) leaves G0 at the default repertoire.
        initial = first.g0 == null && first.whole == null ? new Term(CodeElement.ASCII, first.g1, null) : first;
    }

    /**
     * The character set of the values of (0008,0005) as read: split on backslash, surrounding
     * spaces allowed; an empty value 1 stands for the default repertoire.
     */
    public static SpecificCharacterSet of(String... values) {
        List<String> trimmed = new ArrayList<>(values.length);
        for (String value : values) {
            trimmed.add(value.trim());
        }
        while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
            trimmed.remove(trimmed.size() - 1);
        }
        if (trimmed.isEmpty()) {
            return DEFAULT;
        }
        return CACHE.computeIfAbsent(List.copyOf(trimmed), SpecificCharacterSet::new);
    }

    public List<String> terms() {
        return terms;
    }

    public boolean isSupported() {
        return unsupported.isEmpty();
    }

    public List<String> unsupportedTerms() {
        return List.copyOf(unsupported);
    }

    public String decode(byte[] bytes, boolean personName) {
        return decode(bytes, 0, bytes.length, personName);
    }

    /** Decodes a whole element value, value delimiters included. */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        if (initial.whole != null) {
            return new String(bytes, offset, length, initial.whole);
        }
        CodeElement g0 = initial.g0;
        CodeElement g1 = initial.g1;
        StringBuilder out = new StringBuilder(length);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b == 0x1B) {
                CodeElement designated = CodeElement.designatedAt(bytes, i, end);
                if (designated == null) {
                    out.append('\u001B');
                    i++;
                } else {
                    if (designated.g0) {
                        g0 = designated;
                    } else {
                        g1 = designated;
                    }
                    i += designated.escape.length;
                }
            } else if (b < 0x80 && g0.bytesPerChar == 2 && b >= 0x21 && b <= 0x7E) {
                int run = i;
                while (run + 1 < end && graphic(bytes[run]) && graphic(bytes[run + 1])) {
                    run += 2;
                }
                if (run == i) {
                    out.append('\uFFFD');
                    i++;
                } else {
                    g0.decode(bytes, i, run - i, out);
                    i = run;
                }
            } else if (b < 0x80) {
                char c = (char) b;
                out.append(c);
                if (delimiter(c, personName)) {
                    g0 = initial.g0;
                    g1 = initial.g1;
                }
                i++;
            } else if (g1 == null) {
                out.append((char) b);
                i++;
            } else {
                int run = i;
                while (run + g1.bytesPerChar <= end && high(bytes, run, g1.bytesPerChar)) {
                    run += g1.bytesPerChar;
                }
                if (run == i) {
                    out.append('\uFFFD');
                    i++;
                } else {
                    g1.decode(bytes, i, run - i, out);
                    i = run;
                }
            }
        }
        return out.toString();
    }

    /**
     * Encodes a whole element value. With code extensions, each character goes in the first
     * declared code element that has it, designated by its escape sequence when it is not already,
     * and the state of value 1 is restored before each delimiter and at the end, as PS3.5 Annexes
     * H to K show.
     *
     * @throws IllegalArgumentException naming the character and this character set when none of
     *                                  its code elements has the character
     */
    public byte[] encode(String text, boolean personName) {
        if (initial.whole != null) {
            return encodeWhole(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        CodeElement g0 = initial.g0;
        CodeElement g1 = initial.g1;
        CodeElement restingG0 = initial.g0.bytesPerChar == 1 ? initial.g0 : CodeElement.ASCII;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (g0 != restingG0) {
                    out.writeBytes(restingG0.escape);
                    g0 = restingG0;
                }
                out.write(c);
                if (delimiter(c, personName)) {
                    g0 = initial.g0;
                    g1 = initial.g1;
                }
                continue;
            }
            CodeElement chosen = null;
            byte[] bytes = null;
            for (CodeElement candidate : candidates(g0, g1)) {
                bytes = candidate.encode(c);
                if (bytes != null) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null) {
                throw unencodable(c);
            }
            if (chosen.g0 && chosen != g0) {
                out.writeBytes(chosen.escape);
                g0 = chosen;
            } else if (!chosen.g0 && chosen != g1) {
                out.writeBytes(chosen.escape);
                g1 = chosen;
            }
            out.writeBytes(bytes);
        }
        if (g0 != restingG0) {
            out.writeBytes(restingG0.escape);
        }
        return out.toByteArray();
    }

    public boolean canEncode(String text) {
        try {
            encode(text, true);
            return true;
        } catch (IllegalArgumentException unencodable) {
            return false;
        }
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "ISO_IR 6" : String.join("\\", terms);
    }

    private List<CodeElement> candidates(CodeElement g0, CodeElement g1) {
        List<CodeElement> candidates = new ArrayList<>(declared.size() + 2);
        if (g1 != null) {
            candidates.add(g1);
        }
        if (g0.bytesPerChar == 2) {
            candidates.add(g0);
        }
        candidates.addAll(declared);
        return candidates;
    }

    private byte[] encodeWhole(String text) {
        try {
            ByteBuffer bytes = initial.whole.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] result = new byte[bytes.remaining()];
            bytes.get(result);
            return result;
        } catch (CharacterCodingException e) {
            for (int i = 0; i < text.length(); i++) {
                if (!initial.whole.newEncoder().canEncode(text.charAt(i))) {
                    throw unencodable(text.charAt(i));
                }
            }
            throw new IllegalArgumentException("text cannot be encoded in Specific Character Set " + this + ": " + e.getMessage());
        }
    }

    private IllegalArgumentException unencodable(char c) {
        return new IllegalArgumentException(String.format("character '%c' (U+%04X) cannot be encoded in Specific Character Set %s",
                c, (int) c, this));
    }

    /** Where PS3.5 6.1.2.5.3 returns the code extension state to that of value 1. */
    private static boolean delimiter(char c, boolean personName) {
        return c == '\\' || c == '\r' || c == '\n' || c == '\f' || c == '\t' || (personName && (c == '^' || c == '='));
    }

    private static boolean graphic(byte b) {
        return b >= 0x21 && b <= 0x7E;
    }

    /** A character of a G1 set: one byte with the high bit, or two bytes each within 0xA1-0xFE. */
    private static boolean high(byte[] bytes, int at, int count) {
        if (count == 1) {
            return (bytes[at] & 0x80) != 0;
        }
        return twoByteG1(bytes[at]) && twoByteG1(bytes[at + 1]);
    }

    private static boolean twoByteG1(byte b) {
        int v = b & 0xFF;
        return v >= 0xA1 && v <= 0xFE;
    }

    private static Map<String, Term> definedTerms() {
        Map<String, Term> terms = new ConcurrentHashMap<>();
        Object[][] singleByte = {
                {"6", null}, {"100", CodeElement.LATIN_1}, {"101", CodeElement.LATIN_2}, {"109", CodeElement.LATIN_3},
                {"110", CodeElement.LATIN_4}, {"144", CodeElement.CYRILLIC}, {"127", CodeElement.ARABIC},
                {"126", CodeElement.GREEK}, {"138", CodeElement.HEBREW}, {"148", CodeElement.LATIN_5},
                {"203", CodeElement.LATIN_9}, {"166", CodeElement.THAI}};
        for (Object[] set : singleByte) {
            Term term = new Term(CodeElement.ASCII, (CodeElement) set[1], null);
            terms.put("ISO_IR " + set[0], term);
            terms.put("ISO 2022 IR " + set[0], term);
        }
        Term japanese = new Term(CodeElement.JIS_X0201_ROMAN, CodeElement.JIS_X0201_KATAKANA, null);
        terms.put("ISO_IR 13", japanese);
        terms.put("ISO 2022 IR 13", japanese);
        terms.put("ISO 2022 IR 87", new Term(CodeElement.JIS_X0208, null, null));
        terms.put("ISO 2022 IR 159", new Term(CodeElement.JIS_X0212, null, null));
        terms.put("ISO 2022 IR 149", new Term(null, CodeElement.KS_X1001, null));
        terms.put("ISO 2022 IR 58", new Term(null, CodeElement.GB2312, null));
        terms.put("ISO_IR 192", new Term(null, null, StandardCharsets.UTF_8));
        terms.put("GB18030", new Term(null, null, Charset.forName("GB18030")));
        terms.put("GBK", new Term(null, null, Charset.forName("GBK")));
        return Map.copyOf(terms);
    }
}
