package io.deidq.upload;

import io.deidq.OwnerOnly;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written whole or not at all, and kept once written: into a .part file beside it, fsynced,
 * renamed over the name, and the directory fsynced, so that after a crash the name holds the old
 * content or the new one, never a part, and a success reported is on the disk.
 */
final class DurableFile {

    /** Writes the content into an output stream; the stream is the file's. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private DurableFile() {
    }

    static void write(Path target, Content content) throws IOException {
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, OwnerOnly.DIRECTORY);
        }
        Path part = directory.resolve(target.getFileName() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
