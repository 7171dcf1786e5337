package io.deidq.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeats of a worker's running stages, from one scheduler thread: every
 * {@code deidq.worker.heartbeat-interval} while a stage's work runs, its TaskRun's heartbeat_at is
 * written in a transaction of its own ({@link StageRuns#heartbeat}), so that the sweeper tells a
 * long stage from a dead worker. A heartbeat that fails is logged and the next one tried; one that
 * finds its run finished (abandoned by a sweeper) stops.
 */
public final class StageHeartbeats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageHeartbeats.class);

    private final StageRuns runs;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    public StageHeartbeats(StageRuns runs, Duration interval) {
        this.runs = runs;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "deidq-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Heartbeats for the run of {@code task} until the returned heartbeat is closed. */
    public Heartbeat start(StageTask task) {
        Beat beat = new Beat(task);
        beat.future = scheduler.scheduleWithFixedDelay(beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> beat.future.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The heartbeat of one run; closing it stops it. */
    public interface Heartbeat extends AutoCloseable {
        @Override
        void close();
    }

    private final class Beat implements Runnable {
        private final StageTask task;
        private volatile ScheduledFuture<?> future;

        Beat(StageTask task) {
            this.task = task;
        }

        @Override
        public void run() {
            try {
                if (!runs.heartbeat(task.taskRunId())) {
                    log.info("batch {}: {} attempt {} was abandoned while its worker was alive; its result will be dropped",
                            task.batchId(), task.stage().queueName(), task.attempt());
                    future.cancel(false);
                }
            } catch (RuntimeException e) {
                // The database's message may quote values: DEBUG only.
                log.warn("batch {}: the heartbeat of {} attempt {} failed ({}); trying again in {}", task.batchId(),
                        task.stage().queueName(), task.attempt(), e.getClass().getSimpleName(), interval);
                log.debug("heartbeat failed", e);
            }
        }
    }
}
