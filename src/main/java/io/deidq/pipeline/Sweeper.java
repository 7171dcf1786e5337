package io.deidq.pipeline;

import io.deidq.PeriodicTask;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.TaskRunRepository;
import io.deidq.pipeline.stage.BatchRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What a worker mends every {@code deidq.worker.sweep-interval}, for every worker that died:
 * <ul>
 * <li>runs not finished whose worker gave no sign of life (heartbeat, or start) for the stage
 * timeout are abandoned, and their attempt counts as failed ({@link StageRuns#abandon});</li>
 * <li>QUEUED batches unchanged for the stage timeout whose message is neither waiting in the
 * outbox nor published within the stage timeout have lost it (a broker or a worker that died
 * holding it), and their stage is queued again, the same attempt ({@link StageRuns#requeue});
 * after the embedded broker started (empty), every QUEUED batch whose message was published
 * before is queued again at once;</li>
 * <li>DONE batches finished longer than the spool retention ago have their files released
 * ({@link BatchRelease}).</li>
 * </ul>
 * Several workers may sweep one database at once: runs are finished under their row lock, batches
 * change under their optimistic lock, and a sweeper that loses skips the batch.
 */
public final class Sweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    /** QUEUED batches unchanged since the cutoff whose stage is neither waiting in the outbox nor published since the cutoff. */
    private static final String LOST = """
            select b.id from batch b where b.state = 'QUEUED' and b.updated_at < ?
            and not exists (select 1 from outbox o where o.batch_id = b.id and (o.published_at is null or o.published_at >= ?))
            order by b.id
            """;

    private final StageRuns stageRuns;
    private final TaskRunRepository runs;
    private final BatchRepository batches;
    private final JdbcTemplate jdbc;
    private final BatchRelease release;
    private final WorkerProperties settings;
    private final ObjectProvider<EmbeddedBroker> embeddedBroker;
    private final Clock clock;
    private Instant brokerStartSwept;
    private final PeriodicTask periodic;

    public Sweeper(StageRuns stageRuns, TaskRunRepository runs, BatchRepository batches, JdbcTemplate jdbc, BatchRelease release,
                   WorkerProperties settings, ObjectProvider<EmbeddedBroker> embeddedBroker, Clock clock) {
        this.stageRuns = stageRuns;
        this.runs = runs;
        this.batches = batches;
        this.jdbc = jdbc;
        this.release = release;
        this.settings = settings;
        this.embeddedBroker = embeddedBroker;
        this.clock = clock;
        this.periodic = new PeriodicTask("deidq-sweeper", Duration.ZERO, settings.sweepInterval(), this::sweepLoggingFailures);
    }

    /** What one sweep did. */
    public record Sweep(int abandoned, int requeued, int released) {
    }

    /** One sweep; each part that fails is logged and tried again at the next. */
    public synchronized Sweep sweep() {
        Instant now = clock.instant();
        Instant quietSince = now.minus(settings.stageTimeout());
        int abandoned = part("abandon silent runs", () -> abandonSilentRuns(quietSince));
        int requeued = part("queue lost stages again", () -> requeueAfterBrokerStart() + requeueLost(quietSince));
        int released = part("release done batches", () -> releaseDone(now.minus(settings.spoolRetention())));
        if (abandoned + requeued + released > 0) {
            log.info("sweep: {} runs abandoned, {} stages queued again, {} batches released", abandoned, requeued, released);
        }
        return new Sweep(abandoned, requeued, released);
    }

    private int abandonSilentRuns(Instant quietSince) {
        int abandoned = 0;
        for (long run : runs.findUnfinishedQuietSince(quietSince)) {
            if (skippingLost(() -> stageRuns.abandon(run, quietSince))) {
                abandoned++;
            }
        }
        return abandoned;
    }

    /** Once per start of the embedded broker: whatever was published before it started is gone. */
    private int requeueAfterBrokerStart() {
        EmbeddedBroker broker = embeddedBroker.getIfAvailable();
        Instant started = broker == null ? null : broker.startedAt();
        if (started == null || Objects.equals(started, brokerStartSwept)) {
            return 0;
        }
        int requeued = requeueLost(started);
        brokerStartSwept = started;
        return requeued;
    }

    private int requeueLost(Instant quietSince) {
        Timestamp cutoff = Timestamp.from(quietSince);
        List<Long> lost = jdbc.queryForList(LOST, Long.class, cutoff, cutoff);
        int requeued = 0;
        for (long batch : lost) {
            if (skippingLost(() -> stageRuns.requeue(batch, quietSince))) {
                requeued++;
            }
        }
        return requeued;
    }

    private int releaseDone(Instant finishedBefore) {
        int released = 0;
        for (long batch : batches.findUnreleasedDoneBefore(finishedBefore)) {
            try {
                if (release.release(batch)) {
                    released++;
                }
            } catch (OptimisticLockingFailureException another) {
                log.debug("batch {} was released by another worker", batch);
            } catch (IOException e) {
                // The message names files under the spool and staging directories, named by random and row ids only.
                log.warn("batch {}: its files cannot be released ({}); trying again at the next sweep", batch, e.toString());
            }
        }
        return released;
    }

    /** True when the step changed the batch; false when there was nothing to do or another worker changed it first. */
    private static boolean skippingLost(BooleanSupplier step) {
        try {
            return step.getAsBoolean();
        } catch (OptimisticLockingFailureException another) {
            log.debug("a batch changed while being swept; another worker has it", another);
            return false;
        }
    }

    private int part(String what, IntSupplier part) {
        try {
            return part.getAsInt();
        } catch (DataAccessException e) {
            // The database's message may quote values: DEBUG only.
            log.warn("sweep: cannot {} ({}); trying again in {}", what, e.getClass().getSimpleName(), settings.sweepInterval());
            log.debug("sweep: cannot {}", what, e);
            return 0;
        }
    }

    /** Sweeps at once, so that a worker's start mends what the last one left, then every sweep interval. */
    @Override
    public void start() {
        periodic.start();
    }

    /** A sweep that throws otherwise (a bug) is logged, and the next one still runs. */
    private void sweepLoggingFailures() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("sweep failed ({}); trying again in {}", e.getClass().getSimpleName(), settings.sweepInterval());
            log.debug("sweep failed", e);
        }
    }

    @Override
    public void stop() {
        periodic.stop();
    }

    @Override
    public boolean isRunning() {
        return periodic.running();
    }
}
