package io.deidq;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own, first after {@code initialDelay} and then
 * {@code period} after each run ends, from {@link #start()} until {@link #stop()}; what the
 * batch closer, the sweeper and the embedded broker's watch each do periodically. The task
 * handles its own failures: one that throws is not run again.
 */
public final class PeriodicTask {

    private final String threadName;
    private final Duration initialDelay;
    private final Duration period;
    private final Runnable task;
    private ScheduledExecutorService scheduler;

    public PeriodicTask(String threadName, Duration initialDelay, Duration period, Runnable task) {
        this.threadName = threadName;
        this.initialDelay = initialDelay;
        this.period = period;
        this.task = task;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** No run starts after it; a run under way is given up to 30 s to end. */
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = scheduler;
            scheduler = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            stopping.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean running() {
        return scheduler != null;
    }
}
