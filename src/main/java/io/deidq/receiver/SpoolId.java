package io.deidq.receiver;

import io.deidq.OwnerOnly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;

/**
 * A spool's identity: a random id written once into {@code spool.id} at the spool's root, and
 * carried by every association its receivers record, so that a receiver restarted after a kill can
 * tell the open associations of its spool from those of other spools' receivers on the same
 * database. The spool, not the process: a restart is another process, while its spool is the one
 * the killed run used, held by {@link SpoolLock}. An id kept in the spool, not its path: the spool
 * may be moved or reached by another path (image rows name files relative to it), and two hosts may
 * mount their own spools at one path.
 */
final class SpoolId {

    static final String FILE = "spool.id";

    private SpoolId() {
    }

    /**
     * The spool's id, created when it has none. A new id is written and fsynced under a name of its
     * own, then linked to its name, which fails when it exists: of receivers starting at once on a new
     * spool, every one reads the id that was linked first, and none ever reads a half-written one.
     */
    static String readOrCreate(Path root) throws IOException {
        Path file = root.resolve(FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        String id = UUID.randomUUID().toString();
        Path fresh = root.resolve(FILE + "." + UUID.randomUUID() + ".new");
        try {
            try (FileChannel channel = FileChannel.open(fresh, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.FILE)) {
                channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.createLink(file, fresh);
            SpoolStore.fsyncDirectory(root);
            return id;
        } catch (FileAlreadyExistsException createdMeanwhile) {
            return read(file);
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    private static String read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!canonicalUuid(content)) {
            throw new IOException(file + " does not hold a spool id (a UUID): restore it, or remove it to give the spool a new one "
                    + "(associations recorded under the old one are then no longer ended by its receivers)");
        }
        return content;
    }

    private static boolean canonicalUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
