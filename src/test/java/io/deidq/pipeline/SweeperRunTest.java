package io.deidq.pipeline;

import io.deidq.DeidqApplication;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchKey;
import io.deidq.batch.BatchKeyKind;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The sweeper as a worker runs it, every 200 ms with a stage timeout of 1 s and heartbeats every
 * 200 ms (every role, embedded Qpid Broker-J, H2): a stage that works longer than the timeout
 * keeps its run by its heartbeats; a run left by a dead worker is abandoned and its stage run
 * again; a batch whose message was lost is queued again; either way the batch ends DONE.
 */
@SpringBootTest(classes = {DeidqApplication.class, SweeperRunTest.Stages.class}, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.main.allow-bean-definition-overriding=true")
@DirtiesContext
@DisplayName("The sweeper in a running worker (every role, embedded Qpid Broker-J, H2)")
class SweeperRunTest {

    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.worker.heartbeat-interval", () -> "200ms");
        registry.add("deidq.worker.stage-timeout", () -> STAGE_TIMEOUT.toMillis() + "ms");
        registry.add("deidq.worker.sweep-interval", () -> "200ms");
        registry.add("deidq.worker.retry.max-attempts", () -> "3");
        registry.add("deidq.worker.retry.initial-backoff", () -> "100ms");
        registry.add("deidq.worker.retry.max-backoff", () -> "1s");
    }

    /** Every stage's work: records the batches it ran for, and takes as long as the test tells it. */
    static final class RecordedWork implements StageWork {
        final Stage stage;
        final List<StageTask> ran = new CopyOnWriteArrayList<>();
        final Map<Long, Duration> slow = new ConcurrentHashMap<>();

        RecordedWork(Stage stage) {
            this.stage = stage;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public void run(StageTask task) throws InterruptedException {
            ran.add(task);
            Duration taking = slow.get(task.batchId());
            if (taking != null) {
                Thread.sleep(taking.toMillis());
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
    BatchRepository batches;

    @Autowired
    TaskRunRepository runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StageOutbox outbox;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void aStageWorkingLongerThanTheStageTimeoutKeepsItsRunByItsHeartbeats() {
        long batch = batch(BatchState.QUEUED, Stage.CLEAN, 1);
        work(Stage.CLEAN).slow.put(batch, STAGE_TIMEOUT.multipliedBy(3));
        transactions.executeWithoutResult(status -> outbox.enqueue(batch, Stage.CLEAN, 1, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> batches.findById(batch).orElseThrow().state() == BatchState.DONE);

        List<TaskRun> tasks = runs.findByBatchIdOrderById(batch);
        assertThat(tasks).extracting(TaskRun::stage, TaskRun::attempt, TaskRun::outcome)
                .containsExactly(tuple(Stage.CLEAN, 1, TaskOutcome.SUCCEEDED), tuple(Stage.UPLOAD, 1, TaskOutcome.SUCCEEDED));
        TaskRun clean = tasks.get(0);
        assertThat(clean.heartbeatAt()).isAfter(clean.startedAt().plus(STAGE_TIMEOUT));
        assertThat(work(Stage.CLEAN).ran).filteredOn(task -> task.batchId() == batch).hasSize(1);
    }

    @Test
    void aRunLeftByADeadWorkerIsAbandonedAndItsStageRunAgain() {
        long batch = batch(BatchState.RUNNING, Stage.UPDATE, 1);
        TaskRun dead = runs.saveAndFlush(new TaskRun(batch, Stage.UPDATE, 1, "dead-host:201", Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> batches.findById(batch).orElseThrow().state() == BatchState.DONE);

        assertThat(runs.findById(dead.id()).orElseThrow()).satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(TaskOutcome.ABANDONED);
            assertThat(run.error()).startsWith("update: abandoned: worker dead-host:201 gave no sign of life since ");
        });
        assertThat(runs.findByBatchIdOrderById(batch)).extracting(TaskRun::stage, TaskRun::attempt, TaskRun::outcome).containsExactly(
                tuple(Stage.UPDATE, 1, TaskOutcome.ABANDONED), tuple(Stage.UPDATE, 2, TaskOutcome.SUCCEEDED),
                tuple(Stage.CLEAN, 1, TaskOutcome.SUCCEEDED), tuple(Stage.UPLOAD, 1, TaskOutcome.SUCCEEDED));
    }

    @Test
    void aQueuedBatchWhoseMessageWasLostIsQueuedAgainAndRuns() {
        long batch = batch(BatchState.QUEUED, Stage.UPLOAD, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> batches.findById(batch).orElseThrow().state() == BatchState.DONE);

        assertThat(runs.findByBatchIdOrderById(batch)).extracting(TaskRun::stage, TaskRun::attempt, TaskRun::outcome)
                .containsExactly(tuple(Stage.UPLOAD, 1, TaskOutcome.SUCCEEDED));
        assertThat(jdbc.queryForObject("select count(*) from outbox where batch_id = ?", Integer.class, batch)).isOne();
    }

    private RecordedWork work(Stage stage) {
        return works.stream().filter(w -> w.stage == stage).findFirst().orElseThrow();
    }

    /** A batch in {@code state} for {@code stage} and attempt, changed just now, with no message queued. */
    private long batch(BatchState state, Stage stage, int attempt) {
        String key = "ACC-SWEEP-RUN-" + UUID.randomUUID().toString().substring(0, 12);
        Instant now = Instant.now();
        Batch batch = batches.saveAndFlush(new Batch(new BatchKey(BatchKeyKind.ACCESSION_NUMBER, key), "1.2.3", key, null, now));
        jdbc.update("update batch set state = ?, stage = ?, attempt = ?, updated_at = ?, closed_at = ? where id = ?",
                state.name(), stage.name(), attempt, Timestamp.from(now), Timestamp.from(now), batch.id());
        return batch.id();
    }
}
