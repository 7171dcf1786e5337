package io.deidq.batch;

import java.time.Instant;

/**
 * Where a batch's next stage is queued. An implementation records the message in the caller's
 * database transaction (a transactional outbox, package pipeline), so that it is published if and
 * only if that transaction commits.
 */
public interface BatchQueue {

    /** Queues {@code stage} of {@code batchId}, attempt {@code attempt} (1 for the first), to run no earlier than {@code notBefore}. */
    void enqueue(long batchId, Stage stage, int attempt, Instant notBefore);
}
