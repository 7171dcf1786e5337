package io.deidq.batch;

/**
 * Why {@link BatchReruns} did not change a batch: it does not exist, the caller's version of it is
 * not the current one, or its state does not allow the move. Messages name the batch by its id and
 * where it stands, never by its key, accession number or Study Instance UID.
 */
public abstract sealed class BatchRefusal extends RuntimeException {

    private final long batchId;

    private BatchRefusal(long batchId, String message) {
        super(message);
        this.batchId = batchId;
    }

    public long batchId() {
        return batchId;
    }

    /** No batch has the id. */
    public static final class Unknown extends BatchRefusal {

        Unknown(long batchId) {
            super(batchId, "no batch has the id " + batchId);
        }
    }

    /** The batch changed since the caller read it: its version is no longer the one the caller expects. */
    public static final class Stale extends BatchRefusal {

        private final long currentVersion;

        Stale(Batch current, long expectedVersion) {
            super(current.id(), "batch " + current.id() + " is at version " + current.version() + ", not " + expectedVersion
                    + ": it changed since it was read (it is " + current.state() + " now); read it again");
            this.currentVersion = current.version();
        }

        public long currentVersion() {
            return currentVersion;
        }
    }

    /** The batch's state does not allow the move; the message is the state machine's, naming the state. */
    public static final class NotAllowed extends BatchRefusal {

        private final BatchState state;

        NotAllowed(Batch batch, IllegalStateException refusal) {
            super(batch.id(), refusal.getMessage());
            this.state = batch.state();
        }

        public BatchState state() {
            return state;
        }
    }
}
