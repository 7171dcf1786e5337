package io.deidq.pipeline;

import io.deidq.DeidqApplication;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchAssembly;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Image;
import io.deidq.batch.ReceivedAssociation;
import io.deidq.batch.Stage;
import io.deidq.batch.TaskOutcome;
import io.deidq.batch.TaskRun;
import io.deidq.batch.TaskRunRepository;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A batch through all six stages as workers run them (every role, embedded Qpid Broker-J, H2):
 * each stage once and in order, a failed attempt retried after its backoff, a stage that keeps
 * failing failing the batch after the last attempt with its reason, and each attempt a TaskRun.
 */
@SpringBootTest(classes = {DeidqApplication.class, StageRunTest.Stages.class}, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.main.allow-bean-definition-overriding=true")
@DirtiesContext
@DisplayName("Stages run by workers (every role, embedded Qpid Broker-J, H2)")
class StageRunTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.batch.quiet-period", () -> "200ms");
        registry.add("deidq.batch.close-period", () -> "100ms");
        registry.add("deidq.worker.retry.max-attempts", () -> "3");
        registry.add("deidq.worker.retry.initial-backoff", () -> "300ms");
        registry.add("deidq.worker.retry.max-backoff", () -> "1s");
    }

    /** Every stage's work: records the batches it ran for; fails as the test tells it. */
    static final class RecordedWork implements StageWork {
        final Stage stage;
        final List<Long> ran = new CopyOnWriteArrayList<>();
        final Map<Long, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

        RecordedWork(Stage stage) {
            this.stage = stage;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public void run(StageTask task) {
            long batchId = task.batchId();
            ran.add(batchId);
            AtomicInteger left = failuresLeft.get(batchId);
            if (left != null && left.getAndDecrement() > 0) {
                throw new IllegalStateException("the test's " + stage.queueName() + " failed");
            }
        }
    }

    /** In place of the real stages: the same bean names. */
    @TestConfiguration
    static class Stages {
        @Bean RecordedWork getIdentifiersStage() { return new RecordedWork(Stage.GET_IDENTIFIERS); }
        @Bean RecordedWork prepareRequestStage() { return new RecordedWork(Stage.PREPARE_REQUEST); }
        @Bean RecordedWork identifyStage() { return new RecordedWork(Stage.IDENTIFY); }
        @Bean RecordedWork updateStage() { return new RecordedWork(Stage.UPDATE); }
        @Bean RecordedWork cleanStage() { return new RecordedWork(Stage.CLEAN); }
        @Bean RecordedWork uploadStage() { return new RecordedWork(Stage.UPLOAD); }
    }

    @Autowired
    List<RecordedWork> works;

    @Autowired
    BatchAssembly assembly;

    @Autowired
    BatchRepository batches;

    @Autowired
    TaskRunRepository runs;

    @Test
    void aBatchGoesThroughEveryStageOnceInOrderAndAFailedAttemptIsRetriedAfterItsBackoff() {
        long batch = receivedBatch();
        work(Stage.IDENTIFY).failuresLeft.put(batch, new AtomicInteger(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> batches.findById(batch).orElseThrow().state() == BatchState.DONE);

        for (RecordedWork work : works) {
            assertThat(work.ran.stream().filter(id -> id == batch)).as(work.stage.queueName()).containsExactlyElementsOf(
                    work.stage == Stage.IDENTIFY ? List.of(batch, batch) : List.of(batch));
        }
        List<TaskRun> tasks = runs.findByBatchIdOrderById(batch);
        assertThat(tasks).extracting(t -> t.stage().queueName() + "#" + t.attempt() + " " + t.outcome()).containsExactly(
                "get-identifiers#1 SUCCEEDED", "prepare-request#1 SUCCEEDED", "identify#1 FAILED", "identify#2 SUCCEEDED",
                "update#1 SUCCEEDED", "clean#1 SUCCEEDED", "upload#1 SUCCEEDED");
        TaskRun failed = tasks.get(2);
        assertThat(failed.error()).isEqualTo("identify: the test's identify failed");
        assertThat(Duration.between(failed.finishedAt(), tasks.get(3).startedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(tasks).extracting(TaskRun::worker).containsOnly(tasks.get(0).worker()).allMatch(w -> w.endsWith(":" + ProcessHandle.current().pid()));
        Batch done = batches.findById(batch).orElseThrow();
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void aStageThatKeepsFailingFailsTheBatchWithItsReasonAfterTheLastAttempt() {
        long batch = receivedBatch();
        work(Stage.CLEAN).failuresLeft.put(batch, new AtomicInteger(Integer.MAX_VALUE));

        await().atMost(Duration.ofSeconds(30)).until(() -> batches.findById(batch).orElseThrow().state() == BatchState.FAILED);

        Batch failed = batches.findById(batch).orElseThrow();
        assertThat(failed.stage()).isEqualTo(Stage.CLEAN);
        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("clean: the test's clean failed");
        assertThat(runs.findByBatchIdOrderById(batch)).filteredOn(t -> t.stage() == Stage.CLEAN)
                .extracting(TaskRun::attempt, TaskRun::outcome)
                .containsExactly(tuple(1, TaskOutcome.FAILED), tuple(2, TaskOutcome.FAILED),
                        tuple(3, TaskOutcome.FAILED));
        assertThat(work(Stage.UPLOAD).ran).doesNotContain(batch);
    }

    private RecordedWork work(Stage stage) {
        return works.stream().filter(w -> w.stage == stage).findFirst().orElseThrow();
    }

    /** A batch of one image whose association has ended: the closer queues it within the quiet period. */
    private long receivedBatch() {
        String association = UUID.randomUUID().toString();
        assembly.associationOpened(new ReceivedAssociation(association, "SCU", "DEIDQ", "127.0.0.1", Instant.now(), null));
        long unique = System.nanoTime();
        String uid = "1.2.826.0.1.3680043.9.7433.42." + unique;
        String accession = "ACC-RUN-" + unique;
        List<Image> recorded = assembly.imagesReceived(List.of(new Image(uid, "1.2.840.10008.5.1.4.1.1.7",
                "1.2.840.10008.1.2.1", "1.2.3", "1.2.3.4", accession, "images/" + uid + ".dcm", 1, "00000000", Instant.now(),
                association, null, null)));
        assembly.associationClosed(association, true);
        return recorded.get(0).batchId();
    }
}
