package io.deidq.identity;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What stands between a call and DASHER, outermost first: the retry (only of
 * {@link DasherUnavailableException}: 5xx, I/O, timeouts; with exponential backoff), the circuit
 * breaker (each attempt counts; failures are DASHER's: unavailable or malformed answers, not
 * requests it rightly rejected), and the rate limiter (each attempt takes a permit, since each
 * reaches DASHER). An open breaker and a refused permit fail at once, retryable by the stage.
 */
final class DasherResilience {

    private static final Logger log = LoggerFactory.getLogger(DasherResilience.class);

    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final DasherProperties properties;

    DasherResilience(DasherProperties properties) {
        this.properties = properties;
        DasherProperties.RetrySettings retrying = properties.retry();
        retry = Retry.of("dasher", RetryConfig.custom()
                .maxAttempts(retrying.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retrying.initialBackoff(), retrying.backoffMultiplier(),
                        retrying.maxBackoff()))
                .retryOnException(DasherUnavailableException.class::isInstance)
                .build());
        DasherProperties.BreakerSettings breaking = properties.circuitBreaker();
        breaker = CircuitBreaker.of("dasher", CircuitBreakerConfig.custom()
                .failureRateThreshold(breaking.failureRateThreshold())
                .slidingWindowSize(breaking.slidingWindowSize())
                .minimumNumberOfCalls(breaking.minimumNumberOfCalls())
                .waitDurationInOpenState(breaking.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaking.permittedCallsInHalfOpenState())
                .recordException(e -> e instanceof IdentityException identity && identity.retryable())
                .ignoreException(e -> e instanceof RequestNotPermitted || e instanceof IdentityException identity && !identity.retryable())
                .build());
        DasherProperties.LimiterSettings limiting = properties.rateLimiter();
        limiter = RateLimiter.of("dasher", RateLimiterConfig.custom()
                .limitForPeriod(limiting.limitForPeriod())
                .limitRefreshPeriod(limiting.refreshPeriod())
                .timeoutDuration(limiting.timeout())
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("DASHER call failed (attempt {} of {}), trying again in {} ms: {}",
                event.getNumberOfRetryAttempts(), retrying.maxAttempts(), event.getWaitInterval().toMillis(),
                event.getLastThrowable().getMessage()));
        breaker.getEventPublisher().onStateTransition(event -> log.warn("DASHER circuit breaker now {} (was {})",
                event.getStateTransition().getToState(), event.getStateTransition().getFromState()));
    }

    <T> T call(CheckedSupplier<T> attempt) throws IdentityException {
        CheckedSupplier<T> guarded = Retry.decorateCheckedSupplier(retry,
                CircuitBreaker.decorateCheckedSupplier(breaker, RateLimiter.decorateCheckedSupplier(limiter, attempt)));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new IdentityException("DASHER is not called: its circuit breaker is open after repeated failures, for "
                    + readable(properties.circuitBreaker().waitInOpenState()) + " after it opened", true, e);
        } catch (RequestNotPermitted e) {
            DasherProperties.LimiterSettings limiting = properties.rateLimiter();
            throw new IdentityException("DASHER is not called: the rate limit of " + limiting.limitForPeriod() + " calls per "
                    + readable(limiting.refreshPeriod()) + " is reached, and no call was free within "
                    + readable(limiting.timeout()), true, e);
        } catch (DasherUnavailableException e) {
            throw new IdentityException(e.getMessage() + " (gave up after " + properties.retry().maxAttempts() + " attempts)", true, e);
        } catch (IdentityException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("unexpected failure calling DASHER", e);
        }
    }

    static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
