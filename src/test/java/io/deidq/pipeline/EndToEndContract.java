package io.deidq.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.DeidqApplication;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchIdentifiers;
import io.deidq.batch.BatchIdentifiersRepository;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Image;
import io.deidq.batch.ImageOutcome;
import io.deidq.batch.ImageRepository;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.receiver.DicomReceiver;
import io.deidq.testing.Dcmtk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end-to-end test: dcmtk storescu sends three studies of two patients to a running
 * deidq (every role in one process); three batches go through all six stages and are DONE, with
 * their identifiers stored, one cleaned image and one metadata record per image in the output, no
 * identifier of the source in any of them, and the patient of two studies under one pseudonym in
 * both. Subclasses choose the database and the broker, and name them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    ConfigurableApplicationContext deidq;
    private final String prefix = "deidq-e2e-" + UUID.randomUUID().toString().substring(0, 8);

    /** The arguments that choose the database and the broker. */
    abstract List<String> infrastructure(Path dataDir);

    @BeforeAll
    void startDeidq() {
        Dcmtk.requireTool("storescu");
        List<String> arguments = new ArrayList<>(List.of("--deidq.data-dir=" + dir.resolve("data"),
                "--deidq.receiver.port=0", "--deidq.receiver.bind-address=127.0.0.1", "--deidq.broker.embedded.port=0",
                "--deidq.broker.prefix=" + prefix, "--deidq.roles=receiver,worker,identity",
                "--deidq.batch.quiet-period=1s", "--deidq.batch.close-period=200ms", "--deidq.outbox.poll-interval=100ms"));
        arguments.addAll(infrastructure(dir.resolve("data")));
        deidq = new SpringApplicationBuilder(DeidqApplication.class).web(WebApplicationType.NONE).run(arguments.toArray(String[]::new));
    }

    @AfterAll
    void stopDeidq() throws Exception {
        if (deidq != null) {
            deidq.close();
        }
        stopped();
    }

    /** After deidq stopped: what the subclass set up for it can go. */
    void stopped() throws Exception {
    }

    @Test
    void threeStudiesOfTwoPatientsComeOutCleanWithOnePseudonymPerPatient() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Study first = new Study("E2E-" + run + "-1", "Doe^Jane", "19700101", "ACCE2E" + run + "1", Study.uid(), "20240105");
        Study second = new Study(first.patientId(), first.patientName(), first.birthDate(), "ACCE2E" + run + "2", Study.uid(), "20240611");
        Study other = new Study("E2E-" + run + "-2", "Roe^Richard", "19811224", "ACCE2E" + run + "3", Study.uid(), "20240302");
        List<Study> studies = List.of(first, second, other);
        List<Path> files = new ArrayList<>();
        for (Study study : studies) {
            for (int k = 0; k < 2; k++) {
                files.add(study.image(dir, Study.uid()));
            }
        }

        List<String> send = new ArrayList<>(List.of("storescu", "--max-pdu", "131072", "-aec", "DEIDQ", "127.0.0.1",
                Integer.toString(deidq.getBean(DicomReceiver.class).port())));
        files.forEach(f -> send.add(f.toString()));
        Dcmtk.run(dir, send.toArray(String[]::new)).assertClean();

        BatchRepository batches = deidq.getBean(BatchRepository.class);
        List<Batch> done = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(
                () -> studies.stream().map(s -> batchOf(batches, s)).toList(),
                found -> found.stream().allMatch(b -> b != null && (b.state() == BatchState.DONE || b.state() == BatchState.FAILED)));
        assertThat(done).allSatisfy(b -> assertThat(b.state()).as("batch %s: %s", b.id(), b.error()).isEqualTo(BatchState.DONE));

        assertThat(filesUnder(dir.resolve("data/output/images"))).hasSize(6).allMatch(p -> p.toString().endsWith(".dcm"));
        assertThat(filesUnder(dir.resolve("data/output/metadata"))).hasSize(6).allMatch(p -> p.toString().endsWith(".json"));
        ImageRepository images = deidq.getBean(ImageRepository.class);
        Map<String, String> pseudonymOfPatient = new HashMap<>();
        for (Batch batch : done) {
            BatchIdentifiers stored = deidq.getBean(BatchIdentifiersRepository.class).findById(batch.id()).orElseThrow();
            assertThat(List.of(stored.ids(), stored.request(), stored.response(), stored.updatedIds())).doesNotContainNull();
            JsonNode response = JSON.readTree(stored.response()).get("results");
            assertThat(response).hasSize(1);
            Study study = studies.stream().filter(s -> s.accession().equals(batch.accessionNumber())).findFirst().orElseThrow();
            String suid = response.get(0).get("suid").asText();
            String earlier = pseudonymOfPatient.putIfAbsent(study.patientId(), suid);
            assertThat(earlier).as("the pseudonym of the patient of two studies").isIn(null, suid);

            List<Image> rows = images.findByBatchIdOrderById(batch.id());
            assertThat(rows).hasSize(2).allSatisfy(image -> {
                assertThat(image.cleanOutcome()).isEqualTo(ImageOutcome.CLEANED);
                assertThat(image.uploadedAt()).isNotNull();
            });
            for (Image image : rows) {
                assertCleaned(image, study, suid);
            }
        }
        assertThat(pseudonymOfPatient).hasSize(2);
        assertThat(pseudonymOfPatient.get(first.patientId())).isNotEqualTo(pseudonymOfPatient.get(other.patientId()));
    }

    private void assertCleaned(Image image, Study study, String suid) throws IOException {
        Path output = dir.resolve("data/output");
        Path cleaned = output.resolve("images").resolve(image.outputName() + ".dcm");
        Path record = output.resolve("metadata").resolve(image.outputName() + ".json");
        for (Path file : List.of(cleaned, record)) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain(study.patientId(), study.patientName(), study.accession(),
                    study.studyUid(), image.sopInstanceUid(), study.birthDate());
        }
        try (DicomFile file = DicomReader.readFile(cleaned)) {
            Dataset header = file.dataset();
            assertThat(header.getString(Tag.PatientID)).isEqualTo(suid);
            assertThat(header.getString(Tag.SOPInstanceUID)).isNotEqualTo(image.sopInstanceUid());
            assertThat(image.outputName()).isEqualTo(header.getString(Tag.StudyInstanceUID) + "/"
                    + header.getString(Tag.SeriesInstanceUID) + "/" + header.getString(Tag.SOPInstanceUID));
            assertThat(header.getString(Tag.StudyDate)).isNotEqualTo(study.studyDate());
        }
        assertThat(JSON.readTree(record.toFile()).get("PatientID").asText()).isEqualTo(suid);
    }

    private static Batch batchOf(BatchRepository batches, Study study) {
        return batches.findAll().stream().filter(b -> study.accession().equals(b.accessionNumber())).findFirst().orElse(null);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
