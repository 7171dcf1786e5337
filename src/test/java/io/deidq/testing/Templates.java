package io.deidq.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** dump2dcm input for the corpus: dcmdump's own notation, one element a line. */
final class Templates {

    /** Every VR, nested, empty and undefined-length sequences, private blocks, overlays, a retired curve; ISO_IR 100 text. */
    static final String ZOO = """
            (0008,0000) UL 0
            (0008,0005) CS [ISO_IR 100]
            (0008,0008) CS [ORIGINAL\\PRIMARY\\AXIAL]
            (0008,0012) DA [20240102]
            (0008,0013) TM [101010.123]
            (0008,0016) UI [1.2.840.10008.5.1.4.1.1.4]
            (0008,0018) UI [1.2.826.0.1.3680043.9.7433.1.1]
            (0008,0020) DA [20240102]
            (0008,002a) DT [20240102101010.123456+0100]
            (0008,0050) SH [ACC0001]
            (0008,0060) CS [MR]
            (0008,0070) LO [Manufacturer]
            (0008,0081) ST [1 Rue de l'Hôpital, Genève]
            (0008,0090) PN (no value available)
            (0008,0119) UC [a long code value of the UC kind]
            (0008,0120) UR [http://example.org/deidq/code]
            (0008,1030) LO [Étude du cerveau\\second value]
            (0008,1140) SQ (Sequence with undefined length #=2)
              (fffe,e000) na (Item with undefined length #=2)
                (0008,1150) UI [1.2.840.10008.5.1.4.1.1.4]
                (0008,1155) UI [1.2.826.0.1.3680043.9.7433.1.99]
              (fffe,e00d) na (ItemDelimitationItem)
              (fffe,e000) na (Item with undefined length #=1)
                (0040,a730) SQ (Sequence with undefined length #=1)
                  (fffe,e000) na (Item with undefined length #=3)
                    (0040,a010) CS [CONTAINS]
                    (0040,a040) CS [CODE]
                    (0040,a168) SQ (Sequence with undefined length #=1)
                      (fffe,e000) na (Item with undefined length #=3)
                        (0008,0100) SH [121071]
                        (0008,0102) SH [DCM]
                        (0008,0104) LO [Finding]
                      (fffe,e00d) na (ItemDelimitationItem)
                    (fffe,e0dd) na (SequenceDelimitationItem)
                  (fffe,e00d) na (ItemDelimitationItem)
                (fffe,e0dd) na (SequenceDelimitationItem)
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0008,1250) SQ (Sequence with undefined length #=1)
              (fffe,e000) na (Item with undefined length #=0)
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0008,2112) SQ (Sequence with undefined length #=0)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0010,0010) PN [Müller^Jürgen^^Dr.]
            (0010,0020) LO [PID-0001]
            (0010,0030) DA [19700101]
            (0010,0040) CS [M]
            (0010,1010) AS [054Y]
            (0010,1020) DS [1.82]
            (0010,4000) LT [  Leading spaces count in LT, and this comment is longer than seventy characters.]
            (0010,9431) FL 0.1\\1e-07\\123456.7\\-2.5
            (0011,0010) LO [DEIDQ TEST CREATOR]
            (0011,1001) LO [private text]
            (0011,1002) SQ (Sequence with undefined length #=1)
              (fffe,e000) na (Item with undefined length #=1)
                (0010,0020) LO [PID-IN-PRIVATE-SQ]
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0011,1003) UN 01\\02\\03\\04
            (0018,0050) DS [1.25]
            (0018,0088) DS [-1.5e-3]
            (0018,1310) US 0\\256\\256\\0
            (0018,1638) OF 1.5\\-2\\3.25
            (0018,9089) FD 0\\0.70710678118654757\\-0.70710678118654757
            (0019,0010) LO [GEMS_ACQU_01]
            (0019,1002) SL -42
            (0019,1003) DS [7.5]
            (0020,000d) UI [1.2.826.0.1.3680043.9.7433.2.1]
            (0020,000e) UI [1.2.826.0.1.3680043.9.7433.3.1]
            (0020,0013) IS [7]
            (0020,0032) DS [-100.5\\-120.25\\33]
            (0020,0037) DS [1\\0\\0\\0\\1\\0]
            (0028,0002) US 1
            (0028,0004) CS [MONOCHROME2]
            (0028,0008) IS [3]
            (0028,0010) US 64
            (0028,0011) US 64
            (0028,0030) DS [0.5\\0.5]
            (0028,0100) US 16
            (0028,0101) US 12
            (0028,0102) US 11
            (0028,0103) US 0
            (0028,0106) US 0
            (0028,0107) US 4095
            (0028,1050) DS [40]
            (0028,1051) DS [400]
            (0066,0022) OD 1.5\\-2.25
            (0066,0040) OL 1\\2\\4294967295
            (0072,0026) AT (0010,0010)\\(0020,000d)
            (0072,0081) OV 1\\18446744073709551615
            (0072,0082) SV -3\\9223372036854775807
            (0072,0083) UV 18446744073709551615
            (0072,0064) IS [1\\-2\\3]
            (0018,0015) CS [HEAD]
            (5000,0005) US 1
            (6000,0010) US 64
            (6000,0011) US 64
            (6000,0040) CS [G]
            (6000,0050) SS 1\\1
            (6000,0100) US 1
            (6000,0102) US 0
            (6000,3000) OW =overlay.raw
            (7fe0,0010) OW =pixels16.raw
            (fffc,fffc) OB 00\\00\\00\\00
            """;

