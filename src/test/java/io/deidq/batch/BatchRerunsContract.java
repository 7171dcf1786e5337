package io.deidq.batch;

import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BatchReruns} on one database, with the application's real outbox ({@code StageOutbox},
 * table outbox; no worker runs, so its rows stay unpublished); each subclass names its database.
 * Batches are made FAILED through their own state machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class BatchRerunsContract {

    private TestDatabase database;
    private ConfigurableApplicationContext context;
    private BatchRepository batches;
    private BatchQueue outbox;
    private TransactionTemplate transaction;
    private JdbcTemplate jdbc;
    private DataSource dataSource;
    private BatchReruns reruns;

    abstract String databaseKind();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        database = TestDatabase.open(databaseKind(), dataDir);
        context = database.startApplication();
        batches = context.getBean(BatchRepository.class);
        outbox = context.getBean(BatchQueue.class);
        transaction = context.getBean(TransactionTemplate.class);
        jdbc = context.getBean(JdbcTemplate.class);
        dataSource = context.getBean(DataSource.class);
        reruns = context.getBean(BatchReruns.class);
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
    void aFailedBatchRerunFromItsFailedStageIsQueuedForItThroughTheOutbox() {
        Batch failed = failedIn(Stage.IDENTIFY);

        Batch rerun = reruns.rerun(failed.id(), failed.version(), BatchReruns.From.FAILED_STAGE);

        assertThat(rerun.version()).isGreaterThan(failed.version());
        Batch stored = batches.findById(failed.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(BatchState.QUEUED);
        assertThat(stored.stage()).isEqualTo(Stage.IDENTIFY);
        assertThat(stored.attempt()).isEqualTo(1);
        assertThat(stored.error()).isNull();
        assertThat(stored.finishedAt()).isNull();
        assertThat(stored.version()).isEqualTo(rerun.version());
        assertThat(outboxRows(failed.id())).containsExactly("identify 1 unpublished");
    }

    @Test
    void aBatchWhoseIdentifiersWereStoredIsRerunFromTheStartAsItIs() {
        Batch failed = failedIn(Stage.CLEAN);
        BatchIdentifiersRepository identifiers = context.getBean(BatchIdentifiersRepository.class);
        BatchIdentifiers stored = new BatchIdentifiers(failed.id());
        stored.ids("{\"ids\": 1}");
        stored.request("{\"request\": 1}");
        stored.response("{\"response\": 1}");
        stored.updatedIds("{\"updated\": 1}");
        identifiers.saveAndFlush(stored);

        reruns.rerun(failed.id(), failed.version(), BatchReruns.From.START);

        Batch rerun = batches.findById(failed.id()).orElseThrow();
        assertThat(rerun.state()).isEqualTo(BatchState.QUEUED);
        assertThat(rerun.stage()).isEqualTo(Stage.GET_IDENTIFIERS);
        assertThat(rerun.attempt()).isEqualTo(1);
        assertThat(outboxRows(failed.id())).containsExactly("get-identifiers 1 unpublished");
        assertThat(identifiers.findById(failed.id())).as("left for get-identifiers to overwrite").isPresent();
    }

    @Test
    void theStageIsQueuedInTheRerunTransaction() {
        Batch failed = failedIn(Stage.UPLOAD);
        Map<String, String> seen = new ConcurrentHashMap<>();
        BatchReruns observed = new BatchReruns(batches, queueThen(id -> {
            seen.put("batch inside", jdbc.queryForObject("select state from batch where id = ?", String.class, id));
            seen.put("batch outside", onAnotherConnection("select state from batch where id = ?", id));
            seen.put("outbox inside", jdbc.queryForObject("select count(*) from outbox where batch_id = ?", String.class, id));
            seen.put("outbox outside", onAnotherConnection("select count(*) from outbox where batch_id = ?", id));
        }), transaction);

        observed.rerun(failed.id(), failed.version(), BatchReruns.From.FAILED_STAGE);

        assertThat(seen).containsEntry("batch inside", "QUEUED").containsEntry("batch outside", "FAILED")
                .containsEntry("outbox inside", "1").containsEntry("outbox outside", "0");
        assertThat(outboxRows(failed.id())).containsExactly("upload 1 unpublished");
    }

    @Test
    void aRerunWhoseQueueingFailsLeavesTheBatchFailedAndQueuesNothing() {
        Batch failed = failedIn(Stage.GET_IDENTIFIERS);
        BatchReruns failing = new BatchReruns(batches, queueThen(id -> {
            throw new IllegalStateException("the outbox is gone");
        }), transaction);

        assertThatThrownBy(() -> failing.rerun(failed.id(), failed.version(), BatchReruns.From.START)).hasMessage("the outbox is gone");

        Batch stored = batches.findById(failed.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(BatchState.FAILED);
        assertThat(stored.version()).isEqualTo(failed.version());
        assertThat(outboxRows(failed.id())).isEmpty();
    }

    @Test
    void aStaleVersionIsRefusedNamingTheBatchAndItsState() {
        Batch failed = failedIn(Stage.UPDATE);

        assertThatThrownBy(() -> reruns.rerun(failed.id(), failed.version() - 1, BatchReruns.From.FAILED_STAGE))
                .isInstanceOfSatisfying(BatchRefusal.Stale.class, stale -> {
                    assertThat(stale.batchId()).isEqualTo(failed.id());
                    assertThat(stale.currentVersion()).isEqualTo(failed.version());
                })
                .hasMessage("batch " + failed.id() + " is at version " + failed.version() + ", not " + (failed.version() - 1)
                        + ": it changed since it was read (it is FAILED now); read it again");
        assertThatThrownBy(() -> reruns.cancel(failed.id(), failed.version() + 1)).isInstanceOf(BatchRefusal.Stale.class);

        Batch stored = batches.findById(failed.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(BatchState.FAILED);
        assertThat(stored.version()).isEqualTo(failed.version());
        assertThat(outboxRows(failed.id())).isEmpty();
    }

    /** The version matched when it was read, and the row changed before the rerun was written: the optimistic lock refuses it. */
    @Test
    void aChangeCommittedWhileTheRerunRunsMakesItStale() {
        Batch failed = failedIn(Stage.CLEAN);
        Clock changingTheRowWhenAsked = new Clock() {
            @Override
            public Instant instant() {
                onAnotherConnection("update batch set version = version + 1 where id = ?", failed.id());
                return Instant.now();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        BatchReruns racing = new BatchReruns(batches, outbox, transaction, changingTheRowWhenAsked);

        assertThatThrownBy(() -> racing.rerun(failed.id(), failed.version(), BatchReruns.From.FAILED_STAGE))
                .isInstanceOfSatisfying(BatchRefusal.Stale.class, stale -> assertThat(stale.currentVersion()).isEqualTo(failed.version() + 1));

        assertThat(batches.findById(failed.id()).orElseThrow().state()).isEqualTo(BatchState.FAILED);
        assertThat(outboxRows(failed.id())).isEmpty();
    }

    @Test
    void onlyAFailedBatchIsRerunAndTheRefusalNamesItsStateNotItsIdentifiers() {
        Batch queued = closed();

        assertThatThrownBy(() -> reruns.rerun(queued.id(), queued.version(), BatchReruns.From.START))
                .isInstanceOfSatisfying(BatchRefusal.NotAllowed.class, refused -> assertThat(refused.state()).isEqualTo(BatchState.QUEUED))
                .hasMessage("batch " + queued.id() + " is QUEUED (GET_IDENTIFIERS, attempt 1): it cannot be rerun")
                .message().doesNotContain(queued.accessionNumber(), queued.studyInstanceUid(), queued.key().value());
        assertThat(outboxRows(queued.id())).containsExactly("get-identifiers 1 unpublished");

        Batch receiving = batches.saveAndFlush(newBatch());
        assertThatThrownBy(() -> reruns.rerun(receiving.id(), receiving.version(), BatchReruns.From.FAILED_STAGE))
                .isInstanceOf(BatchRefusal.NotAllowed.class).hasMessageContaining("is RECEIVING");
    }

    @Test
    void anUnknownBatchIsRefused() {
        long unknown = jdbc.queryForObject("select coalesce(max(id), 0) + 1000 from batch", Long.class);
        assertThatThrownBy(() -> reruns.rerun(unknown, 0, BatchReruns.From.START))
                .isInstanceOf(BatchRefusal.Unknown.class).hasMessage("no batch has the id " + unknown);
        assertThatThrownBy(() -> reruns.cancel(unknown, 0)).isInstanceOf(BatchRefusal.Unknown.class);
    }

    @Test
    void aQueuedOrFailedBatchIsCancelledAndNothingIsQueued() {
        Batch failed = failedIn(Stage.IDENTIFY);
        Batch queued = closed();

        Batch cancelled = reruns.cancel(failed.id(), failed.version());
        reruns.cancel(queued.id(), queued.version());

        assertThat(cancelled.state()).isEqualTo(BatchState.CANCELLED);
        assertThat(cancelled.version()).isGreaterThan(failed.version());
        assertThat(batches.findById(failed.id()).orElseThrow().state()).isEqualTo(BatchState.CANCELLED);
        assertThat(batches.findById(queued.id()).orElseThrow().state()).isEqualTo(BatchState.CANCELLED);
        assertThat(outboxRows(failed.id())).isEmpty();
        assertThat(outboxRows(queued.id())).as("the closing's row only").containsExactly("get-identifiers 1 unpublished");

        Batch again = batches.findById(failed.id()).orElseThrow();
        assertThatThrownBy(() -> reruns.cancel(again.id(), again.version()))
                .isInstanceOf(BatchRefusal.NotAllowed.class).hasMessage("batch " + again.id() + " is CANCELLED (IDENTIFY, attempt 1): it cannot be cancelled");
        assertThatThrownBy(() -> reruns.rerun(again.id(), again.version(), BatchReruns.From.START)).isInstanceOf(BatchRefusal.NotAllowed.class);
    }

    /** A batch closed through its state machine, its first stage queued in the outbox as the closer queues it. */
    private Batch closed() {
        Batch batch = batches.saveAndFlush(newBatch());
        return transaction.execute(status -> {
            Batch closing = batches.findById(batch.id()).orElseThrow();
            Instant now = Instant.now();
            closing.close(now);
            batches.flush();
            outbox.enqueue(closing.id(), Stage.GET_IDENTIFIERS, 1, now);
            return closing;
        });
    }

    /** A batch that went through the stages before {@code stage} and failed in it, through its state machine; nothing queued. */
    private Batch failedIn(Stage stage) {
        Batch batch = batches.saveAndFlush(newBatch());
        return transaction.execute(status -> {
            Batch moving = batches.findById(batch.id()).orElseThrow();
            Instant now = Instant.now();
            moving.close(now);
            for (Stage done = Stage.GET_IDENTIFIERS; done != stage; done = done.next()) {
                moving.start(done, 1, now);
                moving.queueNextStage(now);
            }
            moving.start(stage, 1, now);
            moving.fail(stage.queueName() + ": it failed for good", now);
            batches.flush();
            return moving;
        });
    }

    private static Batch newBatch() {
        String accession = "ACC" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String study = "1.2.826.0.1.3680043.9.7433.41." + System.nanoTime();
        return new Batch(new BatchKey(BatchKeyKind.ACCESSION_NUMBER, accession), study, accession, null, Instant.now());
    }

    /** The real outbox, then {@code check} in the same transaction. */
    private BatchQueue queueThen(Consumer<Long> check) {
        return (batchId, stage, attempt, notBefore) -> {
            outbox.enqueue(batchId, stage, attempt, notBefore);
            check.accept(batchId);
        };
    }

    private List<String> outboxRows(long batchId) {
        return jdbc.query("select stage, attempt, published_at from outbox where batch_id = ? order by id",
                (row, n) -> row.getString(1) + " " + row.getInt(2) + (row.getTimestamp(3) == null ? " unpublished" : " published"), batchId);
    }

    /** A statement on a connection of its own, committed at once: another process's view, or its change. */
    private String onAnotherConnection(String sql, long batchId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            statement.setLong(1, batchId);
            if (!statement.execute()) {
                return null;
            }
            try (ResultSet row = statement.getResultSet()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
