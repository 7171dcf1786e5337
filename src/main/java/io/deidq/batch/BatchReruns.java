package io.deidq.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;

/**
 * An operator's moves on a batch: rerun a FAILED batch from its failed stage or from the start, or
 * cancel it. Each is one transaction, and only on the version of the batch the operator saw
 * (optimistic concurrency: the version is the batch's ETag): a rerun changes the batch and queues
 * its stage through {@link BatchQueue} (the outbox) together, so that the stage is queued if and
 * only if the batch was rerun. A rerun from the start needs nothing deleted: each stage overwrites
 * what it stored before (identifiers, image outcomes, output files).
 */
@Component
public class BatchReruns {

    private static final Logger log = LoggerFactory.getLogger(BatchReruns.class);

    /** Where a rerun starts. */
    public enum From {
        /** The stage the batch failed in, attempt 1. */
        FAILED_STAGE,
        /** get-identifiers, attempt 1. */
        START
    }

    private final BatchRepository batches;
    private final BatchQueue queue;
    private final TransactionTemplate transaction;
    private final Clock clock;

    @Autowired
    public BatchReruns(BatchRepository batches, BatchQueue queue, TransactionTemplate transaction) {
        this(batches, queue, transaction, Clock.systemUTC());
    }

    BatchReruns(BatchRepository batches, BatchQueue queue, TransactionTemplate transaction, Clock clock) {
        this.batches = batches;
        this.queue = queue;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Reruns the FAILED batch {@code batchId}, as of {@code expectedVersion}; answers it as it is then, queued. */
    public Batch rerun(long batchId, long expectedVersion, From from) {
        Batch rerun = change(batchId, expectedVersion, (batch, now) -> {
            if (from == From.START) {
                batch.rerunFromStart(now);
            } else {
                batch.rerunFromFailedStage(now);
            }
        }, true);
        log.info("batch {} rerun from {}", batchId, rerun.stage().queueName());
        return rerun;
    }

    /** Cancels the QUEUED, RUNNING or FAILED batch {@code batchId}, as of {@code expectedVersion}; answers it as it is then. */
    public Batch cancel(long batchId, long expectedVersion) {
        Batch cancelled = change(batchId, expectedVersion, Batch::cancel, false);
        log.info("batch {} cancelled", batchId);
        return cancelled;
    }

    private Batch change(long batchId, long expectedVersion, BiConsumer<Batch, Instant> move, boolean queueStage) {
        try {
            return transaction.execute(status -> {
                Batch batch = batches.findById(batchId).orElseThrow(() -> new BatchRefusal.Unknown(batchId));
                if (batch.version() != expectedVersion) {
                    throw new BatchRefusal.Stale(batch, expectedVersion);
                }
                // To the microsecond, as both databases keep it: the time queued is the time recorded.
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                try {
                    move.accept(batch, now);
                } catch (IllegalStateException refused) {
                    throw new BatchRefusal.NotAllowed(batch, refused);
                }
                // Written now, on the version read: a change made meanwhile fails here, before anything is queued.
                batches.flush();
                if (queueStage) {
                    queue.enqueue(batch.id(), batch.stage(), batch.attempt(), now);
                }
                return batch;
            });
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            Batch current = batches.findById(batchId).orElseThrow(() -> new BatchRefusal.Unknown(batchId));
            throw new BatchRefusal.Stale(current, expectedVersion);
        }
    }
}
