package io.deidq.pipeline;

import io.deidq.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Checks, every {@code deidq.broker.embedded.watch-interval}, that the embedded broker still takes
 * connections, and starts it again when it does not ({@link EmbeddedBroker#restartIfDeaf()}); the
 * listeners reconnect by themselves. Without it, a broker that closed its port would leave every
 * batch QUEUED until the process restarts.
 */
final class EmbeddedBrokerWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBrokerWatch.class);

    private final PeriodicTask periodic;

    EmbeddedBrokerWatch(EmbeddedBroker broker, Duration interval) {
        periodic = new PeriodicTask("deidq-broker-watch", interval, interval, () -> watch(broker));
        periodic.start();
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
        periodic.stop();
    }
}
