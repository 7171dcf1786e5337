package io.deidq.upload;

import io.deidq.OwnerOnly;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written whole or not at all: into a .part file beside it, its data made durable, then
 * renamed over the name, so that after a crash the name holds the old content or the new one, never
 * a part. The rename itself is durable once the directory is synced, which {@link Directories} does
 * once for many files.
 */
final class DurableFile {

    /** Writes the content into an output stream; the stream is the file's. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private DurableFile() {
    }

    /** Writes {@code target}; its directory is recorded in {@code unsynced} for the next flush. */
    static void write(Path target, Content content, Directories unsynced) throws IOException {
        Path part = partOf(target);
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(false);
            }
            replace(part, target, unsynced);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Puts the durable file {@code source} at {@code target} as a second name of the same file
     * (a hard link: no data is copied or written again), or, where the two are on different file
     * systems or links are not supported, as a durable copy.
     */
    static void link(Path target, Path source, Directories unsynced) throws IOException {
        Path part = partOf(target);
        try {
            Files.deleteIfExists(part);
            try {
                Files.createLink(part, source);
            } catch (NoSuchFileException missing) {
                throw missing;
            } catch (UnsupportedOperationException | FileSystemException notHere) {
                write(target, out -> Files.copy(source, out), unsynced);
                return;
            }
            replace(part, target, unsynced);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static Path partOf(Path target) throws IOException {
        Path directory = target.getParent();
        // Most files go where one went before: asked to create what exists, the JDK throws and catches an exception.
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, OwnerOnly.DIRECTORY);
        }
        return directory.resolve(target.getFileName() + ".part");
    }

    private static void replace(Path part, Path target, Directories unsynced) throws IOException {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        unsynced.add(target.getParent());
    }
}
