package io.deidq.batch;

import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch schema, assembly and closing on one database, as a receiver process uses them; each
 * subclass names its database. The database outlives single tests, so each test uses keys of its
 * own and looks only at its own batches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class BatchDatabaseContract {

    private static final Duration QUIET = Duration.ofSeconds(30);

    private TestDatabase database;
    private ConfigurableApplicationContext context;
    private BatchAssembly assembly;
    private BatchRepository batches;
    private JdbcTemplate jdbc;
    private RecordingQueue queue;
    private final AtomicInteger counter = new AtomicInteger();

    abstract String databaseKind();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        database = TestDatabase.open(databaseKind(), dataDir);
        context = database.startApplication();
        assembly = context.getBean(BatchAssembly.class);
        batches = context.getBean(BatchRepository.class);
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

    @BeforeEach
    void freshQueue() {
        queue = new RecordingQueue();
    }

    @Test
    void theMigrationsRanAndTheEntitiesMatchTheSchema() {
        List<String> versions = jdbc.queryForList("select \"version\" from \"flyway_schema_history\" where \"success\" = true and \"version\" is not null order by \"installed_rank\"",
                String.class);
        assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        Batch batch = batches.saveAndFlush(new Batch(new BatchKey(BatchKeyKind.ACCESSION_NUMBER, unique("ACC")), "1.2.3", null, null, Instant.now()));
        assertThat(batch.version()).isZero();
        TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
        transaction.executeWithoutResult(status -> batches.findById(batch.id()).orElseThrow().close(Instant.now()));
        Batch closed = batches.findById(batch.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(BatchState.QUEUED);
        assertThat(closed.version()).isEqualTo(1);

        String large = "{\"ids\":\"" + "x".repeat(3_000_000) + "\"}";
        BatchIdentifiersRepository identifiers = context.getBean(BatchIdentifiersRepository.class);
        BatchIdentifiers stored = new BatchIdentifiers(batch.id());
        stored.ids(large);
        stored.request("{}");
        identifiers.saveAndFlush(stored);
        BatchIdentifiers read = identifiers.findById(batch.id()).orElseThrow();
        assertThat(read.ids()).isEqualTo(large);
        assertThat(read.request()).isEqualTo("{}");
        assertThat(read.response()).isNull();

        TaskRunRepository runs = context.getBean(TaskRunRepository.class);
        TaskRun run = new TaskRun(batch.id(), Stage.GET_IDENTIFIERS, 1, "worker-a", Instant.now().minusSeconds(600));
        runs.saveAndFlush(run);
        assertThat(runs.findByFinishedAtIsNullAndStartedAtBeforeOrderById(Instant.now())).extracting(TaskRun::id).contains(run.id());
        run.succeeded(Instant.now());
        runs.saveAndFlush(run);
        assertThat(runs.findByBatchIdOrderById(batch.id())).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(TaskOutcome.SUCCEEDED));
    }

    @Test
    void theDatabaseRefusesASecondOpenBatchForAKey() {
        String accession = unique("ACC");
        Batch first = batches.saveAndFlush(new Batch(new BatchKey(BatchKeyKind.ACCESSION_NUMBER, accession), null, accession, null, Instant.now()));
        Batch second = batches.saveAndFlush(new Batch(new BatchKey(BatchKeyKind.ACCESSION_NUMBER, accession), null, accession, null, Instant.now()));
        jdbc.update("insert into open_batch (key_kind, batch_key, batch_id) values ('ACCESSION_NUMBER', ?, ?)", accession, first.id());
        assertThatThrownBy(() -> jdbc.update("insert into open_batch (key_kind, batch_key, batch_id) values ('ACCESSION_NUMBER', ?, ?)",
                accession, second.id())).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void imagesAreGroupedByAccessionNumberAndByStudyUidWhereItIsEmpty() {
        String association = openAssociation();
        String accession = unique("ACC");
        String study = unique("1.2.");
        String otherStudy = unique("1.2.");
        List<Image> recorded = assembly.imagesReceived(List.of(image(association, accession, study), image(association, accession, otherStudy),
                image(association, "", study), image(association, null, study)));
        assembly.imagesReceived(List.of(image(association, accession, study)));

        List<Batch> byAccession = batches.findByKeyKindAndBatchKeyOrderById(BatchKeyKind.ACCESSION_NUMBER, accession);
        List<Batch> byStudy = batches.findByKeyKindAndBatchKeyOrderById(BatchKeyKind.STUDY_INSTANCE_UID, study);
        assertThat(byAccession).singleElement().satisfies(batch -> {
            assertThat(batch.state()).isEqualTo(BatchState.RECEIVING);
            assertThat(batch.accessionNumber()).isEqualTo(accession);
            assertThat(batch.studyInstanceUid()).isEqualTo(study);
            assertThat(batch.lastImageAt()).isNotNull();
        });
        assertThat(byStudy).singleElement().satisfies(batch -> assertThat(batch.accessionNumber()).isEmpty());
        assertThat(imagesOf(byAccession.get(0).id())).isEqualTo(3);
        assertThat(imagesOf(byStudy.get(0).id())).isEqualTo(2);
        assertThat(recorded).extracting(Image::batchId).containsExactly(byAccession.get(0).id(), byAccession.get(0).id(),
                byStudy.get(0).id(), byStudy.get(0).id());
        assertThat(openBatchOf(BatchKeyKind.ACCESSION_NUMBER, accession)).isEqualTo(byAccession.get(0).id());
    }

    @Test
    void keyedByStudyUidImagesOfOneStudyGoTogetherWhateverTheirAccessionNumbers() {
        BatchAssembly byStudy = new RecordedBatchAssembly(context.getBean(ReceivedAssociationRepository.class),
                context.getBean(NamedParameterJdbcTemplate.class), context.getBean(TransactionTemplate.class), context.getBean(DataSource.class),
                new BatchProperties(BatchKeyKind.STUDY_INSTANCE_UID, QUIET, Duration.ofSeconds(1)));
        String association = openAssociation();
        String study = unique("1.2.");
        byStudy.imagesReceived(List.of(image(association, unique("ACC"), study), image(association, unique("ACC"), study)));

        assertThat(batches.findByKeyKindAndBatchKeyOrderById(BatchKeyKind.STUDY_INSTANCE_UID, study)).singleElement()
                .satisfies(batch -> assertThat(imagesOf(batch.id())).isEqualTo(2));
    }

    @Test
    void associationsRecordingImagesOfOneStudyAtOnceFillOneBatch() throws Exception {
        String accession = unique("ACC");
        String study = unique("1.2.");
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String association = openAssociation();
                senders.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 10; i++) {
                        assembly.imagesReceived(List.of(image(association, accession, study), image(association, accession, study)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> sender : senders) {
                sender.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(batches.findByKeyKindAndBatchKeyOrderById(BatchKeyKind.ACCESSION_NUMBER, accession)).singleElement()
                .satisfies(batch -> assertThat(imagesOf(batch.id())).isEqualTo(threads * 10 * 2));
    }

    @Test
    void anOpenAssociationThatContributedKeepsItsBatchOpenAndItsEndClosesIt() {
        String accession = unique("ACC");
        String done = openAssociation();
        String sending = openAssociation();
        assembly.imagesReceived(List.of(image(done, accession, "1.2.3")));
        assembly.imagesReceived(List.of(image(sending, accession, "1.2.3")));
        assembly.associationClosed(done, true);
        long batch = onlyBatch(accession).id();

        BatchCloser closer = closer(Duration.ZERO);
        closer.closeQuietBatches();
        assertThat(batches.findById(batch).orElseThrow().state()).isEqualTo(BatchState.RECEIVING);
        assertThat(queue.committedBatches()).doesNotContain(batch);

        assembly.associationClosed(sending, true);
        closer.closeQuietBatches();
        Batch closed = batches.findById(batch).orElseThrow();
        assertThat(closed.state()).isEqualTo(BatchState.QUEUED);
        assertThat(closed.stage()).isEqualTo(Stage.GET_IDENTIFIERS);
        assertThat(closed.attempt()).isEqualTo(1);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(openBatchOf(BatchKeyKind.ACCESSION_NUMBER, accession)).isNull();
        assertThat(queue.committed).filteredOn(e -> e.batchId() == batch).singleElement()
                .isEqualTo(new RecordingQueue.Enqueued(batch, Stage.GET_IDENTIFIERS, 1, closed.closedAt()));
    }

    @Test
    void anAssociationThatOpenedButBroughtNothingDoesNotHoldABatch() {
        String accession = unique("ACC");
        String sender = openAssociation();
        openAssociation();
        assembly.imagesReceived(List.of(image(sender, accession, "1.2.3")));
        assembly.associationClosed(sender, true);
        closer(Duration.ZERO).closeQuietBatches();
        assertThat(onlyBatch(accession).state()).isEqualTo(BatchState.QUEUED);
    }

    @Test
    void anAbortedAssociationCountsAsEnded() {
        String accession = unique("ACC");
        String aborted = openAssociation();
        assembly.imagesReceived(List.of(image(aborted, accession, "1.2.3")));
        assembly.associationClosed(aborted, false);
        closer(Duration.ZERO).closeQuietBatches();
        assertThat(onlyBatch(accession).state()).isEqualTo(BatchState.QUEUED);
    }

    @Test
    void aBatchClosesOnlyOnceItsQuietPeriodHasPassedSinceItsLastImage() {
        String accession = unique("ACC");
        String association = openAssociation();
        assembly.imagesReceived(List.of(image(association, accession, "1.2.3")));
        assembly.associationClosed(association, true);
        Instant lastImage = onlyBatch(accession).lastImageAt();

        closerAt(lastImage.plus(QUIET).minusSeconds(1)).closeQuietBatches();
        assertThat(onlyBatch(accession).state()).isEqualTo(BatchState.RECEIVING);

        String late = openAssociation();
        assembly.imagesReceived(List.of(image(late, accession, "1.2.3")));
        assembly.associationClosed(late, true);
        Instant newLast = onlyBatch(accession).lastImageAt();
        assertThat(newLast).isAfter(lastImage);
        closerAt(newLast.plus(QUIET).minusMillis(1)).closeQuietBatches();
        assertThat(onlyBatch(accession).state()).isEqualTo(BatchState.RECEIVING);

        closerAt(newLast.plus(QUIET)).closeQuietBatches();
        assertThat(onlyBatch(accession).state()).isEqualTo(BatchState.QUEUED);
    }

    @Test
    void anImageForAClosedBatchOpensANewBatchLinkedToIt() {
        String accession = unique("ACC");
        String first = openAssociation();
        assembly.imagesReceived(List.of(image(first, accession, "1.2.3")));
        assembly.associationClosed(first, true);
        closer(Duration.ZERO).closeQuietBatches();
        long closed = onlyBatch(accession).id();

        String late = openAssociation();
        List<Image> recorded = assembly.imagesReceived(List.of(image(late, accession, "1.2.3")));

        List<Batch> all = batches.findByKeyKindAndBatchKeyOrderById(BatchKeyKind.ACCESSION_NUMBER, accession);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).state()).isEqualTo(BatchState.QUEUED);
        assertThat(all.get(1).state()).isEqualTo(BatchState.RECEIVING);
        assertThat(all.get(1).previousBatchId()).isEqualTo(closed);
        assertThat(recorded).singleElement().satisfies(image -> assertThat(image.batchId()).isEqualTo(all.get(1).id()));
        assertThat(imagesOf(closed)).isEqualTo(1);
        assertThat(openBatchOf(BatchKeyKind.ACCESSION_NUMBER, accession)).isEqualTo(all.get(1).id());
    }

    @Test
    void theFirstStageIsQueuedInTheClosingTransaction() {
        String accession = unique("ACC");
        String association = openAssociation();
        assembly.imagesReceived(List.of(image(association, accession, "1.2.3")));
        assembly.associationClosed(association, true);
        long batch = onlyBatch(accession).id();
        DataSource dataSource = context.getBean(DataSource.class);
        Map<String, String> seen = new ConcurrentHashMap<>();
        queue.inTransaction = id -> {
            if (id == batch) {
                seen.put("inside", jdbc.queryForObject("select state from batch where id = ?", String.class, id));
                seen.put("outside", stateOnAnotherConnection(dataSource, id));
            }
        };

        closer(Duration.ZERO).closeQuietBatches();

        assertThat(seen).containsEntry("inside", "QUEUED").containsEntry("outside", "RECEIVING");
        assertThat(queue.committedBatches()).contains(batch);
    }

    @Test
    void aClosingThatRollsBackQueuesNothingAndLeavesTheBatchReceiving() {
        String accession = unique("ACC");
        String association = openAssociation();
        assembly.imagesReceived(List.of(image(association, accession, "1.2.3")));
        assembly.associationClosed(association, true);
        long batch = onlyBatch(accession).id();
        queue.failing = true;

        assertThatThrownBy(() -> closer(Duration.ZERO).closeQuietBatches()).hasMessage("the outbox insert failed");

        assertThat(queue.called).extracting(RecordingQueue.Enqueued::batchId).contains(batch);
        assertThat(queue.committedBatches()).doesNotContain(batch);
        assertThat(onlyBatch(accession).state()).isEqualTo(BatchState.RECEIVING);
        assertThat(openBatchOf(BatchKeyKind.ACCESSION_NUMBER, accession)).isEqualTo(batch);

        queue.failing = false;
        closer(Duration.ZERO).closeQuietBatches();
        assertThat(onlyBatch(accession).state()).isEqualTo(BatchState.QUEUED);
        assertThat(queue.committedBatches()).containsOnlyOnce(batch);
    }

    /**
     * Associations keep bringing images of one study while two closers (two receiver processes)
     * close whatever is due: every batch is closed once, holding exactly the images it had when it
     * closed, and no image lands in a batch after it closed.
     */
    @Test
    void closersRacingWithArrivingImagesCloseEachBatchOnceAndLoseNoImage() throws Exception {
        String accession = unique("ACC");
        Map<Long, Integer> imagesAtClose = new ConcurrentHashMap<>();
        queue.inTransaction = id -> imagesAtClose.merge(id, imagesOf(id), (a, b) -> -1);
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> senders = new ArrayList<>();
            // The senders end their associations together, round by round, and start the next round a
            // moment apart: a batch can then close between rounds, as the next round's images arrive.
            CyclicBarrier roundEnded = new CyclicBarrier(4);
            for (int t = 0; t < 4; t++) {
                int sender = t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        String association = openAssociation();
                        assembly.imagesReceived(List.of(image(association, accession, "1.2.3")));
                        assembly.imagesReceived(List.of(image(association, accession, "1.2.3"), image(association, accession, "1.2.3")));
                        assembly.associationClosed(association, i % 2 == 0);
                        roundEnded.await(30, TimeUnit.SECONDS);
                        Thread.sleep(sender * 2L);
                    }
                    return null;
                }));
            }
            List<Future<?>> closers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                BatchCloser closer = closer(Duration.ZERO);
                closers.add(pool.submit(() -> {
                    while (sending.get()) {
                        closer.closeQuietBatches();
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get(90, TimeUnit.SECONDS);
            }
            sending.set(false);
            for (Future<?> closer : closers) {
                closer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        closer(Duration.ZERO).closeQuietBatches();

        List<Batch> all = batches.findByKeyKindAndBatchKeyOrderById(BatchKeyKind.ACCESSION_NUMBER, accession);
        assertThat(all).as("batches closed while images arrived").hasSizeGreaterThan(1);
        assertThat(all).allSatisfy(batch -> assertThat(batch.state()).isEqualTo(BatchState.QUEUED));
        assertThat(all.stream().mapToInt(batch -> imagesOf(batch.id())).sum()).isEqualTo(4 * 15 * 3);
        for (Batch batch : all) {
            assertThat(imagesAtClose.get(batch.id())).as("images of batch %d when it closed, once", batch.id()).isEqualTo(imagesOf(batch.id()));
        }
        assertThat(queue.committedBatches()).filteredOn(id -> all.stream().anyMatch(b -> b.id().equals(id)))
                .doesNotHaveDuplicates().hasSize(all.size());
        // Ids are taken before a batch wins its key, so the chain follows the order batches closed in, not their ids.
        List<Batch> inClosingOrder = all.stream().sorted(Comparator.comparing(Batch::closedAt).thenComparing(Batch::id)).toList();
        for (int i = 1; i < inClosingOrder.size(); i++) {
            assertThat(inClosingOrder.get(i).previousBatchId()).isEqualTo(inClosingOrder.get(i - 1).id());
        }
        assertThat(inClosingOrder.get(0).previousBatchId()).isNull();
    }

    private BatchCloser closer(Duration quietPeriod) {
        return closer(quietPeriod, Clock.systemUTC());
    }

    private BatchCloser closerAt(Instant now) {
        return closer(QUIET, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A closer of this receiver's beans, queuing into this test's {@link RecordingQueue}. */
    private BatchCloser closer(Duration quietPeriod, Clock clock) {
        return new BatchCloser(batches, context.getBean(NamedParameterJdbcTemplate.class), context.getBean(TransactionTemplate.class), queue,
                new BatchProperties(BatchKeyKind.ACCESSION_NUMBER, quietPeriod, Duration.ofSeconds(1)), clock);
    }

    private String openAssociation() {
        String id = UUID.randomUUID().toString();
        assembly.associationOpened(new ReceivedAssociation(id, "SCU", "DEIDQ", "127.0.0.1", Instant.now(), null));
        return id;
    }

    private Image image(String association, String accession, String study) {
        String uid = "1.2.826.0.1.3680043.9.7433.40." + System.nanoTime() + "." + counter.incrementAndGet();
        return new Image(uid, "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", study, study + ".1", accession, "images/" + uid + ".dcm", 1,
                "00000000", Instant.now(), association, null, null);
    }

    private Batch onlyBatch(String accession) {
        List<Batch> all = batches.findByKeyKindAndBatchKeyOrderById(BatchKeyKind.ACCESSION_NUMBER, accession);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private int imagesOf(long batch) {
        return jdbc.queryForObject("select count(*) from image where batch_id = ?", Integer.class, batch);
    }

    private Long openBatchOf(BatchKeyKind kind, String key) {
        List<Long> rows = jdbc.queryForList("select batch_id from open_batch where key_kind = ? and batch_key = ?", Long.class, kind.name(), key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String stateOnAnotherConnection(DataSource dataSource, long batch) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select state from batch where id = ?")) {
            select.setLong(1, batch);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
