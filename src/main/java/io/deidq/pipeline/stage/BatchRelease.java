package io.deidq.pipeline.stage;

import io.deidq.batch.Batch;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Image;
import io.deidq.batch.ImageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Deletes a DONE batch's files once it is past the spool retention: the spool files of its
 * uploaded images and its staging directory; a quarantined image's spool file stays, since it was
 * never uploaded and is all there is of it. In one transaction with the batch's {@code released}
 * mark, under its optimistic lock: of two sweepers releasing one batch, both may delete (a file
 * already gone is fine) and one marks it. Files deleted before a commit that fails are deleted
 * again at the next sweep.
 */
public final class BatchRelease {

    private static final Logger log = LoggerFactory.getLogger(BatchRelease.class);

    private final BatchRepository batches;
    private final ImageRepository images;
    private final SpooledImages spool;
    private final StagingArea staging;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public BatchRelease(BatchRepository batches, ImageRepository images, SpooledImages spool, StagingArea staging,
                        TransactionTemplate transactions, Clock clock) {
        this.batches = batches;
        this.images = images;
        this.spool = spool;
        this.staging = staging;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Releases the batch if it is DONE and not released yet; answers whether it did. */
    public boolean release(long batchId) throws IOException {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> releaseIfDone(batchId)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private boolean releaseIfDone(long batchId) {
        Batch batch = batches.findById(batchId).orElse(null);
        if (batch == null || batch.state() != BatchState.DONE || batch.releasedAt() != null) {
            return false;
        }
        int deleted = 0;
        int kept = 0;
        try {
            for (Image image : images.findByBatchIdOrderById(batchId)) {
                if (image.cleanOutcome() != null && image.cleanOutcome().uploaded()) {
                    Files.deleteIfExists(spool.fileOf(image));
                    deleted++;
                } else {
                    kept++;
                }
            }
            staging.release(batchId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.released(clock.instant().truncatedTo(ChronoUnit.MICROS));
        log.info("batch {} released: the spool files of {} uploaded images deleted, {} quarantined kept, its staging directory deleted", batchId, deleted, kept);
        return true;
    }
}
