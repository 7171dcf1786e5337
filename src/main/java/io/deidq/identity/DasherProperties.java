package io.deidq.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The DASHER client ({@code deidq.identity.service=dasher}; config/README.md, "DASHER client",
 * documents each). The defaults live in application.yml; they are checked only when the DASHER
 * client starts, so that the embedded mode never fails over settings it does not use.
 *
 * @param baseUrl           DASHER's API base, to which {@code /v1/uid/{study}} is appended
 * @param study             the study named when the caller names none
 * @param connectTimeout    how long connecting to DASHER (or to the token URI) may take
 * @param requestTimeout    how long one HTTP request may wait for its answer
 * @param maxItemsPerEntity no entity carries more items in one call (DASHER takes at most 1,000)
 * @param maxItemsPerCall   no call carries more items in all, its entities together
 * @param retry             retries of calls that failed on DASHER's side (5xx, I/O, timeouts)
 * @param circuitBreaker    stops calling DASHER for a while once too many calls fail
 * @param rateLimiter       caps the calls this process makes per period
 */
@ConfigurationProperties(prefix = "deidq.identity.dasher")
public record DasherProperties(String baseUrl, String study, Duration connectTimeout, Duration requestTimeout,
                               int maxItemsPerEntity, int maxItemsPerCall, RetrySettings retry,
                               BreakerSettings circuitBreaker, LimiterSettings rateLimiter) {

    private static final String PREFIX = "deidq.identity.dasher.";

    /**
     * @param maxAttempts       attempts in all, the first included
     * @param initialBackoff    the wait before the second attempt
     * @param backoffMultiplier each further wait is this many times the one before
     * @param maxBackoff        no wait is longer
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, double backoffMultiplier, Duration maxBackoff) {
    }

    /**
     * @param failureRateThreshold          the percentage of failed calls, in the window, that opens the breaker
     * @param slidingWindowSize             how many of the latest calls the rate is taken over
     * @param minimumNumberOfCalls          calls needed before the rate counts
     * @param waitInOpenState               how long an open breaker refuses calls before it lets a few through
     * @param permittedCallsInHalfOpenState the calls let through then, whose outcome closes or reopens it
     */
    public record BreakerSettings(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                  Duration waitInOpenState, int permittedCallsInHalfOpenState) {
    }

    /**
     * @param limitForPeriod calls allowed per period
     * @param refreshPeriod  the period
     * @param timeout        how long a call waits for a permit before it is refused
     */
    public record LimiterSettings(int limitForPeriod, Duration refreshPeriod, Duration timeout) {
    }

    /** DASHER's {@code /v1/uid} endpoint under {@link #baseUrl}; fails with the property's name when it is unusable. */
    URI uidEndpoint() {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException(PREFIX + "base-url is not set: the DASHER client needs DASHER's API base"
                    + " (e.g. https://dasher.example.org/identifiers/api; environment DEIDQ_DASHER_BASE_URL)");
        }
        URI base;
        try {
            base = new URI(baseUrl.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(PREFIX + "base-url is not a URL: " + e.getMessage(), e);
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || base.getHost() == null) {
            throw new IllegalStateException(PREFIX + "base-url must be an absolute http or https URL, not " + baseUrl);
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return base.resolve(path + "/v1/uid/");
    }

    /** Fails, naming the property, on the first setting that cannot work. */
    void check() {
        uidEndpoint();
        if (study == null || !DasherIdentityService.STUDY.matcher(study).matches()) {
            throw new IllegalStateException(PREFIX + "study must be letters, digits, '_' or '-', not '" + study + "'");
        }
        positive("connect-timeout", connectTimeout);
        positive("request-timeout", requestTimeout);
        atLeastOne("max-items-per-entity", maxItemsPerEntity);
        atLeastOne("max-items-per-call", maxItemsPerCall);
        if (retry == null || circuitBreaker == null || rateLimiter == null) {
            throw new IllegalStateException(PREFIX + "retry, circuit-breaker and rate-limiter must all be set");
        }
        atLeastOne("retry.max-attempts", retry.maxAttempts());
        positive("retry.initial-backoff", retry.initialBackoff());
        positive("retry.max-backoff", retry.maxBackoff());
        if (!(retry.backoffMultiplier() >= 1)) {
            throw new IllegalStateException(PREFIX + "retry.backoff-multiplier must be at least 1, not " + retry.backoffMultiplier());
        }
        if (!(circuitBreaker.failureRateThreshold() > 0 && circuitBreaker.failureRateThreshold() <= 100)) {
            throw new IllegalStateException(PREFIX + "circuit-breaker.failure-rate-threshold must be a percentage above 0, not "
                    + circuitBreaker.failureRateThreshold());
        }
        atLeastOne("circuit-breaker.sliding-window-size", circuitBreaker.slidingWindowSize());
        atLeastOne("circuit-breaker.minimum-number-of-calls", circuitBreaker.minimumNumberOfCalls());
        positive("circuit-breaker.wait-in-open-state", circuitBreaker.waitInOpenState());
        atLeastOne("circuit-breaker.permitted-calls-in-half-open-state", circuitBreaker.permittedCallsInHalfOpenState());
        atLeastOne("rate-limiter.limit-for-period", rateLimiter.limitForPeriod());
        positive("rate-limiter.refresh-period", rateLimiter.refreshPeriod());
        if (rateLimiter.timeout() == null || rateLimiter.timeout().isNegative()) {
            throw new IllegalStateException(PREFIX + "rate-limiter.timeout must be set, 0 or more");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalStateException(PREFIX + name + " must be a positive duration, not " + value);
        }
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalStateException(PREFIX + name + " must be at least 1, not " + value);
        }
    }
}
