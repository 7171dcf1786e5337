package io.deidq.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.deidq.batch.Stage;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.ReadOptions;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DeidqProcess;
import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Workers are separate JVMs of role worker beside a receiver and identity JVM, all on one PostgreSQL
 * schema and one RabbitMQ, sharing the spool, staging and output directories. For each stage in
 * turn, a worker that pauses after the stage's work (deidq.worker.pause-in-stage), before recording
 * it, is killed with SIGKILL there; a worker started after it finds the killed worker's run abandoned
 * once its heartbeat is older than the stage timeout, runs the stage again and finishes the batch.
 * Every image received is then in the output exactly once, whatever the killed worker had written.
 */
@DisplayName("A worker killed inside each stage in turn, then restarted (worker JVMs of their own, PostgreSQL, RabbitMQ at 127.0.0.1:5672)")
class WorkerCrashTest {

    private static final int IMAGES_PER_STUDY = 3;
    private static final Pattern PAUSED = Pattern.compile(
            "paused after the work of ([a-z-]+) for batch (\\d+) \\(deidq\\.worker\\.pause-in-stage\\)");
    private static final Duration TO_THE_PAUSE = Duration.ofMinutes(2);
    private static final Duration TO_DONE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestDatabase database;
    private String prefix;
    private Path spool;
    private Path staging;
    private Path output;

    @BeforeEach
    void sharedDatabaseBrokerAndDirectories() throws IOException {
        assumeTrue(rabbitMqAnswers(), "no RabbitMQ answers at 127.0.0.1:5672: this test needs it");
        database = TestDatabase.open("postgresql", dir.resolve("receiver"));
        prefix = "deidq-crash-" + UUID.randomUUID().toString().substring(0, 8);
        spool = Files.createDirectories(dir.resolve("shared/spool"));
        staging = Files.createDirectories(dir.resolve("shared/staging"));
        output = Files.createDirectories(dir.resolve("shared/output"));
    }

    @AfterEach
    void dropSchemaAndQueues() throws Exception {
        if (database == null) {
            return;
        }
        database.close();
        QueueNames names = new QueueNames(prefix);
        try (Connection connection = rabbitMq().newConnection(); Channel channel = connection.createChannel()) {
            for (Stage stage : Stage.values()) {
                channel.queueDelete(names.queue(stage));
            }
            channel.exchangeDelete(names.exchange());
        }
    }

    /**
     * The stages from the last to the first, so that the worker started after each kill is the one
     * to be killed next, paused in an earlier stage: the batch it finishes is past that stage, and
     * so it finishes it as a worker without the hook would. The last one has no hook.
     */
    @Test
    @Timeout(900)
    void aBatchWhoseWorkerWasKilledInsideAnyStageIsFinishedByTheNextWorkerWithOneOutputPerImage() throws Exception {
        Dcmtk.requireTool("storescu");
        List<Stage> stages = new ArrayList<>(List.of(Stage.values()));
        Collections.reverse(stages);
        List<Long> batches = new ArrayList<>();
        try (DeidqProcess receiver = DeidqProcess.receiver(dir.resolve("receiver.log"), receiverArguments())) {
            DeidqProcess worker = worker(1, stages.get(0));
            try {
                for (int i = 0; i < stages.size(); i++) {
                    Stage stage = stages.get(i);
                    long batch = pausedBatch(worker, stage, receiver.port());
                    long killed = worker.pid();
                    worker.kill();
                    worker = worker(i + 2, i + 1 < stages.size() ? stages.get(i + 1) : null);
                    awaitDone(batch, stage, worker);
                    assertRuns(batch, stage, killed, worker.pid());
                    assertIdentifiersStored(batch);
                    batches.add(batch);
                }
                worker.stop();
            } finally {
                worker.close();
            }
        }
        assertThat(query("select state from batch order by id", row -> row.getString(1))).as("every batch")
                .hasSize(stages.size()).containsOnly("DONE");
        assertOneOutputPerImage(batches);
    }