    /** An image of the given geometry whose Pixel Data comes from a raw file. */
    static String image(String sopInstanceUid, int rows, int columns, int frames, int bitsAllocated, int bitsStored, String pixelFile) {
        return """
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
                (0008,0018) UI [%s]
                (0008,0060) CS [OT]
                (0010,0010) PN [Test^Image]
                (0010,0020) LO [PID-IMAGE]
                (0020,000d) UI [%s.1]
                (0020,000e) UI [%s.2]
                (0028,0002) US 1
                (0028,0004) CS [MONOCHROME2]
                (0028,0008) IS [%d]
                (0028,0010) US %d
                (0028,0011) US %d
                (0028,0100) US %d
                (0028,0101) US %d
                (0028,0102) US %d
                (0028,0103) US 0
                (7fe0,0010) %s =%s
                """.formatted(sopInstanceUid, sopInstanceUid, sopInstanceUid, frames, rows, columns, bitsAllocated,
                bitsStored, bitsStored - 1, bitsAllocated == 8 ? "OB" : "OW", pixelFile);
    }

    /**
     * A file in one Specific Character Set: {@code values} are the raw bytes of Patient's Name and
     * Study Description, {@code expected} what each must decode to.
     */
    record CharsetCase(String name, String term, byte[] patientName, byte[] description, Map<String, String> expected) {

