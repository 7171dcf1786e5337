package io.deidq.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One run of one stage of a batch by one worker. Started, then finished once with its outcome; a
 * run started and never finished belongs to a worker that died, which the sweeper abandons.
 */
@Entity
@Table(name = "task_run")
public class TaskRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "batch_id", nullable = false)
    private long batchId;

    @Enumerated(EnumType.STRING)
    @Column(name = "stage", nullable = false, length = 32)
    private Stage stage;

    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "worker", nullable = false, length = 128)
    private String worker;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", length = 16)
    private TaskOutcome outcome;

    @Column(name = "error", length = Batch.LONGEST_ERROR)
    private String error;

    protected TaskRun() {
    }

    public TaskRun(long batchId, Stage stage, int attempt, String worker, Instant startedAt) {
        this.batchId = batchId;
        this.stage = stage;
        this.attempt = attempt;
        this.worker = worker;
        this.startedAt = startedAt;
    }

    /** Its worker is still at it. */
    public void heartbeat(Instant at) {
        heartbeatAt = at;
    }

    public void succeeded(Instant at) {
        finish(TaskOutcome.SUCCEEDED, null, at);
    }

    public void failed(String error, Instant at) {
        finish(TaskOutcome.FAILED, error, at);
    }

    /** Its worker died with the run unfinished ({@code reason} says how that was seen). */
    public void abandoned(String reason, Instant at) {
        finish(TaskOutcome.ABANDONED, reason, at);
    }

    private void finish(TaskOutcome end, String text, Instant at) {
        if (outcome != null) {
            throw new IllegalStateException("task run " + id + " (batch " + batchId + ", " + stage + " attempt " + attempt
                    + ") finished already, " + outcome + ": it cannot finish again, " + end);
        }
        outcome = end;
        error = text == null || text.length() <= Batch.LONGEST_ERROR ? text : text.substring(0, Batch.LONGEST_ERROR);
        finishedAt = at;
    }

    /** Its worker's last sign of life: the last heartbeat, or the start before the first. */
    public Instant lastSignOfLife() {
        return heartbeatAt != null ? heartbeatAt : startedAt;
    }

    public Long id() {
        return id;
    }

    public long batchId() {
        return batchId;
    }

    public Stage stage() {
        return stage;
    }

    public int attempt() {
        return attempt;
    }

    public String worker() {
        return worker;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The last sign of life of its worker while it ran; null before the first. */
    public Instant heartbeatAt() {
        return heartbeatAt;
    }

    /** Null while it runs. */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** Null while it runs. */
    public TaskOutcome outcome() {
        return outcome;
    }

    public String error() {
        return error;
    }
}