    /** A study sent while {@code worker} is the only one, which pauses in {@code stage}; the study's batch. */
    private long pausedBatch(DeidqProcess worker, Stage stage, int receiverPort) throws IOException, SQLException {
        String accession = sendStudy(stage.queueName(), receiverPort);
        MatchResult pause = worker.awaitOutput(PAUSED, TO_THE_PAUSE);
        assertThat(pause.group(1)).as("the stage the worker paused in").isEqualTo(stage.queueName());
        long batch = Long.parseLong(pause.group(2));
        assertThat(one("select accession_number from batch where id = ?", batch)).as("batch %d", batch)
                .isEqualTo(accession);
        assertThat(query("select count(*) from image where batch_id = " + batch, row -> row.getInt(1)))
                .as("images of batch %d", batch).containsExactly(IMAGES_PER_STUDY);
        return batch;
    }

    private void awaitDone(long batch, Stage killedIn, DeidqProcess worker) throws SQLException {
        await().atMost(TO_DONE).pollInterval(Duration.ofMillis(200))
                .until(() -> List.of("DONE", "FAILED").contains(one("select state from batch where id = ?", batch)));
        assertThat(one("select state from batch where id = ?", batch)).as("batch %d after a kill in %s (error: %s); the next worker said:\n%s",
                batch, killedIn.queueName(), one("select error from batch where id = ?", batch), worker.output()).isEqualTo("DONE");
    }

    /** The {@code n}th worker, alone in its JVM; {@code pauseIn} null for none. */
    private DeidqProcess worker(int n, Stage pauseIn) throws IOException {
        String name = "worker-" + n + (pauseIn == null ? "" : "-pauses-in-" + pauseIn.queueName());
        return DeidqProcess.started(dir.resolve(name + ".log"), workerArguments(name, pauseIn));
    }

