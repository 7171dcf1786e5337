package io.deidq.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Batch assembly and closing (config/README.md, "Batches", documents each).
 *
 * @param key          what images are grouped by
 * @param quietPeriod  a batch closes no sooner than this after its last image
 * @param closePeriod  how often a receiver looks for batches to close
 */
@ConfigurationProperties(prefix = "deidq.batch")
public record BatchProperties(BatchKeyKind key, Duration quietPeriod, Duration closePeriod) {

    public BatchProperties {
        if (key == null) {
            key = BatchKeyKind.ACCESSION_NUMBER;
        }
        if (quietPeriod == null) {
            quietPeriod = Duration.ofSeconds(30);
        }
        if (closePeriod == null) {
            closePeriod = Duration.ofSeconds(1);
        }
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("deidq.batch.quiet-period must not be negative");
        }
        if (closePeriod.isNegative() || closePeriod.isZero()) {
            throw new IllegalArgumentException("deidq.batch.close-period must be positive");
        }
    }
}
