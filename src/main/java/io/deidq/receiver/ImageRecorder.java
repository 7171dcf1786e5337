package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Records received images in groups: the images that concurrent associations bring in while one
 * transaction is under way go together into the next. Each association waits for its image's
 * commit before it answers the sender, so an answer never runs ahead of the record, while the
 * database sees one commit per group, not per image.
 */
final class ImageRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImageRecorder.class);
    private static final int MOST_PER_COMMIT = 256;

    private record Pending(Image image, CompletableFuture<Boolean> recorded) {
    }

    private final BatchAssembly batchAssembly;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean running = true;

    ImageRecorder(BatchAssembly batchAssembly) {
        this.batchAssembly = batchAssembly;
        this.committer = new Thread(this::commitLoop, "image-recorder");
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /**
     * Records the image, whose spool file is durable already; returns false when an image of its SOP
     * Instance UID was recorded before. Throws when the record could not be made.
     */
    boolean record(Image image) throws IOException {
        Pending pending = new Pending(image, new CompletableFuture<>());
        if (!running) {
            throw new IOException("the receiver is shutting down");
        }
        queue.add(pending);
        try {
            return pending.recorded().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the image to be recorded", e);
        } catch (ExecutionException e) {
            throw new IOException("the image could not be recorded", e.getCause());
        }
    }

    private void commitLoop() {
        while (running || !queue.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(group, MOST_PER_COMMIT - 1);
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
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
                commit(List.of(pending));
            }
        } catch (RuntimeException e) {
            fail(group, e);
        }
    }

    private static void fail(List<Pending> group, RuntimeException e) {
        log.error("cannot record {} received images: {}", group.size(), Failures.withoutValues(e));
        log.debug("cannot record {} received images", group.size(), e);
        for (Pending pending : group) {
            pending.recorded().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        running = false;
        committer.interrupt();
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
