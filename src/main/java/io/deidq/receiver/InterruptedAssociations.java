package io.deidq.receiver;

import io.deidq.batch.ReceivedAssociationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;

/**
 * Ends the associations of a spool that are still open when a receiver starts alone on it
 * ({@link SpoolLock}): no receiver serves them any more, since none other uses the spool, so they
 * are what a receiver killed (SIGKILL, power cut) left, having never recorded their end. Until it is
 * recorded their batches cannot close. Every image they brought is recorded (a sender is answered
 * only once its image is, and the spool sweep records those a kill left kept but unrecorded), so
 * they end now, as aborted, and their batches close like any other. Other spools' associations
 * are their own receivers' to end: some may be under way.
 */
final class InterruptedAssociations {

    private static final Logger log = LoggerFactory.getLogger(InterruptedAssociations.class);

    private final ReceivedAssociationRepository associations;
    private final TransactionTemplate transaction;

    InterruptedAssociations(ReceivedAssociationRepository associations, TransactionTemplate transaction) {
        this.associations = associations;
        this.transaction = transaction;
    }

    /** Records the end of the spool's open associations; returns how many ended. */
    int end(String spoolId) {
        List<String> ended = transaction.execute(status -> {
            List<String> open = associations.findOpenIdsBySpoolId(spoolId);
            if (!open.isEmpty()) {
                associations.abortOpenBySpoolId(spoolId, Instant.now());
            }
            return open;
        });
        if (!ended.isEmpty()) {
            log.info("associations left open by an earlier run of this spool's receiver, ended now as aborted: {} ({})", ended.size(),
                    String.join(", ", ended));
        }
        return ended.size();
    }
}