    /**
     * The killed worker's runs: the stages before, succeeded, and the stage it was killed in,
     * abandoned, which counts as its failed first attempt; the next worker's: that stage's second
     * attempt and the stages after, succeeded.
     */
    private void assertRuns(long batch, Stage killedIn, long killedPid, long nextPid) throws SQLException {
        String killed = ":" + killedPid;
        String next = ":" + nextPid;
        List<String> runs = query("select stage, attempt, outcome, worker from task_run where batch_id = " + batch + " order by id",
                row -> row.getString(1) + "#" + row.getInt(2) + " " + row.getString(3) + " by "
                        + (row.getString(4).endsWith(killed) ? "the killed worker" : row.getString(4).endsWith(next) ? "the next worker" : row.getString(4)));
        List<String> expected = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            if (stage.compareTo(killedIn) < 0) {
                expected.add(stage + "#1 SUCCEEDED by the killed worker");
            } else if (stage == killedIn) {
                expected.add(stage + "#1 ABANDONED by the killed worker");
                expected.add(stage + "#2 SUCCEEDED by the next worker");
            } else {
                expected.add(stage + "#1 SUCCEEDED by the next worker");
            }
        }
        assertThat(runs).as("task runs of batch %d", batch).containsExactlyElementsOf(expected);
    }

    private void assertIdentifiersStored(long batch) throws SQLException {
        List<List<String>> rows = query("select ids, request, response, updated_ids from batch_identifiers where batch_id = " + batch,
                row -> Arrays.asList(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
        assertThat(rows).as("BatchIdentifiers of batch %d", batch).hasSize(1);
        assertThat(rows.get(0)).as("ids, request, response, updated ids of batch %d", batch).doesNotContainNull();
    }

    /**
     * Every image row of the batches has its cleaned file and its metadata record under its output
     * name, whole; and the output holds nothing else: no second copy, no partial file.
     */
    private void assertOneOutputPerImage(List<Long> batches) throws Exception {
        List<String> names = query("select output_name from image where batch_id in (" + String.join(",", batches.stream().map(String::valueOf).toList())
                + ") and clean_outcome = 'CLEANED' and uploaded_at is not null", row -> row.getString(1));
        assertThat(names).as("cleaned and uploaded images").hasSize(IMAGES_PER_STUDY * batches.size()).doesNotHaveDuplicates();
        Path images = output.resolve("images");
        Path metadata = output.resolve("metadata");
        assertThat(files(images)).as("files in %s", images)
                .containsExactlyInAnyOrderElementsOf(names.stream().map(n -> images.resolve(n + ".dcm")).toList());
        assertThat(files(metadata)).as("files in %s", metadata)
                .containsExactlyInAnyOrderElementsOf(names.stream().map(n -> metadata.resolve(n + ".json")).toList());
        for (String name : names) {
            String sopInstanceUid = name.substring(name.lastIndexOf('/') + 1);
            try (DicomFile cleaned = DicomReader.readFile(images.resolve(name + ".dcm"), ReadOptions.headersOnly())) {
                assertThat(cleaned.dataset().getString(Tag.SOPInstanceUID)).as("SOP Instance UID of %s", name).isEqualTo(sopInstanceUid);
            }
            JsonNode record = JSON.readTree(metadata.resolve(name + ".json").toFile());
            assertThat(record.isObject()).as("metadata record of %s", name).isTrue();
        }
    }

    private List<String> receiverArguments() {
        List<String> arguments = new ArrayList<>(database.arguments());
        arguments.addAll(List.of("--deidq.roles=receiver,identity", "--deidq.receiver.spool-directory=" + spool,
                "--deidq.batch.quiet-period=1s", "--deidq.batch.close-period=200ms"));
        return arguments;
    }

    /** A worker's: a data directory of its own and the shared ones, the shared UID secret, the crash test's short timeouts. */
    private List<String> workerArguments(String name, Stage pauseIn) {
        List<String> arguments = new ArrayList<>(database.databaseArguments());
        arguments.addAll(List.of("--deidq.data-dir=" + dir.resolve(name), "--deidq.roles=worker",
                "--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=5672", "--deidq.broker.prefix=" + prefix,
                "--deidq.receiver.spool-directory=" + spool, "--deidq.worker.staging-directory=" + staging,
                "--deidq.upload.output-dir=" + output, "--deidq.recipe.uid-secret=crash-test-secret-shared-by-every-worker",
                "--deidq.worker.heartbeat-interval=1s", "--deidq.worker.stage-timeout=3s", "--deidq.worker.sweep-interval=1s",
                "--deidq.worker.retry.initial-backoff=200ms", "--deidq.worker.retry.max-backoff=1s"));
        if (pauseIn != null) {
            arguments.add("--deidq.worker.pause-in-stage=" + pauseIn.name());
        }
        return arguments;
    }

    /** A study of a patient of its own, {@link #IMAGES_PER_STUDY} images, sent to the receiver; its accession number. */
    private String sendStudy(String name, int port) throws IOException {
        Path files = Files.createDirectories(dir.resolve("studies").resolve(name));
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Study study = new Study("PID-" + unique, "Crash^Test", "19700101", "CRASH-" + unique, Study.uid(), "20240301");
        List<String> command = new ArrayList<>(List.of("storescu", "-aec", "DEIDQ", "127.0.0.1", String.valueOf(port)));
        for (int i = 0; i < IMAGES_PER_STUDY; i++) {
            command.add(study.image(files, Study.uid()).toString());
        }
        Dcmtk.run(dir, command.toArray(String[]::new)).assertClean();
        return study.accession();
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper) throws SQLException {
        try (java.sql.Connection db = database.connect(); PreparedStatement statement = db.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<T> all = new ArrayList<>();
            while (rows.next()) {
                all.add(mapper.map(rows));
            }
            return all;
        }
    }

    /** The single value of a query on one batch. */
    private String one(String sql, long batch) throws SQLException {
        try (java.sql.Connection db = database.connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, batch);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("%s for batch %d", sql, batch).isTrue();
                return row.getString(1);
            }
        }
    }

    private static ConnectionFactory rabbitMq() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        return factory;
    }

    private static boolean rabbitMqAnswers() {
        return RabbitMqStageQueueTest.rabbitMqAnswers();
    }
}
