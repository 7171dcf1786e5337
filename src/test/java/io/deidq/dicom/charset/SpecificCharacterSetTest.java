package io.deidq.dicom.charset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The examples of PS3.5 Annexes H (Japanese), I (Korean) and J/K (Chinese), byte for byte, and
 * the single-byte sets. DcmtkInteropTest checks the same decoding against dcmdump +U8 on files.
 */
class SpecificCharacterSetTest {

    private static final String JAPANESE = "Yamada^Tarou=山田^太郎=やまだ^たろう";
    private static final String H_3_1 = "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B=\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B";
    private static final String H_3_2 = "\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3=\u001b$B;3ED\u001b(J^\u001b$BB@O:\u001b(J=\u001b$B$d$^$@\u001b(J^\u001b$B$?$m$&\u001b(J";
    private static final String I_2 = "Hong^Gildong=\u001b$)C\u00fb\u00f3^\u001b$)C\u00d1\u00ce\u00d4\u00d7=\u001b$)C\u00c8\u00ab^\u001b$)C\u00b1\u00e6\u00b5\u00bf";
    private static final String K_2 = "Zhang^XiaoDong=\u001b$)A\u00d5\u00c5^\u001b$)A\u00d0\u00a1\u00b6\u00ab=";

    @Test
    void japaneseOfAnnexHDecodesAndEncodesByteForByte() {
        SpecificCharacterSet ir87 = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(ir87.decode(raw(H_3_1), true)).isEqualTo(JAPANESE);
        assertThat(ir87.encode(JAPANESE, true)).isEqualTo(raw(H_3_1));

        SpecificCharacterSet ir13 = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
        assertThat(ir13.decode(raw(H_3_2), true)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=" + JAPANESE.substring(JAPANESE.indexOf("山")));
        assertThat(ir13.encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", true)).isEqualTo(raw(H_3_2));
    }

    @Test
    void koreanOfAnnexIAndChineseOfAnnexK() {
        SpecificCharacterSet korean = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        assertThat(korean.decode(raw(I_2), true)).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
        assertThat(korean.encode("Hong^Gildong=洪^吉洞=홍^길동", true)).isEqualTo(raw(I_2));

        SpecificCharacterSet chinese = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        assertThat(chinese.decode(raw(K_2), true)).isEqualTo("Zhang^XiaoDong=张^小东=");
        assertThat(chinese.encode("Zhang^XiaoDong=张^小东=", true)).isEqualTo(raw(K_2));

        byte[] utf8 = "Wang^XiaoDong=王^小東=".getBytes(StandardCharsets.UTF_8);
        assertThat(SpecificCharacterSet.of("ISO_IR 192").decode(utf8, true)).isEqualTo("Wang^XiaoDong=王^小東=");
        byte[] gb18030 = raw("Wang^XiaoDong=\u00cd\u00f5^\u00d0\u00a1\u00b6\u00ab=");
        assertThat(SpecificCharacterSet.of("GB18030").decode(gb18030, true)).isEqualTo("Wang^XiaoDong=王^小东=");
    }

    @Test
    void supplementaryKanjiOfJisX0212() {
        SpecificCharacterSet ir159 = SpecificCharacterSet.of("", "ISO 2022 IR 159");
        byte[] encoded = raw("\u001b$(D0!\u001b(B");
        assertThat(ir159.decode(encoded, false)).isEqualTo("丂");
        assertThat(ir159.encode("丂", false)).isEqualTo(encoded);
    }

    @Test
    void singleByteSetsDecodeTheirUpperHalf() {
        assertThat(decode("ISO_IR 100", "Buc^J\u00e9r\u00f4me")).isEqualTo("Buc^Jérôme");
        assertThat(decode("ISO_IR 101", "\u00a3\u00f3d\u00bc")).isEqualTo("Łódź");
        assertThat(decode("ISO_IR 109", "\u00a1al")).isEqualTo("Ħal");
        assertThat(decode("ISO_IR 110", "\u00d3\u00ba")).isEqualTo("Ķē");
        assertThat(decode("ISO_IR 144", "\u00bb\u00ee\u00da")).isEqualTo("Люк");
        assertThat(decode("ISO_IR 127", "\u00e2\u00c8\u00c7")).isEqualTo("قبا");
        assertThat(decode("ISO_IR 126", "\u00c4\u00e9\u00ef")).isEqualTo("Διο");
        assertThat(decode("ISO_IR 138", "\u00f9\u00f8\u00e5")).isEqualTo("שרו");
        assertThat(decode("ISO_IR 148", "\u00dd\u00de\u00f0")).isEqualTo("İŞğ");
        assertThat(decode("ISO_IR 203", "\u00a4\u00bc")).isEqualTo("€Œ");
        assertThat(decode("ISO_IR 166", "\u00ca\u00c7")).isEqualTo("สว");
        assertThat(decode("ISO_IR 13", "\u00d4\u00cf^A")).isEqualTo("ﾔﾏ^A");
    }

    @Test
    void theStateReturnsToValueOneAtEachDelimiterEvenWhenTheEncoderForgotToSwitchBack() {
        SpecificCharacterSet set = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144");
        assertThat(set.decode(raw("\u001b-L\u00bc\u00ee=M\u00fcller"), true)).as("after '=' G1 is Latin-1 again").isEqualTo("Мю=Müller");
        assertThat(set.decode(raw("\u001b-L\u00bc\\M\u00fc"), false)).isEqualTo("М\\Mü");
        assertThat(set.decode(raw("\u001b-L\u00bc^\u00fc"), false)).as("'^' is a delimiter only in a person name").isEqualTo("М^ќ");
        assertThat(set.encode("Müller=Мюллер", true)).isEqualTo(raw("M\u00fcller=\u001b-L\u00bc\u00ee\u00db\u00db\u00d5\u00e0"));
    }

    @Test
    void gbkAndGb18030DecodeWholeValuesWhoseTrailBytesMayBeBackslash() {
        byte[] twoValues = {(byte) 0x81, 0x5C, 0x5C, (byte) 0x81, 0x5C};
        assertThat(SpecificCharacterSet.of("GBK").decode(twoValues, false)).isEqualTo("乗\\乗");
        assertThat(SpecificCharacterSet.of("GB18030").decode(twoValues, false)).isEqualTo("乗\\乗");
        assertThat(SpecificCharacterSet.of("GBK").encode("乗\\乗", false)).isEqualTo(twoValues);
    }

    @Test
    void unknownTermsAreReportedAndDecodedWithoutLosingABytes() {
        SpecificCharacterSet unknown = SpecificCharacterSet.of("ISO_IR 999");
        assertThat(unknown.isSupported()).isFalse();
        assertThat(unknown.unsupportedTerms()).containsExactly("ISO_IR 999");
        assertThat(unknown.decode(raw("caf\u00e9"), false)).isEqualTo("café");
        assertThat(SpecificCharacterSet.of("ISO_IR 100").isSupported()).isTrue();
    }

    @Test
    void emptyAndBlankValuesMeanTheDefaultRepertoire() {
        assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of("  ")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of(" ISO_IR 100 ").terms()).containsExactly("ISO_IR 100");
        assertThat(SpecificCharacterSet.of("ISO_IR 100")).isSameAs(SpecificCharacterSet.of("ISO_IR 100"));
        assertThat(SpecificCharacterSet.DEFAULT.decode(raw("plain"), false)).isEqualTo("plain");
    }

    @Test
    void encodingACharacterNoDeclaredSetHasIsRefusedWithItsName() {
        assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 100").encode("Мюллер", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'М' (U+041C)").hasMessageContaining("ISO_IR 100");
        assertThatThrownBy(() -> SpecificCharacterSet.DEFAULT.encode("é", false)).hasMessageContaining("ISO_IR 6");
        assertThatThrownBy(() -> SpecificCharacterSet.of("GBK").encode("홍", false)).hasMessageContaining("'홍'");
        assertThat(SpecificCharacterSet.of("ISO_IR 192").canEncode("홍 and é")).isTrue();
        assertThat(SpecificCharacterSet.of("ISO_IR 100").canEncode("Müller")).isTrue();
    }

    @Test
    void roundTripsEverySupportedSet() {
        String[][] cases = {
                {"ISO_IR 100", "Müller^Jürgen"}, {"ISO_IR 144", "Люксембург"}, {"ISO_IR 126", "Διονυσιος"},
                {"ISO_IR 192", "王^小東 홍 é"}, {"GB18030", "王^小东"}, {"\\ISO 2022 IR 87", "山田^太郎"},
                {"ISO 2022 IR 6\\ISO 2022 IR 149", "홍^길동"}, {"ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ=山田"},
                {"ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144", "é Δ Ж é"}};
        for (String[] c : cases) {
            SpecificCharacterSet set = SpecificCharacterSet.of(c[0].split("\\\\", -1));
            assertThat(set.decode(set.encode(c[1], true), true)).as(c[0]).isEqualTo(c[1]);
        }
    }

    private static String decode(String term, String raw) {
        return SpecificCharacterSet.of(term).decode(raw(raw), true);
    }

    private static byte[] raw(String oneCharPerByte) {
        return oneCharPerByte.getBytes(StandardCharsets.ISO_8859_1);
    }
}
