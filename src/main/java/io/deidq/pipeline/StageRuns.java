package io.deidq.pipeline;

import io.deidq.batch.Batch;
import io.deidq.batch.BatchQueue;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Stage;
import io.deidq.batch.TaskRun;
import io.deidq.batch.TaskRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The database side of running a stage, each step one transaction: a batch leaves QUEUED for the
 * stage it was queued for and a TaskRun is started; on success the next stage is queued through the
 * outbox (or the batch is DONE after upload); on failure the same stage is queued again after a
 * backoff, or the batch FAILED after the last attempt. The state is the database's, so that any
 * worker can take any message.
 */
public class StageRuns {

    private static final Logger log = LoggerFactory.getLogger(StageRuns.class);
    private static final int MAX_ERROR = 4000;

    private final BatchRepository batches;
    private final TaskRunRepository runs;
    private final BatchQueue queue;
    private final RetryProperties retry;
    private final Clock clock;

    public StageRuns(BatchRepository batches, TaskRunRepository runs, BatchQueue queue, RetryProperties retry, Clock clock) {
        this.batches = batches;
        this.runs = runs;
        this.queue = queue;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * Starts the stage; null when the message is not the batch's next step (delivered twice, or
     * overtaken by a rerun or a cancel), which is then dropped.
     */
    @Transactional
    public Long begin(StageMessage message, String worker) {
        Batch batch = batches.findById(message.batchId()).orElse(null);
        if (batch == null || batch.state() != BatchState.QUEUED || batch.stage() != message.stage()
                || batch.attempt() != message.attempt()) {
            log.debug("{} is not what batch {} waits for; dropped", message, message.batchId());
            return null;
        }
        Instant now = now();
        batch.start(message.stage(), message.attempt(), now);
        return runs.save(new TaskRun(message.batchId(), message.stage(), message.attempt(), worker, now)).id();
    }

    @Transactional
    public void succeeded(StageMessage message, long taskRun) {
        Instant now = now();
        runs.findById(taskRun).orElseThrow().succeeded(now);
        Batch batch = batches.findById(message.batchId()).orElseThrow();
        Stage next = message.stage().next();
        if (next == null) {
            batch.done(now);
            log.info("batch {} done", batch.id());
            return;
        }
        batch.queueNextStage(now);
        queue.enqueue(batch.id(), next, 1, now);
    }

    @Transactional
    public void failed(StageMessage message, long taskRun, Exception error) {
        Instant now = now();
        String reason = reason(message.stage(), error);
        runs.findById(taskRun).orElseThrow().failed(reason, now);
        Batch batch = batches.findById(message.batchId()).orElseThrow();
        if (error instanceof FinalStageFailure) {
            batch.fail(reason, now);
            log.warn("batch {} failed in {}: trying again would not help", batch.id(), message.stage().queueName());
            return;
        }
        if (message.attempt() >= retry.maxAttempts()) {
            batch.fail(reason, now);
            log.warn("batch {} failed in {} after {} attempts", batch.id(), message.stage().queueName(), message.attempt());
            return;
        }
        int next = message.attempt() + 1;
        batch.retry(reason, now);
        queue.enqueue(batch.id(), message.stage(), next, now.plus(retry.backoffBefore(next)));
        log.info("batch {}: {} attempt {} failed; attempt {} in {}", batch.id(), message.stage().queueName(), message.attempt(), next,
                retry.backoffBefore(next));
    }

    /** The stage's reason, as its exception gives it: the stage packages' messages name fields and files, never their values. */
    private static String reason(Stage stage, Exception error) {
        String text = stage.queueName() + ": " + (error.getMessage() != null ? error.getMessage() : error.getClass().getName());
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
