package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A {@link StageWork} as the stage listener runs it: begun in the database, done, and its outcome
 * recorded ({@link StageRuns}), with heartbeats while the work runs. Of two workers given one
 * message, the one that starts the batch second loses its optimistic lock and drops it; a result
 * that comes after the batch changed under it (abandoned, cancelled) is dropped the same way.
 */
public final class StageRun implements StageHandler {

    private static final Logger log = LoggerFactory.getLogger(StageRun.class);

    private final StageWork work;
    private final StageRuns runs;
    private final StageHeartbeats heartbeats;
    private final String worker;
    private final boolean pauseAfterWork;

    /** @param pauseAfterWork crash tests only (deidq.worker.pause-in-stage): the run stops for ever between its work and its record */
    public StageRun(StageWork work, StageRuns runs, StageHeartbeats heartbeats, String worker, boolean pauseAfterWork) {
        this.work = work;
        this.runs = runs;
        this.heartbeats = heartbeats;
        this.worker = worker;
        this.pauseAfterWork = pauseAfterWork;
    }

    @Override
    public Stage stage() {
        return work.stage();
    }

    @Override
    public void handle(StageMessage message) {
        Long taskRun;
        try {
            taskRun = runs.begin(message, worker);
        } catch (OptimisticLockingFailureException taken) {
            log.debug("{} was taken by another worker", message);
            return;
        }
        if (taskRun == null) {
            return;
        }
        StageTask task = new StageTask(message.batchId(), message.stage(), message.attempt(), taskRun);
        try (StageHeartbeats.Heartbeat beating = heartbeats.start(task)) {
            work.run(task);
        } catch (Exception e) {
            record(message, () -> runs.failed(message, taskRun, e));
            return;
        }
        if (pauseAfterWork) {
            pause(message);
            return;
        }
        record(message, () -> runs.succeeded(message, taskRun));
    }

    /** Records the outcome; when the batch changed meanwhile (a sweeper, an operator), the outcome is dropped. */
    private static void record(StageMessage message, Runnable outcome) {
        try {
            outcome.run();
        } catch (OptimisticLockingFailureException changed) {
            log.info("batch {} changed while {} attempt {} was recorded; its result is dropped", message.batchId(),
                    message.stage().queueName(), message.attempt());
        }
    }

    /** Where a crash test kills the worker: the stage's output is written and not yet recorded. */
    private static void pause(StageMessage message) {
        log.warn("paused after the work of {} for batch {} (deidq.worker.pause-in-stage), before recording it",
                message.stage().queueName(), message.batchId());
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
