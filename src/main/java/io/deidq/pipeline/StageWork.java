package io.deidq.pipeline;

import io.deidq.batch.Stage;

/**
 * What one stage does to a batch: read what the stages before it stored, do its work, store what
 * it made. It must be idempotent: a message delivered twice, or a stage run again after a worker
 * died in it, gives the same result and no second output. {@link StageRun} does the rest: the
 * batch's state, the TaskRun, the next stage, retries.
 */
public interface StageWork {

    Stage stage();

    /**
     * Does the stage's work for {@code task}. A {@link FinalStageFailure} fails the batch at once;
     * any other exception is retried after a backoff while attempts remain.
     */
    void run(StageTask task) throws Exception;
}
