package io.deidq.receiver;

import io.deidq.batch.ImageRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The start-up sweep: what a crash left goes, what is recorded stays, however the spool is reached. */
class SpoolJanitorTest {

    private static final String RECORDED = "images/2026-01-02/recorded.dcm";

    @TempDir
    Path dir;

    private final ImageRepository images = mock(ImageRepository.class);

    @Test
    void partialAndUnrecordedFilesGoRecordedAndForeignOnesStay() throws IOException {
        Path root = dir.resolve("spool");
        new SpoolStore(root, "DEIDQ");
        Path recorded = leftover(root, RECORDED);
        Path unrecorded = leftover(root, "images/2026-01-02/unrecorded.dcm");
        Path partial = leftover(root, "incoming/partial.part");
        Path foreign = leftover(root, "images/README.txt");
        when(images.existsBySpoolPath(anyString())).thenReturn(false);
        when(images.existsBySpoolPath(RECORDED)).thenReturn(true);

        new SpoolJanitor(new SpoolStore(root, "DEIDQ"), images).sweep();

        assertThat(recorded).exists();
        assertThat(foreign).exists();
        assertThat(unrecorded).doesNotExist();
        assertThat(partial).doesNotExist();
    }

    @Test
    void aSpoolReachedByAnotherPathThanBeforeKeepsItsRecordedFiles() throws IOException {
        Path root = dir.resolve("spool");
        new SpoolStore(root, "DEIDQ");
        Path recorded = leftover(root, RECORDED);
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        when(images.existsBySpoolPath(anyString())).thenReturn(false);
        when(images.existsBySpoolPath(RECORDED)).thenReturn(true);

        new SpoolJanitor(new SpoolStore(link.resolve("./spool"), "DEIDQ"), images).sweep();

        assertThat(recorded).exists();
    }

    private static Path leftover(Path root, String name) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3, 4});
        return file;
    }
}
