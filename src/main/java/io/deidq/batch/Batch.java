package io.deidq.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Set;

/**
 * The images of one study that go through the pipeline together, and where they stand. The state
 * machine:
 * <pre>
 * RECEIVING --close--> QUEUED(GET_IDENTIFIERS, 1) --start--> RUNNING(stage, n)
 * RUNNING --queueNextStage--> QUEUED(next stage, 1)     RUNNING(UPLOAD) --done--> DONE
 * RUNNING --retry--> QUEUED(stage, n + 1)               RUNNING --fail--> FAILED (with the reason)
 * FAILED --rerunFromFailedStage / rerunFromStart--> QUEUED(stage or GET_IDENTIFIERS, 1)
 * QUEUED, RUNNING, FAILED --cancel--> CANCELLED
 * </pre>
 * Every other move throws {@link IllegalStateException}, naming the batch and where it stands.
 * {@link #version()} is the optimistic lock, and the batch's ETag: it changes with every change
 * of the row, an image joining the batch included. Key, accession number and Study Instance UID
 * are identifiers: they stay in the database and out of messages and logs.
 */
@Entity
@Table(name = "batch")
public class Batch {

    /** The longest error the row keeps. */
    static final int LONGEST_ERROR = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "key_kind", nullable = false, length = 32)
    private BatchKeyKind keyKind;

    @Column(name = "batch_key", nullable = false, length = 64)
    private String batchKey;

    @Column(name = "study_instance_uid", length = 64)
    private String studyInstanceUid;

    @Column(name = "accession_number", length = 64)
    private String accessionNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private BatchState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "stage", length = 32)
    private Stage stage;

    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "error", length = LONGEST_ERROR)
    private String error;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_image_at")
    private Instant lastImageAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Column(name = "previous_batch_id")
    private Long previousBatchId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Batch() {
    }

    /** A batch RECEIVING images of {@code key}; {@code previousBatchId} the key's batch that closed before it, or null. */
    public Batch(BatchKey key, String studyInstanceUid, String accessionNumber, Long previousBatchId, Instant now) {
        this.keyKind = key.kind();
        this.batchKey = key.value();
        this.studyInstanceUid = studyInstanceUid;
        this.accessionNumber = accessionNumber;
        this.previousBatchId = previousBatchId;
        this.state = BatchState.RECEIVING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Closes the batch to new images and queues its first stage. */
    public void close(Instant now) {
        require("be closed", BatchState.RECEIVING);
        queue(Stage.GET_IDENTIFIERS, 1, now);
        closedAt = now;
    }

    /** A worker starts {@code stage}, attempt {@code attempt}: only the stage and attempt queued. */
    public void start(Stage stage, int attempt, Instant now) {
        require("start " + stage + " attempt " + attempt, BatchState.QUEUED);
        if (stage != this.stage || attempt != this.attempt) {
            throw refused("start " + stage + " attempt " + attempt);
        }
        state = BatchState.RUNNING;
        updatedAt = now;
    }

    /** The stage running succeeded: queues the next, attempt 1. The last stage's success is {@link #done}. */
    public void queueNextStage(Instant now) {
        require("queue its next stage", BatchState.RUNNING);
        if (stage.next() == null) {
            throw refused("queue a stage after " + stage + ", the last");
        }
        queue(stage.next(), 1, now);
        error = null;
    }

    /** The last stage succeeded. */
    public void done(Instant now) {
        require("be done", BatchState.RUNNING);
        if (stage.next() != null) {
            throw refused("be done after " + stage + ", which is not the last stage");
        }
        state = BatchState.DONE;
        error = null;
        updatedAt = now;
        finishedAt = now;
    }

    /** The message of the stage it waits for was lost (a broker that died, a worker that died holding it) and is queued again. */
    public void queuedAgain(Instant now) {
        require("have its stage queued again", BatchState.QUEUED);
        updatedAt = now;
    }

    /** Whether it is running {@code stage}, attempt {@code attempt}: a run of that stage and attempt still owns it. */
    public boolean running(Stage stage, int attempt) {
        return state == BatchState.RUNNING && this.stage == stage && this.attempt == attempt;
    }

    /** The stage running failed and will be tried again: queues its next attempt, keeping the error visible. */
    public void retry(String error, Instant now) {
        require("retry " + stage, BatchState.RUNNING);
        queue(stage, attempt + 1, now);
        this.error = shortened(error);
    }

    /** The stage running failed for good: the batch is FAILED with {@code reason}, for an operator to rerun. */
    public void fail(String reason, Instant now) {
        require("fail", BatchState.RUNNING);
        state = BatchState.FAILED;
        error = shortened(reason);
        updatedAt = now;
        finishedAt = now;
    }

    /** Queues the failed stage again, attempt 1. */
    public void rerunFromFailedStage(Instant now) {
        rerun(stage, now);
    }

    /** Queues the batch from its first stage, attempt 1. */
    public void rerunFromStart(Instant now) {
        rerun(Stage.GET_IDENTIFIERS, now);
    }

    /** Stops a closed batch for good. A batch still receiving is closed first; a finished one stays as it ended. */
    public void cancel(Instant now) {
        require("be cancelled", BatchState.QUEUED, BatchState.RUNNING, BatchState.FAILED);
        state = BatchState.CANCELLED;
        updatedAt = now;
        finishedAt = now;
    }

    private void rerun(Stage from, Instant now) {
        require("be rerun", BatchState.FAILED);
        queue(from, 1, now);
        error = null;
        finishedAt = null;
    }

    private void queue(Stage next, int nextAttempt, Instant now) {
        state = BatchState.QUEUED;
        stage = next;
        attempt = nextAttempt;
        updatedAt = now;
    }

    private void require(String move, BatchState... allowed) {
        if (!Set.of(allowed).contains(state)) {
            throw refused(move);
        }
    }

    private IllegalStateException refused(String move) {
        return new IllegalStateException("batch " + id + " is " + where() + ": it cannot " + move);
    }

    private String where() {
        return stage == null ? state.name() : state + " (" + stage + ", attempt " + attempt + ")";
    }

    private static String shortened(String text) {
        return text == null || text.length() <= LONGEST_ERROR ? text : text.substring(0, LONGEST_ERROR);
    }

    public Long id() {
        return id;
    }

    public BatchKey key() {
        return new BatchKey(keyKind, batchKey);
    }

    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    public String accessionNumber() {
        return accessionNumber;
    }

    public BatchState state() {
        return state;
    }

    /** The stage queued, running, or that ended the batch; null while receiving. */
    public Stage stage() {
        return stage;
    }

    /** The attempt of {@link #stage()}, from 1; 0 while receiving. */
    public int attempt() {
        return attempt;
    }

    /** Why the batch failed, or why its last attempt did; null when none did. */
    public String error() {
        return error;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** When its last image was recorded; the quiet period runs from it. */
    public Instant lastImageAt() {
        return lastImageAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    /** When it became DONE, FAILED or CANCELLED; null while it is not (again, after a rerun). */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** When its spool files and staging directory were deleted, after the retention; null before. */
    public Instant releasedAt() {
        return releasedAt;
    }

    /** Its files were deleted: only a DONE batch's are. */
    public void released(Instant now) {
        require("release its files", BatchState.DONE);
        releasedAt = now;
    }

    /** The batch of the same key that had closed when an image opened this one; null for the key's first. */
    public Long previousBatchId() {
        return previousBatchId;
    }

    public long version() {
        return version;
    }
}
