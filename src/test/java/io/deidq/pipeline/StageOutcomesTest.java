package io.deidq.pipeline;

import io.deidq.DeidqApplication;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Image;
import io.deidq.batch.ImageOutcome;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.Stage;
import io.deidq.pipeline.stage.CleanStage;
import io.deidq.pipeline.stage.SpooledImages;
import io.deidq.pipeline.stage.UploadStage;
import io.deidq.receiver.DicomReceiver;
import io.deidq.testing.Dcmtk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
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
 * What the stages make of images the recipes cannot simply clean, and of a stage run twice: a
 * flagged image is quarantined (kept in the spool, never uploaded) while the rest of its batch is
 * released; an image a recipe cannot clean fails its batch at the first attempt, naming the image
 * and not the patient; clean and upload run again give the same output, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Stage outcomes (every role, H2, embedded Qpid Broker-J)")
class StageOutcomesTest {

    @TempDir
    static Path dir;

    private ConfigurableApplicationContext deidq;

    @BeforeAll
    void startDeidq() throws IOException {
        Dcmtk.requireTool("storescu");
        // Fails closed for a patient without a birth date: entity_timestamp is then unknown.
        Path recipe = Files.writeString(dir.resolve("institution.dicom"), """
                FORMAT dicom
                %header
                REPLACE InstitutionName var:entity_timestamp
                """);
        deidq = new SpringApplicationBuilder(DeidqApplication.class).web(WebApplicationType.NONE).run(
                "--deidq.data-dir=" + dir.resolve("data"), "--deidq.receiver.port=0", "--deidq.receiver.bind-address=127.0.0.1",
                "--deidq.broker.embedded.port=0", "--deidq.roles=receiver,worker,identity", "--deidq.batch.quiet-period=500ms",
                "--deidq.batch.close-period=100ms", "--deidq.outbox.poll-interval=100ms",
                "--deidq.recipe.image[0]=classpath:deid-rules/deidq.dicom", "--deidq.recipe.image[1]=" + recipe);
    }

    @AfterAll
    void stopDeidq() {
        if (deidq != null) {
            deidq.close();
        }
    }

    @Test
    void aFlaggedImageIsQuarantinedAndTheRestOfItsBatchReleased() throws Exception {
        Study study = study("19650301");
        Path flagged = study.image(dir, Study.uid(), "(0008,0080) LO [General Hospital]", "(0028,0301) CS [YES]");
        Path plain = study.image(dir, Study.uid(), "(0008,0080) LO [General Hospital]");

        Batch batch = sendAndAwait(study, flagged, plain);

        assertThat(batch.state()).as(String.valueOf(batch.error())).isEqualTo(BatchState.DONE);
        Map<ImageOutcome, Image> byOutcome = outcomes(batch);
        assertThat(byOutcome).containsOnlyKeys(ImageOutcome.CLEANED, ImageOutcome.QUARANTINED);
        Image quarantined = byOutcome.get(ImageOutcome.QUARANTINED);
        assertThat(quarantined.cleanError()).contains("Burned In Annotation");
        assertThat(quarantined.uploadedAt()).isNull();
        assertThat(quarantined.outputName()).isNull();
        assertThat(deidq.getBean(SpooledImages.class).fileOf(quarantined)).exists();
        Image cleaned = byOutcome.get(ImageOutcome.CLEANED);
        assertThat(output("images", cleaned, ".dcm")).exists();
        assertThat(output("metadata", cleaned, ".json")).exists();
    }

    @Test
    void anImageTheRecipeCannotCleanFailsItsBatchAtOnceNamingTheImage() throws Exception {
        Study study = study(null);
        Path file = study.image(dir, Study.uid(), "(0008,0080) LO [General Hospital]");

        Batch batch = sendAndAwait(study, file);

        assertThat(batch.state()).isEqualTo(BatchState.FAILED);
        assertThat(batch.stage()).isEqualTo(Stage.CLEAN);
        assertThat(batch.attempt()).isEqualTo(1);
        Image image = deidq.getBean(ImageRepository.class).findByBatchIdOrderById(batch.id()).get(0);
        assertThat(batch.error()).startsWith("clean: 1 of 1 images could not be cleaned: image " + image.id() + ": ")
                .contains("entity_timestamp").doesNotContain(study.patientId(), study.accession(), image.sopInstanceUid());
        assertThat(image.cleanOutcome()).isEqualTo(ImageOutcome.FAILED);
        assertThat(image.uploadedAt()).isNull();
    }

    @Test
    void cleanAndUploadRunAgainGiveTheSameOutputOnce() throws Exception {
        Study study = study("19771010");
        Path first = study.image(dir, Study.uid(), "(0008,0080) LO [General Hospital]");
        Path second = study.image(dir, Study.uid(), "(0008,0080) LO [General Hospital]");
        Batch batch = sendAndAwait(study, first, second);
        assertThat(batch.state()).as(String.valueOf(batch.error())).isEqualTo(BatchState.DONE);
        List<Image> images = deidq.getBean(ImageRepository.class).findByBatchIdOrderById(batch.id());
        Map<Path, byte[]> before = new HashMap<>();
        for (Image image : images) {
            before.put(output("images", image, ".dcm"), Files.readAllBytes(output("images", image, ".dcm")));
            before.put(output("metadata", image, ".json"), Files.readAllBytes(output("metadata", image, ".json")));
        }
        long outputs = countOutputs();

        // As a worker that died after the work and before its record would leave it: run again, by another run.
        deidq.getBean(CleanStage.class).run(new StageTask(batch.id(), Stage.CLEAN, 2, Long.MAX_VALUE));
        deidq.getBean(UploadStage.class).run(new StageTask(batch.id(), Stage.UPLOAD, 2, Long.MAX_VALUE - 1));

        assertThat(countOutputs()).isEqualTo(outputs);
        for (Map.Entry<Path, byte[]> file : before.entrySet()) {
            assertThat(Files.readAllBytes(file.getKey())).as(file.getKey().toString()).isEqualTo(file.getValue());
        }
        assertThat(deidq.getBean(ImageRepository.class).findByBatchIdOrderById(batch.id()))
                .allSatisfy(image -> assertThat(image.uploadedAt()).isNotNull());
    }

    private Study study(String birthDate) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new Study("OUT-" + run, "Outcome^Olga", birthDate, "ACCOUT" + run, Study.uid(), "20230809");
    }

    private Batch sendAndAwait(Study study, Path... files) {
        List<String> send = new ArrayList<>(List.of("storescu", "-aec", "DEIDQ", "127.0.0.1",
                Integer.toString(deidq.getBean(DicomReceiver.class).port())));
        for (Path file : files) {
            send.add(file.toString());
        }
        Dcmtk.run(dir, send.toArray(String[]::new)).assertClean();
        BatchRepository batches = deidq.getBean(BatchRepository.class);
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(
                () -> batches.findAll().stream().filter(b -> study.accession().equals(b.accessionNumber())).findFirst().orElse(null),
                b -> b != null && (b.state() == BatchState.DONE || b.state() == BatchState.FAILED));
    }

    private Map<ImageOutcome, Image> outcomes(Batch batch) {
        Map<ImageOutcome, Image> byOutcome = new HashMap<>();
        deidq.getBean(ImageRepository.class).findByBatchIdOrderById(batch.id()).forEach(i -> byOutcome.put(i.cleanOutcome(), i));
        return byOutcome;
    }

    private Path output(String kind, Image image, String extension) {
        return dir.resolve("data/output").resolve(kind).resolve(image.outputName() + extension);
    }

    private long countOutputs() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("data/output"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
