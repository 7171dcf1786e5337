package io.deidq.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.OneShotServices;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.testing.Dcmtk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deidq anonymize end to end, with the built-in recipes and the embedded identity service on a
 * fresh database: two patients, three studies, files made by dcmtk; what comes out is named by new
 * UIDs only, holds none of the patients' identifiers, and links what belonged together.
 */
class AnonymizeCommandTest {

    /** What identifies the patients of the input, anywhere in it: none may be in the output. */
    private static final List<String> PHI = List.of("SIMPSON", "HOMER", "BOUVIER", "MARGE", "MRN0001", "MRN0002", "ACC1001",
            "ACC1002", "ACC2001", "19560512", "19590319", "Springfield General", "Dr^Hibbert", "1.2.826.0.1.3680043.9.7433.3");

    @TempDir
    static Path tmp;

    private static int status;
    private static String out;
    private static Path output;

    @BeforeAll
    static void anonymizeTwoPatientsThreeStudies() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        image(in, "a1-1", "SIMPSON^HOMER", "MRN0001", "19560512", "ACC1001", "20200110", 1, 1, "NO");
        image(in, "a1-2", "SIMPSON^HOMER", "MRN0001", "19560512", "ACC1001", "20200110", 1, 2, "NO");
        image(in, "a2-1", "SIMPSON^HOMER", "MRN0001", "19560512", "ACC1002", "20210315", 2, 1, "NO");
        image(in, "b1-1", "BOUVIER^MARGE", "MRN0002", "19590319", "ACC2001", "20220720", 3, 1, "NO");
        image(in, "b1-2", "BOUVIER^MARGE", "MRN0002", "19590319", "ACC2001", "20220720", 3, 2, "NO");
        image(in, "b1-3", "BOUVIER^MARGE", "MRN0002", "19590319", "ACC2001", "20220720", 3, 3, "YES");
        Files.writeString(in.resolve("notes.txt"), "not an image");
        output = tmp.resolve("out");
        Map<String, String> properties = Map.of("deidq.data-dir", tmp.resolve("data").toString());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        AnonymizeCommand command = new AnonymizeCommand(false, identity -> OneShotServices.start(identity, properties));
        try {
            status = command.run(Arguments.parse(new String[] {in.toString(), output.toString()}, command.options()),
                    new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        } catch (UsageException e) {
            throw new AssertionError(e);
        }
        out = stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summarisesWhatWasCleanedQuarantinedAndFailedAndExitsOneForThem() {
        assertThat(status).as(out).isEqualTo(1);
        assertThat(out).containsPattern("anonymized 5 of 7 files in [0-9.]+ s \\([0-9]+ files/s\\): 5 cleaned, 0 flagged and"
                + " their pixels cleaned, 1 quarantined, 1 errors\n  start-up [0-9.]+ s, identifiers [0-9.]+ s, identity [0-9.]+ s,"
                + " cleaning [0-9.]+ s\n");
        assertThat(out).contains("1 quarantined (flagged, pixels not cleaned, not written):\n  " + tmp.resolve("in/b1-3.dcm")
                + ": flagged by blacklist/");
        assertThat(out).contains("1 not anonymized:\n  " + tmp.resolve("in/notes.txt") + ": ");
    }

    @Test
    void writesEachImageAndItsMetadataUnderNewUidsOnly() throws IOException {
        List<Path> images = files(output.resolve("images"), ".dcm");
        List<Path> metadata = files(output.resolve("metadata"), ".json");

        assertThat(images).hasSize(5);
        assertThat(metadata).hasSize(5);
        for (Path image : images) {
            assertThat(output.resolve("images").relativize(image).toString()).matches("(2\\.25\\.[0-9]+/){2}2\\.25\\.[0-9]+\\.dcm");
            assertThat(metadata).contains(output.resolve("metadata").resolve(output.resolve("images").relativize(image).toString()
                    .replaceAll("\\.dcm$", ".json")));
            Dcmtk.Result dump = Dcmtk.run(tmp, "dcmdump", "-q", image.toString());
            assertThat(dump.exitCode()).as(dump.stderr()).isZero();
            assertThat(dump.stderr()).isEmpty();
        }
    }

    @Test
    void noIdentifierOfThePatientsIsInAnyOutputFile() throws IOException {
        for (Path file : files(output, "")) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String phi : PHI) {
                assertThat(text).as(file + " holds " + phi).doesNotContainIgnoringCase(phi);
            }
        }
    }

    @Test
    void aPatientKeepsOnePseudonymAcrossStudiesAndEachStudyOneUidAcrossItsImages() throws IOException {
        Map<String, Set<String>> patientsByName = new HashMap<>();
        Map<String, Set<String>> studiesByAccession = new HashMap<>();
        Set<String> shiftedDates = new HashSet<>();
        for (Path image : files(output.resolve("images"), ".dcm")) {
            try (DicomFile file = DicomReader.readFile(image)) {
                String original = originalOf(image);
                patientsByName.computeIfAbsent(original.substring(0, 1), k -> new HashSet<>()).add(file.dataset().getString(Tag.PatientID));
                studiesByAccession.computeIfAbsent(original.substring(0, 2), k -> new HashSet<>())
                        .add(file.dataset().getString(Tag.StudyInstanceUID));
                shiftedDates.add(original.substring(0, 2) + " " + file.dataset().getString(Tag.StudyDate));
                assertThat(file.dataset().getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
            }
        }
        assertThat(patientsByName.get("a")).hasSize(1);
        assertThat(patientsByName.get("b")).hasSize(1).doesNotContainAnyElementsOf(patientsByName.get("a"));
        assertThat(studiesByAccession).hasSize(3).allSatisfy((study, uids) -> assertThat(uids).hasSize(1));
        assertThat(shiftedDates).hasSize(3).noneMatch(date -> date.endsWith("20200110") || date.endsWith("20210315")
                || date.endsWith("20220720"));
    }

    @Test
    void theMetadataRecordHoldsThePseudonymsAndNoPixels() throws IOException {
        for (Path json : files(output.resolve("metadata"), ".json")) {
            Map<String, Object> record = new ObjectMapper().readValue(json.toFile(), new TypeReference<Map<String, Object>>() { });
            assertThat(record).containsKey("PatientID").containsKey("Modality").doesNotContainKey("PixelData");
            assertThat(record.get("PatientID")).asString().doesNotContain("MRN");
        }
    }

    /** Which input an output is, by its instance number: the inputs' names were a1-1 … b1-3. */
    private static String originalOf(Path image) throws IOException {
        try (DicomFile file = DicomReader.readFile(image)) {
            int study = file.dataset().getInt(Tag.SeriesNumber, 0);
            int instance = file.dataset().getInt(Tag.InstanceNumber, 0);
            return switch (study) {
                case 1 -> "a1-" + instance;
                case 2 -> "a2-" + instance;
                case 3 -> "b1-" + instance;
                default -> throw new AssertionError("series number " + study);
            };
        }
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void image(Path dir, String name, String patient, String mrn, String birth, String accession, String date,
                              int study, int instance, String burnedIn) throws IOException {
        String root = "1.2.826.0.1.3680043.9.7433.3.";
        String dump = """
                (0008,0005) CS [ISO_IR 100]
                (0008,0008) CS [ORIGINAL\\PRIMARY\\AXIAL]
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.2]
                (0008,0018) UI [%1$s%2$d.%3$d]
                (0008,0020) DA [%4$s]
                (0008,0030) TM [101010]
                (0008,0050) SH [%5$s]
                (0008,0060) CS [CT]
                (0008,0070) LO [ACME]
                (0008,0080) LO [Springfield General]
                (0008,0090) PN [Dr^Hibbert]
                (0010,0010) PN [%6$s]
                (0010,0020) LO [%7$s]
                (0010,0030) DA [%8$s]
                (0010,0040) CS [M]
                (0018,0050) DS [5]
                (0020,000d) UI [%1$s%2$d]
                (0020,000e) UI [%1$s%2$d.1]
                (0020,0010) SH [%5$s]
                (0020,0011) IS [%2$d]
                (0020,0013) IS [%3$d]
                (0020,0052) UI [%1$s%2$d.2]
                (0028,0002) US 1
                (0028,0004) CS [MONOCHROME2]
                (0028,0010) US 4
                (0028,0011) US 4
                (0028,0100) US 16
                (0028,0101) US 12
                (0028,0102) US 11
                (0028,0103) US 0
                (0028,0301) CS [%9$s]
                (0029,0010) LO [ACME 1.0]
                (0029,1010) LO [%6$s]
                (7fe0,0010) OW 0001\\0002\\0003\\0004\\0005\\0006\\0007\\0008\\0009\\000a\\000b\\000c\\000d\\000e\\000f\\0010
                """.formatted(root, study, instance, date, accession, patient, mrn, birth, burnedIn);
        Path text = dir.resolve(name + ".txt.dump");
        Files.writeString(text, dump);
        Dcmtk.Result made = Dcmtk.run(dir, "dump2dcm", "--write-xfer-little", text.toString(), dir.resolve(name + ".dcm").toString());
        assertThat(made.exitCode()).as(made.stderr()).isZero();
        Files.delete(text);
    }
}
