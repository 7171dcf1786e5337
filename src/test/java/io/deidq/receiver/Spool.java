package io.deidq.receiver;

import io.deidq.receiver.TestInstances.Instance;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the receiver kept, seen from outside: the spool's files and the Image rows that record them. */
final class Spool {

    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";

    private final Path root;
    private final JdbcTemplate jdbc;

    Spool(Path root, JdbcTemplate jdbc) {
        this.root = root;
        this.jdbc = jdbc;
    }

    /**
     * Asserts that the instance was recorded once, as it was sent, and that its spool file is the
     * one recorded (size, CRC32C) and holds the data set exactly as sent.
     */
    void assertReceived(Instance sent) throws IOException {
        List<Map<String, Object>> rows = rows(sent.sopInstanceUid());
        assertThat(rows).as("Image rows of %s", sent).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("sop_class_uid")).as("SOP class of %s", sent).isEqualTo(sent.sopClassUid());
        assertThat(row.get("transfer_syntax_uid")).as("transfer syntax of %s", sent).isEqualTo(sent.transferSyntaxUid());
        assertThat(row.get("study_instance_uid")).as("study of %s", sent).isEqualTo(sent.studyInstanceUid());
        assertThat(row.get("accession_number")).as("accession number of %s", sent).isEqualTo(sent.accessionNumber());
        Path file = file(row);
        assertThat(file).as("spool file of %s", sent).isRegularFile();
        assertThat(file.toAbsolutePath().normalize()).startsWith(images().toAbsolutePath().normalize());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("who may read %s", file).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(row.get("size_bytes")).as("size of %s", sent).isEqualTo(Files.size(file));
        assertThat(row.get("crc32c")).as("CRC32C of %s", sent).isEqualTo(Part10.crc32c(file));
        byte[] expected = Part10.dataSet(sent.file());
        byte[] actual = Part10.dataSet(file);
        if (expected.length % 2 == 1 && sent.transferSyntaxUid().equals(DEFLATED)) {
            // dcmtk pads a deflated data set of odd length with a null byte to send it in PDVs of even length.
            expected = Arrays.copyOf(expected, expected.length + 1);
        }
        assertThat(Arrays.mismatch(expected, actual))
                .as("first differing byte of the data set of %s (%d bytes sent, %d kept)", sent, expected.length, actual.length)
                .isEqualTo(-1);
        assertThat(TestInstances.read(file).sopInstanceUid()).as("the spool file's own File Meta").isEqualTo(sent.sopInstanceUid());
    }

    List<Map<String, Object>> rows(String sopInstanceUid) {
        return jdbc.queryForList("select * from image where sop_instance_uid = ?", sopInstanceUid);
    }

    Path file(Map<String, Object> row) {
        return root.resolve((String) row.get("spool_path"));
    }

    Path incoming() {
        return root.resolve("incoming");
    }

    Path images() {
        return root.resolve("images");
    }

    /** Every file under the spool's images directory. */
    List<Path> imageFiles() {
        return files(images());
    }

    List<Path> incomingFiles() {
        return files(incoming());
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
