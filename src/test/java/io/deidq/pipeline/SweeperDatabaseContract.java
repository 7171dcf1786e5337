package io.deidq.pipeline;

import io.deidq.DeidqApplication;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchKey;
import io.deidq.batch.BatchKeyKind;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Image;
import io.deidq.batch.ImageOutcome;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.ReceivedAssociation;
import io.deidq.batch.ReceivedAssociationRepository;
import io.deidq.batch.Stage;
import io.deidq.batch.TaskOutcome;
import io.deidq.batch.TaskRun;
import io.deidq.batch.TaskRunRepository;
import io.deidq.pipeline.stage.SpooledImages;
import io.deidq.pipeline.stage.StagingArea;
import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The sweeper on one database, in a worker (role worker alone, embedded Qpid Broker-J), each
 * sweep called by the test: the sweeper's own runs once at start and then not for an hour. Rows
 * are made as a dead worker, a lost message or a finished batch leave them, with times in the
 * past; each subclass names its database. Stage timeout 1 min, spool retention 1 h, two attempts,
 * the second after an hour: a stage queued again stays queued for the test to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
abstract class SweeperDatabaseContract {

    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration RETENTION = Duration.ofHours(1);

    private TestDatabase database;
    private ConfigurableApplicationContext context;
    private Sweeper sweeper;
    private StageRuns stageRuns;
    private BatchRepository batches;
    private TaskRunRepository runs;
    private JdbcTemplate jdbc;

    abstract String databaseKind();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        database = TestDatabase.open(databaseKind(), dataDir);
        List<String> arguments = new ArrayList<>(database.arguments());
        arguments.addAll(List.of("--deidq.roles=worker", "--deidq.broker.embedded.port=0", "--deidq.worker.sweep-interval=1h",
                "--deidq.worker.stage-timeout=" + STAGE_TIMEOUT.toSeconds() + "s", "--deidq.worker.spool-retention=1h",
                "--deidq.worker.retry.max-attempts=2", "--deidq.worker.retry.initial-backoff=1h", "--deidq.worker.retry.max-backoff=1h"));
        context = new SpringApplicationBuilder(DeidqApplication.class).web(WebApplicationType.NONE).run(arguments.toArray(String[]::new));
        sweeper = context.getBean(Sweeper.class);
        stageRuns = context.getBean(StageRuns.class);
        batches = context.getBean(BatchRepository.class);
        runs = context.getBean(TaskRunRepository.class);
        jdbc = context.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aRunWhoseHeartbeatStoppedIsAbandonedAndItsStageQueuedAgainWhileOneStillBeatingIsLeft() {
        Instant now = Instant.now();
        long silent = batch(BatchState.RUNNING, Stage.CLEAN, 1, now.minus(STAGE_TIMEOUT.multipliedBy(3)));
        TaskRun dead = run(silent, Stage.CLEAN, 1, "dead-host:101", now.minus(STAGE_TIMEOUT.multipliedBy(3)), now.minus(STAGE_TIMEOUT.plusSeconds(5)));
        long beating = batch(BatchState.RUNNING, Stage.CLEAN, 1, now.minus(STAGE_TIMEOUT.multipliedBy(3)));
        TaskRun alive = run(beating, Stage.CLEAN, 1, "live-host:102", now.minus(STAGE_TIMEOUT.multipliedBy(3)), now.minusSeconds(5));

        sweeper.sweep();

        TaskRun abandoned = runs.findById(dead.id()).orElseThrow();
        assertThat(abandoned.outcome()).isEqualTo(TaskOutcome.ABANDONED);
        assertThat(abandoned.error()).startsWith("clean: abandoned: worker dead-host:101 gave no sign of life since ");
        Batch retried = batches.findById(silent).orElseThrow();
        assertThat(retried.state()).isEqualTo(BatchState.QUEUED);
        assertThat(retried.stage()).isEqualTo(Stage.CLEAN);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.error()).isEqualTo(abandoned.error());
        assertThat(outbox(silent)).singleElement().satisfies(row -> {
            assertThat(row.get("stage")).isEqualTo("clean");
            assertThat(((Number) row.get("attempt")).intValue()).isEqualTo(2);
            assertThat(row.get("published_at")).isNull();
            assertThat(instant(row.get("not_before"))).isAfter(now.plus(Duration.ofMinutes(59)));
        });

