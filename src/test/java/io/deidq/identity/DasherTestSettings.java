package io.deidq.identity;

import java.net.URI;
import java.time.Duration;

/**
 * DASHER client settings for tests: generous timeouts and limits (a loaded machine must not make
 * them trip), backoff of a few milliseconds, a breaker that stays closed; each test changes what
 * it tests.
 */
final class DasherTestSettings {

    String baseUrl;
    String study = "test";
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration requestTimeout = Duration.ofSeconds(30);
    int maxItemsPerEntity = 1000;
    int maxItemsPerCall = 1000;
    int maxAttempts = 3;
    Duration initialBackoff = Duration.ofMillis(5);
    double backoffMultiplier = 2;
    Duration maxBackoff = Duration.ofMillis(50);
    float failureRateThreshold = 50;
    int slidingWindowSize = 100;
    int minimumNumberOfCalls = 100;
    Duration waitInOpenState = Duration.ofHours(1);
    int permittedCallsInHalfOpenState = 1;
    int limitForPeriod = 10_000;
    Duration refreshPeriod = Duration.ofSeconds(1);
    Duration limiterTimeout = Duration.ofSeconds(30);

    DasherTestSettings(URI base) {
        baseUrl = base.toString();
    }

    DasherProperties properties() {
        return new DasherProperties(baseUrl, study, connectTimeout, requestTimeout, maxItemsPerEntity, maxItemsPerCall,
                new DasherProperties.RetrySettings(maxAttempts, initialBackoff, backoffMultiplier, maxBackoff),
                new DasherProperties.BreakerSettings(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitInOpenState,
                        permittedCallsInHalfOpenState),
                new DasherProperties.LimiterSettings(limitForPeriod, refreshPeriod, limiterTimeout));
    }
}
