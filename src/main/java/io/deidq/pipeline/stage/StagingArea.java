package io.deidq.pipeline.stage;

import io.deidq.OwnerOnly;
import io.deidq.pipeline.FinalStageFailure;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where the clean stage puts a batch's cleaned images and metadata records until upload has sent
 * them: {@code <root>/<batch>/clean-<task run>/images/Study/Series/SOP.dcm} and
 * {@code .../metadata/Study/Series/SOP.json}. Each clean run writes a directory of its own, and the
 * upload stage reads the one of the run that succeeded. Like the spool, it is patient data until
 * cleaned and is its owner's only; workers on other machines reach it on the shared file system.
 */
public final class StagingArea {

    private final Path root;

    public StagingArea(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path ofBatch(long batchId) {
        return root.resolve(Long.toString(batchId));
    }

    public Path ofCleanRun(long batchId, long taskRunId) {
        return ofBatch(batchId).resolve("clean-" + taskRunId);
    }

    /** A clean run's directory, empty: what a run that died before left under this name is deleted. */
    Path freshCleanRun(long batchId, long taskRunId) throws IOException {
        Path run = ofCleanRun(batchId, taskRunId);
        deleteTree(run);
        Files.createDirectories(ofBatch(batchId), OwnerOnly.DIRECTORY);
        Files.createDirectories(run, OwnerOnly.DIRECTORY);
        return run;
    }

    /** Deletes everything staged for the batch; what is gone already (another worker deleting it too) is fine. */
    public void release(long batchId) throws IOException {
        deleteTree(ofBatch(batchId));
    }

    private static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Makes a finished run's files durable before the run is recorded as done: each file's data (on
     * the pool's threads, so that the disk takes them together), then every directory from the
     * deepest up to the run's, so that upload after a power cut finds what clean reported.
     */
    static void makeDurable(Path run, ImagePool pool) throws IOException, FinalStageFailure {
        List<Path> files;
        List<Path> directories;
        try (var paths = Files.walk(run)) {
            List<Path> all = paths.toList();
            files = all.stream().filter(Files::isRegularFile).toList();
            directories = all.stream().filter(Files::isDirectory).sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        pool.each(files, file -> {
            force(file, false);
            return file;
        });
        for (Path directory : directories) {
            force(directory, true);
        }
        force(run.getParent(), true);
    }

    /** fdatasync for a file, whose size it flushes too; fsync for a directory. */
    private static void force(Path path, boolean metadata) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(metadata);
        }
    }
}