        assertThat(runs.findById(alive.id()).orElseThrow().outcome()).isNull();
        assertThat(batches.findById(beating).orElseThrow().state()).isEqualTo(BatchState.RUNNING);
        assertThat(outbox(beating)).isEmpty();
    }

    @Test
    void aRunAbandonedInTheLastAttemptFailsTheBatch() {
        Instant past = Instant.now().minus(STAGE_TIMEOUT.multipliedBy(2));
        long batch = batch(BatchState.RUNNING, Stage.IDENTIFY, 2, past);
        TaskRun dead = run(batch, Stage.IDENTIFY, 2, "dead-host:103", past, null);

        sweeper.sweep();

        assertThat(runs.findById(dead.id()).orElseThrow().outcome()).isEqualTo(TaskOutcome.ABANDONED);
        Batch failed = batches.findById(batch).orElseThrow();
        assertThat(failed.state()).isEqualTo(BatchState.FAILED);
        assertThat(failed.stage()).isEqualTo(Stage.IDENTIFY);
        assertThat(failed.error()).startsWith("identify: abandoned: worker dead-host:103");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(outbox(batch)).isEmpty();
    }

    @Test
    void aSilentRunWhoseBatchMovedOnIsAbandonedAndTheBatchLeftAsItIs() {
        Instant past = Instant.now().minus(STAGE_TIMEOUT.multipliedBy(2));
        long batch = batch(BatchState.RUNNING, Stage.UPDATE, 1, past);
        TaskRun earlier = run(batch, Stage.IDENTIFY, 1, "dead-host:104", past, null);
        long version = batches.findById(batch).orElseThrow().version();

        sweeper.sweep();

        assertThat(runs.findById(earlier.id()).orElseThrow().outcome()).isEqualTo(TaskOutcome.ABANDONED);
        Batch untouched = batches.findById(batch).orElseThrow();
        assertThat(untouched.state()).isEqualTo(BatchState.RUNNING);
        assertThat(untouched.version()).isEqualTo(version);
    }

    @Test
    void aLateResultOfAnAbandonedRunIsDroppedWithoutException() {
        long batch = batch(BatchState.QUEUED, Stage.PREPARE_REQUEST, 1, Instant.now());
        StageMessage message = new StageMessage(batch, Stage.PREPARE_REQUEST, 1);
        long succeeding = stageRuns.begin(message, "paused-host:105");
        jdbc.update("update task_run set started_at = ? where id = ?", Timestamp.from(Instant.now().minus(STAGE_TIMEOUT.multipliedBy(2))), succeeding);

        sweeper.sweep();
        assertThat(runs.findById(succeeding).orElseThrow().outcome()).isEqualTo(TaskOutcome.ABANDONED);

        assertThatCode(() -> stageRuns.succeeded(message, succeeding)).doesNotThrowAnyException();
        assertThatCode(() -> stageRuns.failed(message, succeeding, new IllegalStateException("late"))).doesNotThrowAnyException();
        assertThat(runs.findById(succeeding).orElseThrow().outcome()).isEqualTo(TaskOutcome.ABANDONED);
        Batch retried = batches.findById(batch).orElseThrow();
        assertThat(retried.state()).isEqualTo(BatchState.QUEUED);
        assertThat(retried.stage()).isEqualTo(Stage.PREPARE_REQUEST);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(outbox(batch)).singleElement().satisfies(row -> assertThat(((Number) row.get("attempt")).intValue()).isEqualTo(2));

        StageMessage second = new StageMessage(batch, Stage.PREPARE_REQUEST, 2);
        long secondRun = stageRuns.begin(second, "live-host:106");
        assertThat(runs.findById(secondRun).orElseThrow().outcome()).isNull();
        assertThatCode(() -> stageRuns.succeeded(message, succeeding)).doesNotThrowAnyException();
        assertThat(batches.findById(batch).orElseThrow().state()).isEqualTo(BatchState.RUNNING);
        assertThat(runs.findById(secondRun).orElseThrow().outcome()).isNull();
    }

    @Test
    void aQueuedBatchWhoseMessageWasLostIsQueuedAgainButNotOneWhoseMessageWaitsOrWasJustPublished() {
        Instant now = Instant.now();
        Instant past = now.minus(STAGE_TIMEOUT.multipliedBy(2));
        long lost = batch(BatchState.QUEUED, Stage.UPLOAD, 1, past);
        long publishedLongAgo = batch(BatchState.QUEUED, Stage.UPLOAD, 1, past);
        outboxRow(publishedLongAgo, "upload", 1, past, past);
        long pending = batch(BatchState.QUEUED, Stage.UPLOAD, 2, past);
        outboxRow(pending, "upload", 2, now.plus(Duration.ofHours(1)), null);
        long justPublished = batch(BatchState.QUEUED, Stage.UPLOAD, 2, past);
        outboxRow(justPublished, "upload", 2, past, now.minusSeconds(5));
        long recent = batch(BatchState.QUEUED, Stage.UPLOAD, 1, now.minusSeconds(5));
        long version = batches.findById(lost).orElseThrow().version();

        sweeper.sweep();

        assertThat(outbox(lost)).singleElement().satisfies(row -> {
            assertThat(row.get("stage")).isEqualTo("upload");
            assertThat(((Number) row.get("attempt")).intValue()).isEqualTo(1);
            assertThat(instant(row.get("created_at"))).isAfterOrEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
        });
        // The worker's relay publishes it and its upload stage may have taken the batch by now: only its version says it changed.
        assertThat(batches.findById(lost).orElseThrow().version()).isGreaterThan(version);
        assertThat(outbox(publishedLongAgo)).hasSize(2);
        assertThat(outbox(pending)).hasSize(1);
        assertThat(outbox(justPublished)).hasSize(1);
        assertThat(outbox(recent)).isEmpty();
    }

    @Test
    void afterTheEmbeddedBrokerStartedEveryQueuedBatchWhoseMessageItDoesNotHoldIsQueuedAgainAtOnce() {
        Instant now = Instant.now();
        long justPublished = batch(BatchState.QUEUED, Stage.UPLOAD, 1, now.minusSeconds(10));
        outboxRow(justPublished, "upload", 1, now.minusSeconds(10), now.minusSeconds(5));
        long pending = batch(BatchState.QUEUED, Stage.UPLOAD, 2, now.minusSeconds(10));
        outboxRow(pending, "upload", 2, now.plus(Duration.ofHours(1)), null);
        sweeper.sweep();
        assertThat(outbox(justPublished)).hasSize(1);

        EmbeddedBroker broker = context.getBean(EmbeddedBroker.class);
        broker.stop();
        broker.start();
        sweeper.sweep();

        assertThat(outbox(justPublished)).hasSize(2).last().satisfies(row -> {
            assertThat(row.get("stage")).isEqualTo("upload");
            assertThat(((Number) row.get("attempt")).intValue()).isEqualTo(1);
        });
        assertThat(outbox(pending)).hasSize(1);
        sweeper.sweep();
        assertThat(outbox(justPublished)).as("queued again once per start of the broker").hasSize(2);
    }

    @Test
    void aDoneBatchPastTheRetentionHasItsUploadedSpoolFilesAndStagingDeletedButItsQuarantinedImagesKept() throws Exception {
        Instant now = Instant.now();
        long done = batch(BatchState.DONE, Stage.UPLOAD, 1, now.minus(RETENTION).minusSeconds(60));
        Path cleaned = spooled(done, ImageOutcome.CLEANED, true);
        Path pixelsCleaned = spooled(done, ImageOutcome.PIXELS_CLEANED, true);
        Path quarantined = spooled(done, ImageOutcome.QUARANTINED, true);
        Path goneAlready = spooled(done, ImageOutcome.CLEANED, false);
        Path staged = staged(done);
        long recent = batch(BatchState.DONE, Stage.UPLOAD, 1, now.minus(RETENTION).plusSeconds(60));
        Path recentImage = spooled(recent, ImageOutcome.CLEANED, true);
        Path recentStaged = staged(recent);
        long failed = batch(BatchState.FAILED, Stage.UPLOAD, 1, now.minus(RETENTION).minusSeconds(60));
        Path failedImage = spooled(failed, ImageOutcome.CLEANED, true);

        sweeper.sweep();

        assertThat(cleaned).doesNotExist();
        assertThat(pixelsCleaned).doesNotExist();
        assertThat(goneAlready).doesNotExist();
        assertThat(quarantined).exists();
        assertThat(staged).doesNotExist();
        assertThat(context.getBean(StagingArea.class).ofBatch(done)).doesNotExist();
        Batch released = batches.findById(done).orElseThrow();
        assertThat(released.releasedAt()).isNotNull();
        assertThat(released.state()).isEqualTo(BatchState.DONE);

        assertThat(recentImage).exists();
        assertThat(recentStaged).exists();
        assertThat(batches.findById(recent).orElseThrow().releasedAt()).isNull();
        assertThat(failedImage).exists();

        Instant firstRelease = released.releasedAt();
        sweeper.sweep();
        assertThat(batches.findById(done).orElseThrow().releasedAt()).isEqualTo(firstRelease);
    }

    /** A batch as the pipeline leaves it in {@code state}, last changed (and finished, when it is) at {@code at}. */
    private long batch(BatchState state, Stage stage, int attempt, Instant at) {
        String key = "ACC-SWEEP-" + UUID.randomUUID().toString().substring(0, 12);
        Batch batch = batches.saveAndFlush(new Batch(new BatchKey(BatchKeyKind.ACCESSION_NUMBER, key), "1.2.3", key, null, at));
        Timestamp time = Timestamp.from(at);
        jdbc.update("update batch set state = ?, stage = ?, attempt = ?, updated_at = ?, closed_at = ?, finished_at = ? where id = ?",
                state.name(), stage.name(), attempt, time, time, state == BatchState.DONE || state == BatchState.FAILED ? time : null, batch.id());
        return batch.id();
    }

    private TaskRun run(long batch, Stage stage, int attempt, String worker, Instant startedAt, Instant heartbeatAt) {
        TaskRun run = new TaskRun(batch, stage, attempt, worker, startedAt);
        if (heartbeatAt != null) {
            run.heartbeat(heartbeatAt);
        }
        return runs.saveAndFlush(run);
    }

    private void outboxRow(long batch, String stage, int attempt, Instant notBefore, Instant publishedAt) {
        jdbc.update("insert into outbox (batch_id, stage, attempt, not_before, created_at, published_at) values (?, ?, ?, ?, ?, ?)",
                batch, stage, attempt, Timestamp.from(notBefore), Timestamp.from(notBefore),
                publishedAt == null ? null : Timestamp.from(publishedAt));
    }

    private List<Map<String, Object>> outbox(long batch) {
        return jdbc.queryForList("select stage, attempt, not_before, created_at, published_at from outbox where batch_id = ? order by id", batch);
    }

    /** A TIMESTAMP WITH TIME ZONE as JDBC reads it: OffsetDateTime on H2, Timestamp on PostgreSQL. */
    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : ((Timestamp) value).toInstant();
    }

    /** An image of the batch cleaned to {@code outcome}, its spool file there or not. */
    private Path spooled(long batch, ImageOutcome outcome, boolean fileThere) throws Exception {
        String association = UUID.randomUUID().toString();
        context.getBean(ReceivedAssociationRepository.class).saveAndFlush(new ReceivedAssociation(association, "SCU", "DEIDQ", "127.0.0.1",
                Instant.now(), null));
        String uid = "1.2.826.0.1.3680043.9.7433.44." + System.nanoTime();
        Image image = context.getBean(ImageRepository.class).saveAndFlush(new Image(uid, "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1",
                "1.2.3", "1.2.3.4", "ACC", "images/2026-01-01/" + UUID.randomUUID() + ".dcm", 4, "00000000", Instant.now(), association,
                null, null));
        jdbc.update("update image set batch_id = ?, clean_outcome = ? where id = ?", batch, outcome.name(), image.id());
        Path file = context.getBean(SpooledImages.class).fileOf(image);
        if (fileThere) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "DICM");
        }
        return file;
    }

    /** A clean run's staged file for the batch. */
    private Path staged(long batch) throws Exception {
        Path file = context.getBean(StagingArea.class).ofCleanRun(batch, 7).resolve("images/1/2/3.dcm");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "DICM");
        return file;
    }
}
