package io.deidq.pipeline.stage;

import io.deidq.batch.TaskRun;
import io.deidq.batch.TaskRunRepository;
import io.deidq.pipeline.StageTask;

/**
 * Whether a stage's run still owns its batch when it writes what it made. A run the sweeper
 * abandoned (its worker went silent, and a later attempt now runs) must not overwrite its
 * successor's results: each stage's write transaction first locks the run's row and is refused,
 * rolled back, when the run is finished already. The lock is the one the sweeper takes to
 * abandon a run, so the two never both win.
 */
public final class RunOwnership {

    private final TaskRunRepository runs;

    public RunOwnership(TaskRunRepository runs) {
        this.runs = runs;
    }

    /** Within the caller's transaction: locks the run, and throws when it no longer owns the batch. */
    public void check(StageTask task) {
        TaskRun run = runs.findForUpdate(task.taskRunId()).orElseThrow(() -> new IllegalStateException("task run "
                + task.taskRunId() + " of batch " + task.batchId() + " does not exist: what it made is dropped"));
        if (run.outcome() != null) {
            throw new IllegalStateException("task run " + task.taskRunId() + " (batch " + task.batchId() + ", " + task.stage().queueName()
                    + " attempt " + task.attempt() + ") is " + run.outcome() + " already: what it made is dropped");
        }
    }
}
