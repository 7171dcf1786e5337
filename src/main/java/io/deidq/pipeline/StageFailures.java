package io.deidq.pipeline;

/**
 * What follows a stage whose handler threw. Retries live in the database, not in the broker
 * (DESIGN.md, "Retries and dead letters live in the database"): the implementation records the
 * failed TaskRun and queues the next attempt through the outbox with a not-before time, or fails
 * the batch after the last attempt. The message is acknowledged once this returns, and also when
 * it throws: a message the broker redelivered would come back at once, forever on Qpid.
 */
public interface StageFailures {

    void failed(StageMessage message, Exception error);
}
