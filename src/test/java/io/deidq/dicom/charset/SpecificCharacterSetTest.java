package io.deidq.dicom.charset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The examples of PS3.5 Annexes H (Japanese), I (Korean), J and K (Chinese) byte for byte, the
 * names of pydicom's charset test files (expected text as dcmdump +U8 shows it), and the rules of
 * PS3.5 6.1.2.5. Expected letters of the single-byte sets come from Python's codecs, not from the
 * JDK tables the implementation uses.
 */
class SpecificCharacterSetTest {

    private static final String JAPANESE = "Yamada^Tarou=山田^太郎=やまだ^たろう";
    private static final String H_3_1 = "59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 1b 28 42 5e"
            + " 1b 24 42 42 40 4f 3a 1b 28 42 3d 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42";
    private static final String H_3_2 = "d4 cf c0 de 5e c0 db b3 3d 1b 24 42 3b 33 45 44 1b 28 4a 5e"
            + " 1b 24 42 42 40 4f 3a 1b 28 4a 3d 1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a";

    @Test
    void japaneseNameOfExampleH31() {
        SpecificCharacterSet cs = of("\\ISO 2022 IR 87");
        assertThat(cs.decode(hex(H_3_1), true)).isEqualTo(JAPANESE);
        assertThat(cs.encode(JAPANESE, true)).isEqualTo(hex(H_3_1));
    }

    @Test
    void japaneseNameOfExampleH32StartsInJisX0201() {
        SpecificCharacterSet cs = of("ISO 2022 IR 13\\ISO 2022 IR 87");
        String name = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
        assertThat(cs.decode(hex(H_3_2), true)).isEqualTo(name);
        assertThat(cs.encode(name, true)).isEqualTo(hex(H_3_2));
    }

    @Test
    void supplementaryKanjiOfJisX0212() {
        SpecificCharacterSet cs = of("\\ISO 2022 IR 159");
        byte[] encoded = hex("1b 24 28 44 30 21 1b 28 42");
        assertThat(cs.decode(encoded, false)).isEqualTo("丂");
        assertThat(cs.encode("丂", false)).isEqualTo(encoded);
    }

    @Test
    void koreanNameOfExampleI2() {
        SpecificCharacterSet cs = of("\\ISO 2022 IR 149");
        byte[] encoded = hex("48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7"
                + " 3d 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf");
        assertThat(cs.decode(encoded, true)).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
        assertThat(cs.encode("Hong^Gildong=洪^吉洞=홍^길동", true)).isEqualTo(encoded);
    }

    @Test
    void koreanTextDesignatedAtTheStartOfEachLineAsInExampleI3() {
        byte[] text = hex("1b 24 29 43 54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 20 c7 d1 b1 db 2e 0d 0a"
                + " 1b 24 29 43 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 20 c7 d1 b1 db 2c 20 74 6f 6f 2e 0d 0a"
                + " 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65");
        assertThat(of("\\ISO 2022 IR 149").decode(text, false))
                .isEqualTo("The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line");
    }

    @Test
    void chineseOfAnnexJInUtf8Gb18030AndGbk() {
        byte[] j1 = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d");
        assertThat(of("ISO_IR 192").decode(j1, true)).isEqualTo("Wang^XiaoDong=王^小東=");
        assertThat(of("ISO_IR 192").encode("Wang^XiaoDong=王^小東=", true)).isEqualTo(j1);

        String lines = "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n";
        byte[] j2 = hex("54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 e4 b8 ad e6 96 87 2e 0d 0a"
                + " 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 e4 b8 ad e6 96 87 2c 20 74 6f 6f 2e 0d 0a"
                + " 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e 0d 0a");
        assertThat(of("ISO_IR 192").decode(j2, false)).isEqualTo(lines);

        byte[] j3 = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d");
        byte[] j4 = hex("54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4 2e 0d 0a"
                + " 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4 2c 20 74 6f 6f 2e 0d 0a"
                + " 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e 0d 0a");
        for (String term : List.of("GB18030", "GBK")) {
            SpecificCharacterSet cs = of(term);
            assertThat(cs.decode(j3, true)).as(term).isEqualTo("Wang^XiaoDong=王^小东=");
            assertThat(cs.encode("Wang^XiaoDong=王^小东=", true)).as(term).isEqualTo(j3);
            assertThat(cs.decode(j4, false)).as(term).isEqualTo(lines);
        }
    }

