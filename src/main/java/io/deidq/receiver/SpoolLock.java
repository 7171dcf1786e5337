package io.deidq.receiver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which receivers use a spool: each holds a shared lock on the spool's lock file while it runs.
 * One that finds no other holds the lock exclusively first and sweeps, so a sweep never removes a
 * file that a running receiver is writing, or has kept and is about to record. The operating
 * system drops the lock of a process that dies, however it dies.
 */
final class SpoolLock implements AutoCloseable {

    /** What to do with the spool while no other receiver uses it. */
    @FunctionalInterface
    interface Sweep {
        void run() throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(SpoolLock.class);
    static final String FILE = "receiver.lock";
    /**
     * The spools locked by this process. File locks belong to the process, not to a channel: a
     * second channel on the lock file could not tell another receiver of this process, and closing
     * it would drop that receiver's lock.
     */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final FileChannel channel;

    private SpoolLock(Path root, FileChannel channel) {
        this.root = root;
        this.channel = channel;
    }

    static SpoolLock acquire(Path root, Sweep sweepWhenAlone) throws IOException {
        if (!LOCKED_HERE.add(root)) {
            throw new IllegalStateException("the spool " + root + " is used by another receiver of this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock alone = channel.tryLock(0, Long.MAX_VALUE, false);
            if (alone != null) {
                try {
                    sweepWhenAlone.run();
                } finally {
                    alone.release();
                }
            } else {
                log.info("another receiver uses the spool {}: what earlier runs left waits for a start without one", root);
            }
            channel.lock(0, Long.MAX_VALUE, true);
            return new SpoolLock(root, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            LOCKED_HERE.remove(root);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            LOCKED_HERE.remove(root);
        }
    }
}