        byte[] dump() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("(0008,0005) CS [" + term + "]\n"
                    + "(0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]\n"
                    + "(0008,0018) UI [1.2.826.0.1.3680043.9.7433.4." + Math.abs(name.hashCode()) + "]\n"
                    + "(0008,1030) LO [").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(description);
            out.writeBytes("]\n(0010,0010) PN [".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(patientName);
            out.writeBytes("]\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }
    }

    static final List<CharsetCase> CHARSETS = List.of(
            single("cs-latin1", "ISO_IR 100", "ISO-8859-1", "Müller^Jürgen", "Crème brûlée"),
            single("cs-latin2", "ISO_IR 101", "ISO-8859-2", "Łódź^Żółć", "Příliš žluťoučký kůň"),
            single("cs-latin3", "ISO_IR 109", "ISO-8859-3", "Ħal Għaxaq^Ġużè", "Ħal Far"),
            single("cs-latin4", "ISO_IR 110", "ISO-8859-4", "Ķēniņš^Ģirts", "Āboliņš"),
            single("cs-cyrillic", "ISO_IR 144", "ISO-8859-5", "Люксембург^Иван", "Исследование"),
            single("cs-arabic", "ISO_IR 127", "ISO-8859-6", "قباني^لنزار", "دراسة"),
            single("cs-greek", "ISO_IR 126", "ISO-8859-7", "Διονυσιος^Νίκος", "Μελέτη"),
            single("cs-hebrew", "ISO_IR 138", "ISO-8859-8", "שרון^דבורה", "מחקר"),
            single("cs-latin5", "ISO_IR 148", "ISO-8859-9", "Çağrı^Şükrü", "İnceleme"),
            single("cs-latin9", "ISO_IR 203", "ISO-8859-15", "Œuvre^Šárka", "Prix 100€"),
            single("cs-thai", "ISO_IR 166", "TIS-620", "สมชาย^ใจดี", "การศึกษา"),
            single("cs-katakana", "ISO_IR 13", "JIS_X0201", "ﾔﾏﾀﾞ^ﾀﾛｳ", "ｹﾝｻ"),
            single("cs-utf8", "ISO_IR 192", "UTF-8", "Wang^XiaoDong=王^小東=", "Étude 検査 исследование"),
            single("cs-gb18030", "GB18030", "GB18030", "Wang^XiaoDong=王^小东=", "乗\\乗 two values"),
            single("cs-gbk", "GBK", "GBK", "Wang^XiaoDong=王^小东=", "乗\\刓"),
            escaped("cs-iso2022-korean", "\\ISO 2022 IR 149",
                    "Hong^Gildong=\u001b$)C\u00fb\u00f3^\u001b$)C\u00d1\u00ce\u00d4\u00d7=\u001b$)C\u00c8\u00ab^\u001b$)C\u00b1\u00e6\u00b5\u00bf",
                    "Hong^Gildong=洪^吉洞=홍^길동", "\u001b$)C\u00c8\u00ab", "홍"),
            escaped("cs-iso2022-japanese", "\\ISO 2022 IR 87",
                    "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B=\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B",
                    "Yamada^Tarou=山田^太郎=やまだ^たろう", "\u001b$B;3ED\u001b(B", "山田"),
            escaped("cs-iso2022-japanese-katakana", "ISO 2022 IR 13\\ISO 2022 IR 87",
                    "\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3=\u001b$B;3ED\u001b(J^\u001b$BB@O:\u001b(J=\u001b$B$d$^$@\u001b(J^\u001b$B$?$m$&\u001b(J",
                    "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", "\u00b9\u00dd\u00bb", "ｹﾝｻ"),
            escaped("cs-iso2022-japanese-supplementary", "\\ISO 2022 IR 159",
                    "Kanji^Hojo=\u001b$(D0!\u001b(B", "Kanji^Hojo=丂", "\u001b$(D0!\u001b(B", "丂"),
            escaped("cs-iso2022-chinese", "\\ISO 2022 IR 58",
                    "Zhang^XiaoDong=\u001b$)A\u00d5\u00c5^\u001b$)A\u00d0\u00a1\u00b6\u00ab=",
                    "Zhang^XiaoDong=张^小东=", "\u001b$)A\u00d0\u00a1", "小"),
            escaped("cs-iso2022-latin1-cyrillic", "ISO 2022 IR 100\\ISO 2022 IR 144",
                    "M\u00fcller=\u001b-L\u00bc\u00ee\u00db\u00db\u00d5\u00e0", "Müller=Мюллер",
                    "Caf\u00e9 \u001b-L\u00ba\u00d0\u00e4\u00d5", "Café Кафе"));

    /** Text encoded by the JDK's table for the character set; dcmdump +U8 checks the decoding independently. */
    private static CharsetCase single(String name, String term, String javaCharset, String patientName, String description) {
        Charset charset = Charset.forName(javaCharset);
        return new CharsetCase(name, term, patientName.getBytes(charset), description.getBytes(charset),
                Map.of("PatientName", patientName, "StudyDescription", description));
    }

    /** Bytes written out as in PS3.5 Annexes H to K (each char of {@code raw} one byte). */
    private static CharsetCase escaped(String name, String term, String rawName, String patientName, String rawDescription, String description) {
        return new CharsetCase(name, term, rawName.getBytes(StandardCharsets.ISO_8859_1), rawDescription.getBytes(StandardCharsets.ISO_8859_1),
                Map.of("PatientName", patientName, "StudyDescription", description));
    }

    private Templates() {
    }
}
