package io.deidq.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a defined term of (0008,0005) (PS3.3 C.12.1.1.2) stands for: the code elements it puts in
 * G0 and G1, or, for the sets that ISO 2022 cannot extend, the charset of whole values.
 */
record DefinedTerm(CodeElement g0, CodeElement g1, Charset whole) {

    /** A value 1 that is empty: ASCII in G0, nothing in G1. */
    static final DefinedTerm DEFAULT = new DefinedTerm(CodeElement.ASCII, null, null);

    /** How an unknown value 1 is read, so that its bytes come back unchanged when written again. */
    static final DefinedTerm UNKNOWN = new DefinedTerm(CodeElement.ASCII, CodeElement.LATIN_1, null);

    private static final Map<String, DefinedTerm> BY_NAME = byName();

    /** The defined term, or null when there is none of that name. */
    static DefinedTerm named(String name) {
        return BY_NAME.get(name);
    }

    private static Map<String, DefinedTerm> byName() {
        Map<String, DefinedTerm> terms = new HashMap<>();
        Map<String, CodeElement> singleByte = Map.ofEntries(
                Map.entry("100", CodeElement.LATIN_1), Map.entry("101", CodeElement.LATIN_2),
                Map.entry("109", CodeElement.LATIN_3), Map.entry("110", CodeElement.LATIN_4),
                Map.entry("144", CodeElement.CYRILLIC), Map.entry("127", CodeElement.ARABIC),
                Map.entry("126", CodeElement.GREEK), Map.entry("138", CodeElement.HEBREW),
                Map.entry("148", CodeElement.LATIN_5), Map.entry("203", CodeElement.LATIN_9),
                Map.entry("166", CodeElement.THAI));
        singleByte.forEach((number, g1) -> both(terms, number, new DefinedTerm(CodeElement.ASCII, g1, null)));
        both(terms, "6", DEFAULT);
        both(terms, "13", new DefinedTerm(CodeElement.JIS_X0201_ROMAN, CodeElement.JIS_X0201_KATAKANA, null));
        terms.put("ISO 2022 IR 87", new DefinedTerm(CodeElement.JIS_X0208, null, null));
        terms.put("ISO 2022 IR 159", new DefinedTerm(CodeElement.JIS_X0212, null, null));
        terms.put("ISO 2022 IR 149", new DefinedTerm(null, CodeElement.KS_X1001, null));
        terms.put("ISO 2022 IR 58", new DefinedTerm(null, CodeElement.GB2312, null));
        terms.put("ISO_IR 192", new DefinedTerm(null, null, StandardCharsets.UTF_8));
        terms.put("GB18030", new DefinedTerm(null, null, Charset.forName("GB18030")));
        terms.put("GBK", new DefinedTerm(null, null, Charset.forName("GBK")));
        return Map.copyOf(terms);
    }

    /** The term without code extensions (Table C.12-2) and the one with them (Table C.12-3) are the same sets. */
    private static void both(Map<String, DefinedTerm> terms, String registration, DefinedTerm term) {
        terms.put("ISO_IR " + registration, term);
        terms.put("ISO 2022 IR " + registration, term);
    }
}
