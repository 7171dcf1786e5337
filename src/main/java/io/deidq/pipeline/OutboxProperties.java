package io.deidq.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbox relay publishes queued stages (config/README.md, "Broker and queues").
 *
 * @param pollInterval   how often the relay looks for due rows when nothing nudged it
 * @param batchSize      rows claimed and published per transaction
 * @param confirmTimeout how long a publish waits for the broker's confirm before it counts as failed
 * @param maxBackoff     the longest wait between tries while the broker cannot be reached
 * @param retention      how long a published row is kept (to show what was sent) before it is deleted
 */
@ConfigurationProperties(prefix = "deidq.outbox")
public record OutboxProperties(Duration pollInterval, int batchSize, Duration confirmTimeout, Duration maxBackoff, Duration retention) {

    public OutboxProperties {
        pollInterval = positive(pollInterval, Duration.ofMillis(200), "poll-interval");
        confirmTimeout = positive(confirmTimeout, Duration.ofSeconds(10), "confirm-timeout");
        maxBackoff = positive(maxBackoff, Duration.ofSeconds(30), "max-backoff");
        if (retention == null) {
            retention = Duration.ofHours(1);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("deidq.outbox.retention must not be negative");
        }
        if (batchSize == 0) {
            batchSize = 100;
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("deidq.outbox.batch-size must be positive, not " + batchSize);
        }
    }

    private static Duration positive(Duration value, Duration otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("deidq.outbox." + name + " must be positive, not " + value);
        }
        return value;
    }
}