    @Test
    void chineseOfAnnexKWithGb2312InG1() {
        SpecificCharacterSet cs = of("\\ISO 2022 IR 58");
        byte[] k2 = hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6 ab 3d 20");
        assertThat(cs.decode(k2, true)).isEqualTo("Zhang^XiaoDong=张^小东= ");
        assertThat(cs.encode("Zhang^XiaoDong=张^小东=", true)).isEqualTo(hex(
                "5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6 ab 3d"));

        String lines = "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n";
        byte[] k3 = hex("31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
                + " 32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
                + " 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 0d 0a");
        assertThat(cs.decode(k3, false)).isEqualTo(lines);
        assertThat(cs.encode(lines, false)).as("G1 is undesignated again after each CR LF").isEqualTo(k3);
        byte[] k3Of2015 = hex("31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
                + " 32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
                + " 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a");
        assertThat(cs.decode(k3Of2015, false)).as("the older edition's needless ESC ( B").isEqualTo(lines);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            chrArab                | ISO_IR 127                      | e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1 20 | 'قباني^لنزار '
            chrFren                | ISO_IR 100                      | 42 75 63 5e 4a e9 72 f4 6d 65 | Buc^Jérôme
            chrFrenMulti           | ISO_IR 100                      | 42 75 63 5e 4a e9 72 f4 6d 65 5c 42 75 63 5e 4a e9 72 f4 6d 65 20 | 'Buc^Jérôme\\Buc^Jérôme '
            chrGerm                | ISO_IR 100                      | c4 6e 65 61 73 5e 52 fc 64 69 67 65 72 20 | 'Äneas^Rüdiger '
            chrGreek               | ISO_IR 126                      | c4 e9 ef ed f5 f3 e9 ef f2 20 | 'Διονυσιος '
            chrHbrw                | ISO_IR 138                      | f9 f8 e5 ef 5e e3 e1 e5 f8 e4 | שרון^דבורה
            chrRuss                | ISO_IR 144                      | bb ee da 63 65 dc d1 79 70 d3 | Люкceмбypг
            chrX1                  | ISO_IR 192                      | 57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d | Wang^XiaoDong=王^小東=
            chrX2                  | GB18030                         | 57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d | Wang^XiaoDong=王^小东=
            chrKoreanMulti         | \\ISO 2022 IR 149               | 1b 24 29 43 b1 e8 c8 f1 c1 df 1b 28 42 5c 1b 24 29 43 b1 e8 c8 f1 c1 df 1b 28 42 20 | '김희중\\김희중 '
            chrJapMulti            | \\ISO 2022 IR 87                | 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42 5c 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42 20 | 'やまだ^たろう\\やまだ^たろう '
            chrJapMultiExplicitIR6 | ISO 2022 IR 6\\ISO 2022 IR 87   | 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42 20 | 'やまだ^たろう '
            """)
    void namesOfPydicomsCharsetFiles(String file, String terms, String bytes, String expected) {
        assertThat(of(terms).decode(hex(bytes), true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            100 | e9 e8 e7 e0 f1 df                            | éèçàñß
            101 | a3 f3 64 bc 20 af f3 b3 e6                   | Łódź Żółć
            109 | a1 61 f5 61 72 20 e6 f8 fe                   | Ħaġar ĉĝŝ
            110 | d3 ba f3 69 73 20 de 64 65 6e 73 20 b3       | Ķēķis Ūdens ŗ
            144 | bc de e1 da d2 d0                            | Москва
            127 | d9 d1 c8 ea                                  | عربي
            126 | c1 e8 de ed e1                               | Αθήνα
            138 | f2 e1 f8 e9 fa                               | עברית
            148 | dd 73 74 61 6e 62 75 6c 20 de f0 fd          | İstanbul Şğı
            203 | a4 a6 a8 b4 b8 bc bd be                      | €ŠšŽžŒœŸ
            166 | c0 d2 c9 d2 e4 b7 c2                         | ภาษาไทย
            13  | b1 b2 b3 de 5e 41                            | ｱｲｳﾞ^A
            """)
    void eachSingleByteSetDecodesAndEncodesItsUpperHalf(String registration, String bytes, String text) {
        for (String term : List.of("ISO_IR " + registration, "ISO 2022 IR " + registration)) {
            SpecificCharacterSet cs = of(term);
            assertThat(cs.isSupported()).as(term).isTrue();
            assertThat(cs.decode(hex(bytes), true)).as(term).isEqualTo(text);
            assertThat(cs.encode(text, true)).as(term).isEqualTo(hex(bytes));
        }
    }

