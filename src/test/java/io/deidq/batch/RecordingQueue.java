package io.deidq.batch;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * A {@link BatchQueue} that records each enqueue as the outbox would: in the caller's transaction,
 * kept only if it commits. It refuses to be called outside a transaction, runs an optional check
 * inside it, and can be made to fail.
 */
final class RecordingQueue implements BatchQueue {

    record Enqueued(long batchId, Stage stage, int attempt, Instant notBefore) {
    }

    final List<Enqueued> committed = new CopyOnWriteArrayList<>();
    final List<Enqueued> called = new CopyOnWriteArrayList<>();
    volatile LongConsumer inTransaction = batchId -> { };
    volatile boolean failing;

    @Override
    public void enqueue(long batchId, Stage stage, int attempt, Instant notBefore) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("enqueue outside a transaction");
        }
        Enqueued enqueued = new Enqueued(batchId, stage, attempt, notBefore);
        called.add(enqueued);
        inTransaction.accept(batchId);
        if (failing) {
            throw new IllegalStateException("the outbox insert failed");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.add(enqueued);
            }
        });
    }

    List<Long> committedBatches() {
        return committed.stream().map(Enqueued::batchId).toList();
    }
}
