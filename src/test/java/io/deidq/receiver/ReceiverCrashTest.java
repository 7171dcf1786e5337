package io.deidq.receiver;

import io.deidq.receiver.TestInstances.Instance;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DcmtkCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deidq killed (SIGKILL) in the middle of a storescu transfer: every instance storescu was told
 * had arrived is recorded with its file intact; the restart sweeps away what the kill left half
 * done, and nothing recorded, though the spool is now reached by another path, and ends the
 * association the kill interrupted, so that the batches of what it brought close. On H2, the
 * embedded default, whose file the test reads while no deidq runs.
 */
class ReceiverCrashTest {

    private static final int INSTANCES = 300;
    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 20;

    @TempDir
    Path dir;

    /** What a row says of its file. */
    private record Recorded(String spoolPath, long size, String crc32c) {
    }

    @Test
    @Timeout(900)
    void whatWasAcknowledgedBeforeAKillIsRecordedIntactAndTheRestartSweepsTheRestAndClosesTheInterruptedBatches() throws Exception {
        Path data = dir.resolve("data");
        List<Instance> instances = instances(dir.resolve("files"));
        Map<String, Instance> byFile = instances.stream().collect(Collectors.toMap(i -> i.file().toString(), i -> i));
        Path storescuLog = dir.resolve("storescu.log");

        try (DeidqProcess deidq = DeidqProcess.start(data, dir.resolve("deidq-1.log"))) {
            Process storescu = storescu(deidq.port(), instances, storescuLog);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged(storescuLog).size() >= ACKNOWLEDGED_BEFORE_THE_KILL || !storescu.isAlive());
            deidq.kill();
            assertThat(storescu.waitFor(2, TimeUnit.MINUTES)).as("storescu ends once its peer is gone").isTrue();
        }
        Set<String> acknowledged = acknowledged(storescuLog);
        assertThat(acknowledged).as("responses before the kill").hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL)
                .as("the kill came while storescu was still sending").hasSizeLessThan(INSTANCES);

        Path spool = data.resolve("spool");
        Map<String, Recorded> afterKill = recorded(data);
        for (String file : acknowledged) {
            String uid = byFile.get(file).sopInstanceUid();
            assertThat(afterKill).as("acknowledged %s", file).containsKey(uid);
            assertIntact(spool, afterKill.get(uid));
        }
        for (Recorded image : afterKill.values()) {
            assertIntact(spool, image);
        }

        List<String> interrupted = column(data, "select id from received_association where closed_at is null");
        assertThat(interrupted).as("storescu's association, which the kill interrupted").hasSize(1);
        int receiving = Integer.parseInt(column(data, "select count(*) from batch where state = 'RECEIVING'").get(0));
        assertThat(receiving).as("batches held by the interrupted association").isPositive();

        Path partial = leftover(spool.resolve("incoming/left-by-the-kill.part"));
        Path day = spool.resolve("images/" + LocalDate.now(ZoneOffset.UTC));
        Path unreadable = leftover(day.resolve("kept-but-unreadable.dcm"));
        Instance whole = TestInstances.rewrite(DcmtkCorpus.get().sample("sc8").file(), day.resolve("kept-but-never-recorded.dcm"),
                TestInstances.uid());
        Path sameDataByAnotherPath = Files.createSymbolicLink(dir.resolve("link"), dir).resolve("data");
        try (DeidqProcess restarted = DeidqProcess.start(sameDataByAnotherPath, dir.resolve("deidq-2.log"), "--deidq.batch.quiet-period=1s")) {
            // Those batches, and the one of the whole file the sweep records (a study of its own).
            int toClose = receiving + 1;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> batchesClosed(restarted.output()) >= toClose);
            restarted.stop();
            assertThat(restarted.output()).contains("spool sweep: removed")
                    .contains("ended now as aborted: 1 (" + interrupted.get(0) + ")");
        }
        assertThat(column(data, "select id from received_association where closed_at is null")).as("associations left open").isEmpty();
        assertThat(column(data, "select count(*) from received_association where released = false and id = '" + interrupted.get(0) + "'"))
                .as("the interrupted association ended as aborted").containsExactly("1");
        assertThat(column(data, "select distinct b.state from batch b join image i on i.batch_id = b.id where i.association_id = '"
                + interrupted.get(0) + "'")).as("states of the batches the interrupted association brought images to")
                .isNotEmpty().doesNotContain("RECEIVING");
        assertThat(column(data, "select id from batch where state = 'RECEIVING'")).as("batches still receiving").isEmpty();

        assertThat(partial).doesNotExist();
        assertThat(unreadable).doesNotExist();
        Map<String, Recorded> afterRestart = recorded(data);
        assertThat(afterRestart).as("nothing recorded is lost or changed").containsAllEntriesOf(afterKill);
        assertThat(afterRestart).as("a whole file left unrecorded is recorded, not thrown away").containsKey(whole.sopInstanceUid());
        for (Recorded image : afterRestart.values()) {
            assertIntact(spool, image);
        }
        assertThat(files(spool.resolve("incoming"))).as("partial files").isEmpty();
        assertThat(files(spool.resolve("images"))).as("every file in the spool is an image's")
                .containsExactlyInAnyOrderElementsOf(afterRestart.values().stream().map(r -> spool.resolve(r.spoolPath())).toList());
    }

    @Test
    @Timeout(900)
    void aStopLetsTheAssociationUnderWayFinishAndRecordsAllItBrought() throws Exception {
        Path data = dir.resolve("data");
        List<Instance> instances = instances(dir.resolve("files"));
        Path storescuLog = dir.resolve("storescu.log");
        Process storescu;
        try (DeidqProcess deidq = DeidqProcess.start(data, dir.resolve("deidq.log"))) {
            storescu = storescu(deidq.port(), instances, storescuLog);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged(storescuLog).size() >= ACKNOWLEDGED_BEFORE_THE_KILL || !storescu.isAlive());
            deidq.stop();
        }
        assertThat(storescu.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(acknowledged(storescuLog)).as("acknowledged; deidq said:\n%s", Files.readString(dir.resolve("deidq.log")))
                .hasSize(INSTANCES);
        assertThat(storescu.exitValue()).isZero();
        Map<String, Recorded> recorded = recorded(data);
        assertThat(recorded.keySet()).containsExactlyInAnyOrderElementsOf(instances.stream().map(Instance::sopInstanceUid).toList());
        for (Recorded image : recorded.values()) {
            assertIntact(data.resolve("spool"), image);
        }
    }

    /** Small instances of their own: the kill must come while most of them are still to be sent. */
    private static List<Instance> instances(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path source = DcmtkCorpus.get().sample("sc8").file();
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(TestInstances.rewrite(source, dir.resolve(i + ".dcm"), TestInstances.uid()));
        }
        return instances;
    }

    private static Process storescu(int port, List<Instance> instances, Path log) throws IOException {
        Dcmtk.requireTool("storescu");
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-aec", "DEIDQ", "127.0.0.1", String.valueOf(port)));
        instances.forEach(i -> command.add(i.file().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TCP_NODELAY", "1");
        return builder.start();
    }

    /** The files storescu logged a success response for: each "Received Store Response (Success)" answers the last "Sending file". */
    private static Set<String> acknowledged(Path log) throws IOException {
        Set<String> acknowledged = new LinkedHashSet<>();
        String sending = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("I: Sending file: ")) {
                sending = line.substring("I: Sending file: ".length());
            } else if (line.startsWith("I: Received Store Response (Success)") && sending != null) {
                acknowledged.add(sending);
            }
        }
        return acknowledged;
    }

    /** The Image rows, read from the database file itself, read-only, with no deidq running. */
    private static Map<String, Recorded> recorded(Path data) throws SQLException {
        Map<String, Recorded> rows = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/deidq") + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement query = db.createStatement();
             ResultSet row = query.executeQuery("select sop_instance_uid, spool_path, size_bytes, crc32c from image")) {
            while (row.next()) {
                rows.put(row.getString(1), new Recorded(row.getString(2), row.getLong(3), row.getString(4)));
            }
        }
        return rows;
    }

    /** The first column of a query's rows, read like {@link #recorded}. */
    private static List<String> column(Path data, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/deidq") + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement query = db.createStatement();
             ResultSet row = query.executeQuery(sql)) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }

    /** How many batches a deidq's closer said it closed, in all. */
    private static int batchesClosed(String output) {
        Matcher closed = Pattern.compile("closed (\\d+) batches").matcher(output);
        int all = 0;
        while (closed.find()) {
            all += Integer.parseInt(closed.group(1));
        }
        return all;
    }

    private static void assertIntact(Path spool, Recorded image) throws IOException {
        Path file = spool.resolve(image.spoolPath());
        assertThat(file).as("spool file of %s", image).isRegularFile();
        assertThat(Files.size(file)).as("size of %s", image).isEqualTo(image.size());
        assertThat(Part10.crc32c(file)).as("CRC32C of %s", image).isEqualTo(image.crc32c());
    }

    private static Path leftover(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {0, 1, 2, 3});
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
