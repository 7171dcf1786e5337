package io.deidq.batch;

/**
 * Where a batch stands. RECEIVING while images may join it; QUEUED for its stage and attempt;
 * RUNNING that stage and attempt; then DONE, FAILED (with the reason; an operator reruns it) or
 * CANCELLED. {@link Batch} holds the transitions and refuses any other.
 */
public enum BatchState {
    RECEIVING,
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    /** Whether nothing follows: DONE and CANCELLED. A FAILED batch can still be rerun or cancelled. */
    public boolean terminal() {
        return this == DONE || this == CANCELLED;
    }
}
