package io.deidq.pipeline;

import io.deidq.batch.Stage;

/**
 * One run of a stage for a batch, as its {@link StageWork} is given it: the batch, the stage and
 * attempt, and the TaskRun recording it, whose id names what this run writes (a staging directory
 * of its own, so that a run that outlived its heartbeat cannot write into its successor's).
 */
public record StageTask(long batchId, Stage stage, int attempt, long taskRunId) {
}
