package io.deidq.receiver;

import io.deidq.DeidqApplication;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Stage;
import io.deidq.pipeline.StageHandler;
import io.deidq.pipeline.StageMessage;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The receiver, batch assembly, the closer, the outbox and the broker joined in one process, as
 * scripts/run runs them: studies sent by storescu become one batch each, and once their association
 * has ended and the quiet period passed, each batch's get-identifiers message reaches the worker.
 */
@SpringBootTest(classes = {DeidqApplication.class, ReceivedStudiesAreQueuedTest.Worker.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.main.allow-bean-definition-overriding=true")
@DirtiesContext
@DisplayName("Received studies are queued (every role, embedded Qpid Broker-J, H2)")
class ReceivedStudiesAreQueuedTest {

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir.resolve("data"));
        registry.add("deidq.batch.quiet-period", () -> "1s");
        registry.add("deidq.batch.close-period", () -> "100ms");
    }

    /** The get-identifiers stage of a worker, recording what reaches it: the real stage's bean name. */
    @TestConfiguration
    static class Worker {
        @Bean
        RecordedStage getIdentifiersStage() {
            return new RecordedStage();
        }
    }

    static final class RecordedStage implements StageHandler {
        final List<StageMessage> received = new CopyOnWriteArrayList<>();

        @Override
        public Stage stage() {
            return Stage.GET_IDENTIFIERS;
        }

        @Override
        public void handle(StageMessage message) {
            received.add(message);
        }
    }

    @Autowired
    DicomReceiver receiver;

    @Autowired
    RecordedStage stage;

    @Autowired
    BatchRepository batches;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachStudyBecomesABatchWhoseFirstStageReachesTheWorkerOnce() throws IOException {
        List<TestInstances.Instance> instances = new ArrayList<>();
        String studyA = TestInstances.uid();
        String studyB = TestInstances.uid();
        instances.add(image("a1", studyA, "ACC-QUEUE-A"));
        instances.add(image("a2", studyA, "ACC-QUEUE-A"));
        instances.add(image("b1", studyB, "ACC-QUEUE-B"));

        Storescu.send(work, receiver.port(), instances).assertClean();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> stage.received.size() >= 2);
        List<Long> ids = stage.received.stream().map(StageMessage::batchId).toList();
        assertThat(stage.received).allSatisfy(m -> {
            assertThat(m.stage()).isEqualTo(Stage.GET_IDENTIFIERS);
            assertThat(m.attempt()).isEqualTo(1);
        });
        assertThat(ids).doesNotHaveDuplicates();
        List<Batch> queued = batches.findAllById(ids);
        assertThat(queued).extracting(Batch::state).containsOnly(BatchState.QUEUED);
        assertThat(queued).extracting(Batch::accessionNumber).containsExactlyInAnyOrder("ACC-QUEUE-A", "ACC-QUEUE-B");
        for (Batch batch : queued) {
            Integer images = jdbc.queryForObject("select count(*) from image where batch_id = ?", Integer.class, batch.id());
            assertThat(images).isEqualTo(batch.accessionNumber().equals("ACC-QUEUE-A") ? 2 : 1);
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> stage.received.size() == 2);
    }

    private TestInstances.Instance image(String name, String study, String accession) throws IOException {
        String dump = """
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
                (0008,0018) UI [%s]
                (0008,0050) SH [%s]
                (0010,0010) PN [Queue^Test]
                (0010,0020) LO [QUEUE-PID]
                (0020,000d) UI [%s]
                (0020,000e) UI [%s]
                """.formatted(TestInstances.uid(), accession, study, study + ".1");
        Path text = Files.writeString(work.resolve(name + ".txt"), dump);
        Path file = work.resolve(name + ".dcm");
        Dcmtk.run(work, "dump2dcm", "--write-xfer-little", text.toString(), file.toString()).assertClean();
        return TestInstances.read(file);
    }
}
