package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A {@link StageWork} as the stage listener runs it: begun in the database, done, and its outcome
 * recorded ({@link StageRuns}). Of two workers given one message, the one that starts the batch
 * second loses its optimistic lock and drops it.
 */
public final class StageRun implements StageHandler {

    private static final Logger log = LoggerFactory.getLogger(StageRun.class);

    private final StageWork work;
    private final StageRuns runs;
    private final String worker;

    public StageRun(StageWork work, StageRuns runs, String worker) {
        this.work = work;
        this.runs = runs;
        this.worker = worker;
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
        try {
            work.run(message.batchId());
        } catch (Exception e) {
            runs.failed(message, taskRun, e);
            return;
        }
        runs.succeeded(message, taskRun);
    }
}
