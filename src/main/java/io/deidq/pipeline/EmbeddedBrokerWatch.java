package io.deidq.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks, every {@code deidq.broker.embedded.watch-interval}, that the embedded broker still takes
 * connections, and starts it again when it does not ({@link EmbeddedBroker#restartIfDeaf()}); the
 * listeners reconnect by themselves. Without it, a broker that closed its port would leave every
 * batch QUEUED until the process restarts.
 */
final class EmbeddedBrokerWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBrokerWatch.class);

    private final ScheduledExecutorService scheduler;

    EmbeddedBrokerWatch(EmbeddedBroker broker, Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "deidq-broker-watch");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> watch(broker), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void watch(EmbeddedBroker broker) {
        try {
            broker.restartIfDeaf();
        } catch (RuntimeException e) {
            log.warn("the embedded broker could not be started again ({}); trying again later", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
