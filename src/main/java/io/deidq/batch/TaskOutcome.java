package io.deidq.batch;

/** How a {@link TaskRun} ended: its stage succeeded, failed (with the error), or its worker died and the sweeper gave it up. */
public enum TaskOutcome {
    SUCCEEDED,
    FAILED,
    ABANDONED
}