    @ParameterizedTest(name = "ISO 2022 IR {0}")
    @CsvSource(delimiter = '|', textBlock = """
            100 | é | 1b 2d 41 e9
            101 | Ł | 1b 2d 42 a3
            109 | Ħ | 1b 2d 43 a1
            110 | Ķ | 1b 2d 44 d3
            144 | М | 1b 2d 4c bc
            127 | ع | 1b 2d 47 d9
            126 | Α | 1b 2d 46 c1
            138 | ע | 1b 2d 48 f2
            148 | İ | 1b 2d 4d dd
            203 | € | 1b 2d 62 a4
            166 | ไ | 1b 2d 54 e4
            13  | ｱ | 1b 29 49 b1
            """)
    void eachSingleByteSetIsDesignatedByTheEscapeSequenceOfTableC123(String registration, String letter, String bytes) {
        SpecificCharacterSet cs = of("\\ISO 2022 IR " + registration);
        assertThat(cs.encode(letter, false)).isEqualTo(hex(bytes));
        assertThat(cs.decode(hex(bytes), false)).isEqualTo(letter);
    }

    @Test
    void codeExtensionsSwitchG1ToTheFirstDeclaredSetThatHasTheCharacter() {
        SpecificCharacterSet cs = of("ISO 2022 IR 100\\ISO 2022 IR 144");
        assertThat(cs.encode("Müller=Мюллер", true)).isEqualTo(hex("4d fc 6c 6c 65 72 3d 1b 2d 4c bc ee db db d5 e0"));
        assertThat(cs.encode("Ж§", false)).as("§ is in both, Latin-1 is declared first").isEqualTo(hex("1b 2d 4c b6 1b 2d 41 a7"));
        assertThat(cs.decode(hex("1b 2d 4c b6 1b 2d 41 a7"), false)).isEqualTo("Ж§");
        assertThat(cs.decode(hex("1b 2d 4c b6 fd"), false)).isEqualTo("Ж§");

        SpecificCharacterSet three = of("ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144");
        byte[] mixed = hex("e9 20 1b 2d 46 c4 20 1b 2d 4c b6 20 1b 2d 41 e9");
        assertThat(three.encode("é Δ Ж é", false)).isEqualTo(mixed);
        assertThat(three.decode(mixed, false)).isEqualTo("é Δ Ж é");
    }

    @Test
    void personNameDelimitersReturnG1ToValueOne() {
        SpecificCharacterSet cs = of("ISO 2022 IR 100\\ISO 2022 IR 144");
        assertThat(cs.decode(hex("1b 2d 4c bc ee 3d 4d fc 6c 6c 65 72"), true)).isEqualTo("Мю=Müller");
        assertThat(cs.decode(hex("1b 2d 4c bc 5e fc"), true)).isEqualTo("М^ü");
        assertThat(cs.decode(hex("1b 2d 4c bc 5e fc"), false)).as("'^' delimits only in a person name").isEqualTo("М^ќ");

        SpecificCharacterSet korean = of("\\ISO 2022 IR 149");
        assertThat(korean.decode(hex("1b 24 29 43 fb f3 5e 47 69 6c 5e d1 ce"), true))
                .as("after '^' G1 holds nothing, so its bytes are read as ISO 8859-1").isEqualTo("洪^Gil^ÑÎ");
    }

