package io.deidq.pipeline;

import io.deidq.batch.BatchQueue;
import io.deidq.batch.Stage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;

/**
 * The {@link BatchQueue} of every role: a stage is queued as an outbox row in the caller's
 * transaction, so that it is published if and only if that transaction commits. Without a
 * transaction it throws ({@link Propagation#MANDATORY}): a row written on its own could be
 * published for a change that then rolled back. After the commit, this process's relay (a worker
 * has one) is nudged, so that the stage does not wait for the next poll; in a process without a
 * relay, the workers' relays publish it at their next poll.
 */
@Component
public class StageOutbox implements BatchQueue {

    private final OutboxRows rows;
    private final ObjectProvider<OutboxRelay> relay;
    private final Clock clock = Clock.systemUTC();

    public StageOutbox(OutboxRows rows, ObjectProvider<OutboxRelay> relay) {
        this.rows = rows;
        this.relay = relay;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(long batchId, Stage stage, int attempt, Instant notBefore) {
        rows.insert(new StageMessage(batchId, stage, attempt), notBefore, clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.ifAvailable(OutboxRelay::nudge);
            }
        });
    }
}
