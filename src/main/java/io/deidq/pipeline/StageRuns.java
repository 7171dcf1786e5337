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
 * backoff, or the batch FAILED after the last attempt; a run whose worker went silent is abandoned
 * by the sweeper and counts as a failed attempt. A run is finished once, under its row's lock;
 * the batch changes under its optimistic lock. The state is the database's, so that any worker
 * can take any message.
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

    /**
     * Records the run's success and queues the next stage (or makes the batch DONE). A run that is
     * finished already (a sweeper abandoned it while its worker was in fact alive), or whose batch no
     * longer runs its stage and attempt (a later attempt or an operator owns the batch), has its
     * result dropped.
     */
    @Transactional
    public void succeeded(StageMessage message, long taskRun) {
        Instant now = now();
        TaskRun run = unfinished(taskRun, message);
        if (run == null) {
            return;
        }
        run.succeeded(now);
        Batch batch = owned(message);
        if (batch == null) {
            return;
        }
        Stage next = message.stage().next();
        if (next == null) {
            batch.done(now);
            log.info("batch {} done", batch.id());
            return;
        }
        batch.queueNextStage(now);
        queue.enqueue(batch.id(), next, 1, now);
    }

    /** Records the run's failure and fails the attempt ({@link #failAttempt}); a result no longer wanted is dropped, as in {@link #succeeded}. */
    @Transactional
    public void failed(StageMessage message, long taskRun, Exception error) {
        Instant now = now();
        String reason = reason(message.stage(), error.getMessage() != null ? error.getMessage() : error.getClass().getName());
        TaskRun run = unfinished(taskRun, message);
        if (run == null) {
            return;
        }
        run.failed(reason, now);
        Batch batch = owned(message);
        if (batch == null) {
            return;
        }
        failAttempt(batch, message.stage(), message.attempt(), reason, error instanceof FinalStageFailure, now);
    }

    /**
     * Records a sign of life of a running run's worker, in a transaction of its own; answers
     * whether the run is still unfinished (false: it was abandoned, its result will be dropped).
     */
    @Transactional
    public boolean heartbeat(long taskRun) {
        return runs.heartbeat(taskRun, now()) > 0;
    }

    /**
     * Abandons the run if it is unfinished and its worker's last sign of life is before
     * {@code quietSince}, as checked under the run's lock; if its batch still runs that stage and
     * attempt, the attempt has failed ({@link #failAttempt}). Answers whether it abandoned the run.
     */
    @Transactional
    public boolean abandon(long taskRun, Instant quietSince) {
        TaskRun run = runs.findForUpdate(taskRun).orElse(null);
        if (run == null || run.outcome() != null || !run.lastSignOfLife().isBefore(quietSince)) {
            return false;
        }
        Instant now = now();
        String reason = reason(run.stage(), "abandoned: worker " + run.worker() + " gave no sign of life since " + run.lastSignOfLife());
        run.abandoned(reason, now);
        log.info("batch {}: {} attempt {} abandoned, its worker silent since {}", run.batchId(), run.stage().queueName(), run.attempt(),
                run.lastSignOfLife());
        Batch batch = batches.findById(run.batchId()).orElse(null);
        if (batch != null && batch.running(run.stage(), run.attempt())) {
            failAttempt(batch, run.stage(), run.attempt(), reason, false, now);
        }
        return true;
    }

    /**
     * Queues the stage a batch waits for once more, the same attempt, if the batch is QUEUED and has
     * not changed since before {@code quietSince}: its message is taken as lost. A copy that was not
     * lost is dropped by {@link #begin}. Answers whether it queued.
     */
    @Transactional
    public boolean requeue(long batchId, Instant quietSince) {
        Batch batch = batches.findById(batchId).orElse(null);
        if (batch == null || batch.state() != BatchState.QUEUED || !batch.updatedAt().isBefore(quietSince)) {
            return false;
        }
        Instant now = now();
        batch.queuedAgain(now);
        queue.enqueue(batchId, batch.stage(), batch.attempt(), now);
        log.info("batch {}: {} attempt {} queued again, its message lost", batchId, batch.stage().queueName(), batch.attempt());
        return true;
    }

    /**
     * A failed attempt of a running batch: the batch FAILED at once when trying again cannot help
     * ({@code hopeless}) or after the last attempt, else the next attempt queued after its backoff.
     */
    private void failAttempt(Batch batch, Stage stage, int attempt, String reason, boolean hopeless, Instant now) {
        if (hopeless) {
            batch.fail(reason, now);
            log.warn("batch {} failed in {}: trying again would not help", batch.id(), stage.queueName());
            return;
        }
        if (attempt >= retry.maxAttempts()) {
            batch.fail(reason, now);
            log.warn("batch {} failed in {} after {} attempts", batch.id(), stage.queueName(), attempt);
            return;
        }
        int next = attempt + 1;
        batch.retry(reason, now);
        queue.enqueue(batch.id(), stage, next, now.plus(retry.backoffBefore(next)));
        log.info("batch {}: {} attempt {} failed; attempt {} in {}", batch.id(), stage.queueName(), attempt, next, retry.backoffBefore(next));
    }

    /** The run, locked, if it is not finished yet; null (logged) when it is. */
    private TaskRun unfinished(long taskRun, StageMessage message) {
        TaskRun run = runs.findForUpdate(taskRun)
                .orElseThrow(() -> new IllegalStateException("task run " + taskRun + " of batch " + message.batchId() + " is not recorded"));
        if (run.outcome() != null) {
            log.info("batch {}: {} attempt {} ended after its run was recorded {}; its result is dropped", message.batchId(),
                    message.stage().queueName(), message.attempt(), run.outcome());
            return null;
        }
        return run;
    }

    /** The batch, if it still runs the message's stage and attempt; null (logged) when another attempt or an operator took it. */
    private Batch owned(StageMessage message) {
        Batch batch = batches.findById(message.batchId()).orElse(null);
        if (batch == null || !batch.running(message.stage(), message.attempt())) {
            log.info("batch {} no longer runs {} attempt {}; the run's result is recorded on its run only", message.batchId(),
                    message.stage().queueName(), message.attempt());
            return null;
        }
        return batch;
    }

    /** The stage's reason, as its exception gives it: the stage packages' messages name fields and files, never their values. */
    private static String reason(Stage stage, String why) {
        String text = stage.queueName() + ": " + why;
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
