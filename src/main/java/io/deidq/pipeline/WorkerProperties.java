package io.deidq.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How a worker consumes its stage queues (config/README.md, "Broker and queues").
 *
 * @param concurrency      consumers per stage queue, each on a thread of its own
 * @param prefetch         unacknowledged messages the broker hands each consumer at once
 * @param recoveryInterval how long a consumer waits before it reconnects to a broker that went away
 */
@ConfigurationProperties(prefix = "deidq.worker")
public record WorkerProperties(int concurrency, int prefetch, Duration recoveryInterval) {

    public WorkerProperties {
        if (concurrency == 0) {
            concurrency = 2;
        }
        if (prefetch == 0) {
            prefetch = 1;
        }
        if (recoveryInterval == null) {
            recoveryInterval = Duration.ofSeconds(2);
        }
        if (concurrency < 0 || prefetch < 0) {
            throw new IllegalArgumentException("deidq.worker.concurrency and deidq.worker.prefetch must be positive");
        }
    }
}
