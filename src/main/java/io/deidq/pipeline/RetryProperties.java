package io.deidq.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How a failed stage is tried again (config/README.md, "Broker and queues"): after the first
 * failure it waits {@code initialBackoff}, each later wait {@code multiplier} times the one before,
 * at most {@code maxBackoff}; after {@code maxAttempts} failed attempts the batch is FAILED with the
 * reason, for an operator to rerun.
 */
@ConfigurationProperties(prefix = "deidq.worker.retry")
public record RetryProperties(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public RetryProperties {
        if (maxAttempts == 0) {
            maxAttempts = 5;
        }
        if (initialBackoff == null) {
            initialBackoff = Duration.ofSeconds(10);
        }
        if (multiplier == 0) {
            multiplier = 2.0;
        }
        if (maxBackoff == null) {
            maxBackoff = Duration.ofMinutes(10);
        }
        if (maxAttempts < 1 || multiplier < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("deidq.worker.retry: max-attempts >= 1, multiplier >= 1, 0 <= initial-backoff <= max-backoff");
        }
    }

    /** The wait before attempt {@code next} (2 for the first retry). */
    public Duration backoffBefore(int next) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, next - 2);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
