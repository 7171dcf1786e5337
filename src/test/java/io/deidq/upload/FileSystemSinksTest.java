package io.deidq.upload;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemSinksTest {

    private static final String IMAGE = "2.25.1/2.25.2/2.25.3.dcm";

    @TempDir
    Path tmp;

    @Test
    void anImageIsStoredUnderItsNameInOwnerOnlyDirectoriesAndStoringAgainReplacesIt() throws IOException {
        Path root = tmp.resolve("images");
        FileSystemImageSink sink = new FileSystemImageSink(root);

        sink.store(IMAGE, Files.write(tmp.resolve("first.dcm"), new byte[] {1, 2, 3}));
        sink.store(IMAGE, Files.write(tmp.resolve("second.dcm"), new byte[] {4, 5}));

        assertThat(root.resolve(IMAGE)).hasBinaryContent(new byte[] {4, 5});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("2.25.1/2.25.2")))).isEqualTo("rwx------");
        assertThat(files(root)).containsExactly(root.resolve(IMAGE));
    }

    @Test
    void aCleanedFileOnTheSameFileSystemBecomesTheOutputWithoutACopy() throws IOException {
        Path root = tmp.resolve("images");
        FileSystemImageSink sink = new FileSystemImageSink(root);
        Path cleaned = Files.write(tmp.resolve("cleaned.dcm"), new byte[] {7, 8, 9});

        sink.store(IMAGE, cleaned);
        sink.flush();

        assertThat(Files.getAttribute(root.resolve(IMAGE), "unix:ino")).isEqualTo(Files.getAttribute(cleaned, "unix:ino"));
        Files.delete(cleaned);
        assertThat(root.resolve(IMAGE)).hasBinaryContent(new byte[] {7, 8, 9});
    }

    @Test
    void aMetadataRecordIsStoredAsJson() throws IOException {
        Path root = tmp.resolve("metadata");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("PatientID", "SUBJ01");
        record.put("ImageType", List.of("ORIGINAL", "PRIMARY"));
        record.put("Rows", 512);

        new FileSystemMetadataSink(root).store("2.25.1/2.25.2/2.25.3.json", record);

        Map<String, Object> read = new ObjectMapper().readValue(root.resolve("2.25.1/2.25.2/2.25.3.json").toFile(),
                new TypeReference<Map<String, Object>>() { });
        assertThat(read).isEqualTo(record);
        assertThat(files(root)).hasSize(1);
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoPartialFile() throws IOException {
        Path root = tmp.resolve("images");
        FileSystemImageSink sink = new FileSystemImageSink(root);
        sink.store(IMAGE, Files.write(tmp.resolve("first.dcm"), new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> sink.store(IMAGE, tmp.resolve("missing.dcm"))).isInstanceOf(IOException.class);

        assertThat(root.resolve(IMAGE)).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(files(root)).containsExactly(root.resolve(IMAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../2.25.3.dcm", "/etc/2.25.3.dcm", "2.25.1/../../x.dcm", "2.25.1/2.25.3", "PID-1/2.25.3.dcm", ""})
    void aNameThatIsNotUidsIsRefused(String name) {
        assertThatThrownBy(() -> new FileSystemImageSink(tmp).store(name, tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + name + "' is not an output name (UIDs joined by '/', ending .dcm or .json)");
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
