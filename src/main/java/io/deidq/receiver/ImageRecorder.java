package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Records received images in groups: the images that concurrent associations bring in while one
 * transaction is under way go together into the next. Before the commit, the directories that
 * hold the group's files are fsynced, once each, so that their entries are durable: one journal
 * commit for the group instead of one per image. Each association waits for its image's commit
 * before it answers the sender, so an answer never runs ahead of the record, while the database
 * and the file system see one commit per group, not per image. Closing commits what is queued,
 * then stops.
 */
final class ImageRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImageRecorder.class);
    private static final int MOST_PER_COMMIT = 256;
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    /** Makes a directory's entries durable. */
    @FunctionalInterface
    interface DirectorySync {
        void fsync(Path directory) throws IOException;
    }

    private record Pending(Image image, Path directory, CompletableFuture<Boolean> recorded) {
    }

    /** Queued last, by {@link #close()}: nothing can be queued after it. */
    private static final Pending END = new Pending(null, null, null);

    private final BatchAssembly batchAssembly;
    private final DirectorySync directorySync;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private boolean closed;

    ImageRecorder(BatchAssembly batchAssembly, DirectorySync directorySync) {
        this.batchAssembly = batchAssembly;
        this.directorySync = directorySync;
        this.committer = new Thread(this::commitLoop, "image-recorder");
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /**
     * Records the image, whose spool file's data is durable already and whose entry in {@code directory}
     * is made durable before the record; returns false when an image of its SOP Instance UID was
     * recorded before. Throws when the record was not made. The wait ignores interrupts: a caller
     * that stopped waiting could not tell whether its image was recorded.
     */
    boolean record(Image image, Path directory) throws IOException {
        Pending pending = new Pending(image, directory, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                throw new IOException("the receiver is shutting down");
            }
            queue.add(pending);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.recorded().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IOException("the image could not be recorded", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void commitLoop() {
        while (true) {
            List<Pending> group = new ArrayList<>();
            group.add(take());
            queue.drainTo(group, MOST_PER_COMMIT - 1);
            boolean end = group.get(group.size() - 1) == END;
            if (end) {
                group.remove(group.size() - 1);
            }
            if (!group.isEmpty()) {
                commitOrFail(group);
            }
            if (end) {
                return;
            }
        }
    }

    private Pending take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only END stops the committer: every image queued before it has a sender waiting for its answer.
            }
        }
    }

    /** Whatever goes wrong, every image of the group gets its answer: a sender left waiting would hold its association for ever. */
    private void commitOrFail(List<Pending> group) {
        try {
            commit(group);
        } catch (RuntimeException | Error e) {
            fail(group, e);
        }
    }

    private void commit(List<Pending> group) {
        if (!syncDirectories(group)) {
            return;
        }
        try {
            Set<String> fresh = new HashSet<>();
            for (Image image : batchAssembly.imagesReceived(group.stream().map(Pending::image).toList())) {
                fresh.add(image.sopInstanceUid());
            }
            for (Pending pending : group) {
                // Of two equal instances in one group, only the first is the one recorded.
                pending.recorded().complete(fresh.remove(pending.image().sopInstanceUid()));
            }
        } catch (DataIntegrityViolationException refused) {
            if (group.size() == 1) {
                fail(group, refused);
                return;
            }
            // The database refused an image of the group (a value it cannot hold): the others go in one by one.
            for (Pending pending : group) {
                commitOrFail(List.of(pending));
            }
        }
    }

    /** False, and the group failed, when a directory cannot be fsynced: its files could still be lost. */
    private boolean syncDirectories(List<Pending> group) {
        Set<Path> directories = new LinkedHashSet<>();
        group.forEach(pending -> directories.add(pending.directory()));
        for (Path directory : directories) {
            try {
                directorySync.fsync(directory);
            } catch (IOException e) {
                fail(group, e);
                return false;
            }
        }
        return true;
    }

    private static void fail(List<Pending> group, Throwable e) {
        log.error("cannot record {} received images: {}", group.size(), Failures.withoutValues(e));
        log.debug("cannot record {} received images", group.size(), e);
        for (Pending pending : group) {
            pending.recorded().completeExceptionally(e);
        }
    }

    /** Refuses new images, commits those queued, and waits a while for the last commit to end. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(END);
        }
        try {
            committer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