    @Test
    void controlCharactersReturnG0ToAsciiEvenWhenTheWriterForgotTo() {
        SpecificCharacterSet cs = of("\\ISO 2022 IR 87");
        assertThat(cs.decode(hex("1b 24 42 3b 33 45 44 0d 0a 59 61 6d 61 64 61"), false)).isEqualTo("山田\r\nYamada");
        assertThat(cs.decode(hex("1b 24 42 3b 33 45 44 09 54 61 72 6f 75"), false)).isEqualTo("山田\tTarou");
        assertThat(cs.encode("山田\r\nYamada", false)).isEqualTo(hex("1b 24 42 3b 33 45 44 1b 28 42 0d 0a 59 61 6d 61 64 61"));
    }

    @Test
    void aDelimiterLeftAloneInJisX0208IsStillADelimiter() {
        byte[] sloppy = hex("59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 5e 1b 24 42 42 40 4f 3a 3d"
                + " 1b 24 42 24 64 24 5e 24 40 5e 1b 24 42 24 3f 24 6d 24 26");
        assertThat(of("\\ISO 2022 IR 87").decode(sloppy, true)).isEqualTo(JAPANESE);
    }

    @Test
    void backslashDelimitsValuesExceptInsideATwoByteCharacter() {
        SpecificCharacterSet japanese = of("\\ISO 2022 IR 87");
        assertThat(japanese.decode(hex("1b 24 42 5c 21 30 5c 1b 28 42 5c 41 42 43"), false)).isEqualTo("棔移\\ABC");
        assertThat(japanese.encode("棔移\\ABC", false)).isEqualTo(hex("1b 24 42 5c 21 30 5c 1b 28 42 5c 41 42 43"));

        SpecificCharacterSet cyrillic = of("ISO 2022 IR 100\\ISO 2022 IR 144");
        assertThat(cyrillic.decode(hex("1b 2d 4c bc 5c 4d fc"), false)).isEqualTo("М\\Mü");
        assertThat(cyrillic.encode("М\\Mü", false)).isEqualTo(hex("1b 2d 4c bc 5c 4d fc"));
    }

    @Test
    void gbkAndGb18030DecodeWholeValuesWhoseTrailBytesMayBeBackslash() {
        byte[] twoValues = hex("81 5c 5c 81 5c");
        for (String term : List.of("GBK", "GB18030")) {
            assertThat(of(term).decode(twoValues, false)).as(term).isEqualTo("乗\\乗");
            assertThat(of(term).encode("乗\\乗", false)).as(term).isEqualTo(twoValues);
        }
    }

    @Test
    void supplementaryCharactersOfUtf8AndGb18030() {
        assertThat(of("ISO_IR 192").encode("𠮷", false)).isEqualTo(hex("f0 a0 ae b7"));
        assertThat(of("GB18030").encode("𠮷", false)).isEqualTo(hex("95 34 b2 35"));
        assertThat(of("GB18030").decode(hex("95 34 b2 35"), false)).isEqualTo("𠮷");
    }

    @Test
    void unknownTermsAreReportedAndReadAsIso8859Part1() {
        SpecificCharacterSet unknown = of("ISO_IR 999");
        assertThat(unknown.isSupported()).isFalse();
        assertThat(unknown.unsupportedTerms()).containsExactly("ISO_IR 999");
        assertThat(unknown.decode(hex("63 61 66 e9"), false)).isEqualTo("café");
        assertThat(unknown.encode("café", false)).as("the bytes come back unchanged").isEqualTo(hex("63 61 66 e9"));

        SpecificCharacterSet second = of("ISO 2022 IR 144\\ISO 2022 IR 999");
        assertThat(second.unsupportedTerms()).containsExactly("ISO 2022 IR 999");
        assertThat(second.decode(hex("bc ee"), false)).isEqualTo("Мю");
        assertThat(of("ISO_IR 100 ").isSupported()).isTrue();
    }

