package io.deidq.identifiers;

import io.deidq.dicom.io.DicomParseException;
import io.deidq.dicom.io.DicomReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierExtractorTest {

    private static final String A1_INSTANCE = "1.2.826.0.1.3680043.9.7433.3.1.1";

    @TempDir
    Path directory;

    private final IdentifierExtractor extractor = new IdentifierExtractor(IdentifiersProperties.defaults());

    /** a1's Pixel Data is its last element: 32 bytes of OW, after a 12-byte explicit VR header. */
    @Test
    void pixelDataIsNeverReadNotEvenWhenCutShort() throws Exception {
        Path intact = a1("intact");
        Path truncated = a1("truncated");
        try (RandomAccessFile file = new RandomAccessFile(truncated.toFile(), "rw")) {
            file.setLength(file.length() - 20);
        }

        assertThatThrownBy(() -> DicomReader.readFile(truncated)).isInstanceOf(DicomParseException.class);
        assertThat(fieldsOf(truncated)).isEqualTo(fieldsOf(intact)).containsKey("Rows");
    }

    @Test
    void pixelDataIsNeverReadNotEvenWhenItClaimsTwoGigabytes() throws Exception {
        Path intact = a1("intact");
        Path huge = a1("huge");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.seek(file.length() - 32 - 4);
            file.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFFFFF0).array());
        }

        assertThatThrownBy(() -> DicomReader.readFile(huge)).isInstanceOf(DicomParseException.class);
        assertThat(fieldsOf(huge)).isEqualTo(fieldsOf(intact));
    }

    @Test
    void entityAndItemKeysAreConfigurable() throws Exception {
        List<Path> files = List.of(a1("a1"), resourceFile("a3", "+te"), resourceFile("b1", "+ti"));
        IdentifierExtractor byStudy = new IdentifierExtractor(Settings.with("entity-key", "AccessionNumber", "item-key", "InstanceNumber"));

        Extraction extraction = byStudy.extract(files);

        assertThat(extraction.ids().entities().keySet()).containsExactly("ACC1001", "ACC1002", "ACC2001");
        assertThat(extraction.ids().items("ACC2001").keySet()).containsExactly("7");
        assertThat(extraction.items()).containsEntry(files.get(0), new ItemKey("ACC1001", "1"))
                .containsEntry(files.get(2), new ItemKey("ACC2001", "7"));
    }

    @Test
    void aFileWithoutTheEntityKeyIsAnErrorNamingItAndTheField() throws Exception {
        Path anonymous = DumpFiles.fromText(directory, "anonymous", """
                (0008,0018) UI [1.2.3.4]
                (0010,0010) PN [DOE^JOHN]
                """);

        assertThatThrownBy(() -> extractor.extract(List.of(anonymous))).isInstanceOf(IdentifiersException.class)
                .hasMessageContaining(anonymous.toString()).hasMessageContaining("no PatientID")
                .hasMessageContaining("deidq.identifiers.entity-key");
    }

    @Test
    void theSameImageTwiceIsOneItemButTwoImagesUnderOneKeyAreAnError() throws Exception {
        Path a1 = a1("a1");
        Path copy = Files.copy(a1, directory.resolve("copy.dcm"));
        Path impostor = DumpFiles.fromText(directory, "impostor", """
                (0008,0018) UI [%s]
                (0010,0020) LO [MRN-1001]
                (0010,0010) PN [SOMEONE^ELSE]
                """.formatted(A1_INSTANCE));

        Extraction twice = extractor.extract(List.of(a1, copy));

        assertThat(twice.ids().itemCount()).isEqualTo(1);
        assertThat(twice.items()).containsEntry(copy, new ItemKey("MRN-1001", A1_INSTANCE));
        assertThatThrownBy(() -> extractor.extract(List.of(a1, impostor))).isInstanceOf(IdentifiersException.class)
                .hasMessageContaining(impostor.toString()).hasMessageContaining(a1.toString())
                .hasMessageNotContaining("MRN-1001");
    }

    @Test
    void binaryValuesAreLeftOutAndPublicElementsLeftAsUnAreReadByTheirDictionaryVr() throws Exception {
        Path file = DumpFiles.fromText(directory, "binary", """
                (0008,0018) UI [1.2.3.5]
                (0008,0081) UN 31\\20\\4d\\61\\69\\6e\\20\\53\\74
                (0010,0020) LO [P1]
                (0028,0010) UN 00\\02
                (0042,0011) OB 25\\50\\44\\46
                (0060,3000) OW 0001\\0002
                """);

        Map<String, Object> fields = extractor.extract(List.of(file)).ids().fields("P1", "1.2.3.5");

        assertThat(fields).containsEntry("InstitutionAddress", "1 Main St").containsEntry("Rows", 512L)
                .doesNotContainKeys("EncapsulatedDocument", "OverlayData");
    }

    @Test
    void textLongerThanTheBulkThresholdIsReadFromTheFile() throws Exception {
        String report = "findings ".repeat(10_000).strip();
        Path file = DumpFiles.fromText(directory, "report", """
                (0008,0018) UI [1.2.3.6]
                (0010,0020) LO [P1]
                (0040,a160) UT [%s]
                """.formatted(report), "+l", "200000");

        Map<String, Object> fields = extractor.extract(List.of(file)).ids().fields("P1", "1.2.3.6");

        assertThat(fields.get("TextValue")).isEqualTo(report);
    }

    @Test
    void anUnreadableFileIsAnErrorNamingIt() throws Exception {
        Path garbage = Files.writeString(directory.resolve("garbage.dcm"), "not DICOM at all");

        assertThatThrownBy(() -> extractor.extract(List.of(garbage))).isInstanceOf(IdentifiersException.class)
                .hasMessageContaining(garbage.toString()).hasCauseInstanceOf(IOException.class);
    }

    private Map<String, Object> fieldsOf(Path file) throws IdentifiersException {
        return extractor.extract(List.of(file)).ids().fields("MRN-1001", A1_INSTANCE);
    }

    private Path a1(String name) {
        return DumpFiles.build(DumpFiles.resource("a1.dump"), "+te", directory.resolve(name + ".dcm"));
    }

    private Path resourceFile(String name, String syntax) {
        return DumpFiles.build(DumpFiles.resource(name + ".dump"), syntax, directory.resolve(name + ".dcm"));
    }
}