    @Test
    void anEmptyOrBlankValue1IsTheDefaultRepertoire() {
        assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of("")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of("  ", "")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.DEFAULT.terms()).isEmpty();
        assertThat(SpecificCharacterSet.DEFAULT.isSupported()).isTrue();
        assertThat(SpecificCharacterSet.DEFAULT.decode(hex("41 42 5c 43"), false)).isEqualTo("AB\\C");

        SpecificCharacterSet blankFirst = SpecificCharacterSet.of("  ", " ISO 2022 IR 87 ");
        assertThat(blankFirst.terms()).containsExactly("", "ISO 2022 IR 87");
        assertThat(blankFirst.toString()).isEqualTo("\\ISO 2022 IR 87");
        assertThat(blankFirst.isSupported()).isTrue();
        assertThat(blankFirst.decode(hex(H_3_1), true)).isEqualTo(JAPANESE);
        assertThat(blankFirst).isSameAs(of("\\ISO 2022 IR 87"));
    }

    @Test
    void escapesDecodeAsFarAsPossibleWhereTheTermsDoNotAllowThem() {
        assertThat(of("ISO_IR 100").decode(hex("e9 1b 2d 4c bc"), false)).as("ISO_IR, not ISO 2022").isEqualTo("éМ");
        assertThat(of("ISO 2022 IR 87").decode(hex(H_3_1), true)).as("a two-byte set as value 1").isEqualTo(JAPANESE);
        assertThat(of("ISO_IR 13").decode(hex(H_3_2), true)).as("ISO 2022 IR 87 not declared")
                .isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        assertThat(of("ISO 2022 IR 149").decode(hex("c8 ab 5e b1 e6 b5 bf"), true)).as("EUC-KR without escapes")
                .isEqualTo("홍^길동");
    }

    @Test
    void whatNoSetExplainsIsKeptAsText() {
        assertThat(of("\\ISO 2022 IR 87").decode(hex("1b 28 5a 41"), false)).as("unknown escape").isEqualTo("\u001b(ZA");
        assertThat(of("\\ISO 2022 IR 87").decode(hex("41 1b 24"), false)).as("cut escape").isEqualTo("A\u001b$");
        assertThat(of("\\ISO 2022 IR 149").decode(hex("1b 24 29 43 b1 41"), false)).as("half a character").isEqualTo("\uFFFDA");
        assertThat(of("ISO_IR 13").decode(hex("e0"), false)).isEqualTo("\uFFFD");
        assertThat(SpecificCharacterSet.DEFAULT.decode(hex("63 61 66 e9 85"), false)).isEqualTo("café\u0085");
    }

    @Test
    void decodeNeverThrowsWhateverTheBytes() {
        Random random = new Random(20240501);
        List<String> terms = List.of("", "ISO_IR 100", "ISO_IR 13", "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK",
                "\\ISO 2022 IR 87", "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159", "\\ISO 2022 IR 149",
                "\\ISO 2022 IR 58", "ISO 2022 IR 100\\ISO 2022 IR 126", "ISO_IR 999");
        byte[] alphabet = hex("1b 24 28 29 2d 42 43 44 41 4a 49 4c 5c 5e 3d 0d 21 7e 80 a0 a1 b0 fe ff");
        for (int run = 0; run < 2000; run++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
            }
            SpecificCharacterSet cs = of(terms.get(run % terms.size()));
            boolean personName = run % 2 == 0;
            assertThatNoException().as(cs + " " + HexFormat.ofDelimiter(" ").formatHex(bytes))
                    .isThrownBy(() -> cs.decode(bytes, personName));
        }
    }

    @Test
    void decodesPartOfAnArray() {
        byte[] bytes = hex("ff ff 1b 2d 4c bc ee ff");
        assertThat(of("ISO 2022 IR 100\\ISO 2022 IR 144").decode(bytes, 2, 5, false)).isEqualTo("Мю");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ISO_IR 6                                            | Smith^John\\Doe
            ISO_IR 100                                          | Müller^Jürgen\\Ærø
            ISO_IR 101                                          | Łódź\\Żółć
            ISO_IR 109                                          | Ħaġar
            ISO_IR 110                                          | Ķēķis
            ISO_IR 144                                          | Люксембург
            ISO_IR 127                                          | قباني^لنزار
            ISO_IR 126                                          | Διονυσιος
            ISO_IR 138                                          | שרון^דבורה
            ISO_IR 148                                          | İstanbul
            ISO_IR 203                                          | €uro Œuvre
            ISO_IR 166                                          | ภาษาไทย
            ISO_IR 13                                           | ﾔﾏﾀﾞ^ﾀﾛｳ
            ISO_IR 192                                          | 王^小東=홍 é 𠮷
            GB18030                                             | 王^小东=乗\\乗 𠮷
            GBK                                                 | 王^小东=乗
            \\ISO 2022 IR 87                                    | 山田^太郎=やまだ^たろう\\ＡＢＣ
            \\ISO 2022 IR 159                                   | 丂^丄
            ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159     | ﾔﾏﾀﾞ=山田=丂ﾀ
            ISO 2022 IR 6\\ISO 2022 IR 149                      | 홍^길동=洪
            \\ISO 2022 IR 58                                    | 张^小东
            ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144   | é Δ Ж é\\Ж
            ISO 2022 IR 166\\ISO 2022 IR 87                     | ไทย=山田
            """)
    void encodingRoundTrips(String terms, String text) {
        SpecificCharacterSet cs = of(terms);
        assertThat(cs.canEncode(text)).isTrue();
        for (boolean personName : new boolean[] {true, false}) {
            assertThat(cs.decode(cs.encode(text, personName), personName)).as(terms).isEqualTo(text);
        }
    }

    @Test
    void encodingACharacterNoDeclaredSetHasIsRefusedNamingTheCharacterSet() {
        assertThatThrownBy(() -> of("ISO_IR 100").encode("Мюллер", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'М' (U+041C)").hasMessageContaining("ISO_IR 100");
        assertThatThrownBy(() -> SpecificCharacterSet.DEFAULT.encode("é", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'é'").hasMessageContaining("ISO_IR 6");
        assertThatThrownBy(() -> of("GBK").encode("홍", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'홍'").hasMessageContaining("GBK");
        assertThatThrownBy(() -> of("\\ISO 2022 IR 87").encode("山田 é", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'é'").hasMessageContaining("\\ISO 2022 IR 87");
        assertThatThrownBy(() -> of("\\ISO 2022 IR 149").encode("😀", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+1F600");
        assertThatThrownBy(() -> of("ISO_IR 192").encode("\uD800", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D800");

        assertThat(of("ISO_IR 100").canEncode("Мюллер")).isFalse();
        assertThat(of("GBK").canEncode("홍")).isFalse();
        assertThat(of("\\ISO 2022 IR 87").canEncode("山田 é")).isFalse();
        assertThat(of("ISO_IR 192").canEncode("홍 and é")).isTrue();
    }

    @Test
    void termsAndToString() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100 ", " ISO 2022 IR 144");
        assertThat(cs.terms()).containsExactly("ISO 2022 IR 100", "ISO 2022 IR 144");
        assertThat(cs.toString()).isEqualTo("ISO 2022 IR 100\\ISO 2022 IR 144");
        assertThat(cs).isSameAs(SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144"));
        assertThat(SpecificCharacterSet.DEFAULT.toString()).isEmpty();
    }

    /** The character set of (0008,0005) written as in a file, values joined by backslash. */
    private static SpecificCharacterSet of(String joined) {
        return SpecificCharacterSet.of(joined.split("\\\\", -1));
    }

    private static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }
}
