package io.deidq.identity;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.time.Duration;

import static io.deidq.identity.DasherFixture.oneStudy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Retry with backoff on DASHER's failures, the circuit breaker, the rate limiter and the request timeout. */
class DasherResilienceTest extends DasherTest {

    @Test
    void fiveHundredsAreRetriedWithGrowingBackoffUntilAnAnswer() throws Exception {
        dasher.settings.maxAttempts = 4;
        dasher.settings.initialBackoff = Duration.ofMillis(10);
        dasher.settings.maxBackoff = Duration.ofMillis(100);
        dasher.server.respond((n, request) -> n <= 3 ? DasherFakeServer.Reply.json(500 + n, "{}") : DasherFakeServer.answer(request));

        IdentityResponse response = dasher.service().identify("test", oneStudy());

        assertThat(response.results()).singleElement().extracting(IdentityResponse.EntityResult::suid).isEqualTo("S" + DasherFixture.PATIENT);
        assertThat(dasher.server.uidRequests()).isEqualTo(4);
        assertThat(log.messages(Level.WARN).stream().filter(message -> message.startsWith("DASHER call failed")))
                .containsExactly(
                        "DASHER call failed (attempt 1 of 4), trying again in 10 ms: DASHER (" + uid() + ") answered HTTP 501",
                        "DASHER call failed (attempt 2 of 4), trying again in 20 ms: DASHER (" + uid() + ") answered HTTP 502",
                        "DASHER call failed (attempt 3 of 4), trying again in 40 ms: DASHER (" + uid() + ") answered HTTP 503");
    }

    @Test
    void afterTheLastAttemptTheCircuitOpensAndLaterCallsFailWithoutReachingDasher() throws Exception {
        dasher.settings.maxAttempts = 3;
        dasher.settings.slidingWindowSize = 3;
        dasher.settings.minimumNumberOfCalls = 3;
        dasher.server.respond((n, request) -> DasherFakeServer.Reply.json(503, "{}"));
        DasherIdentityService service = dasher.service();

        IdentityException exhausted = catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);

        assertThat(exhausted.retryable()).isTrue();
        assertThat(exhausted).hasMessageContaining("HTTP 503").hasMessageContaining("gave up after 3 attempts");
        assertThat(dasher.server.uidRequests()).isEqualTo(3);

        for (int i = 0; i < 3; i++) {
            IdentityException open = catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);
            assertThat(open.retryable()).isTrue();
            assertThat(open).hasMessageContaining("circuit breaker is open");
            DasherLogCapture.assertNoTokenIn(open);
        }
        assertThat(dasher.server.uidRequests()).as("nothing reached DASHER while the circuit was open").isEqualTo(3);
        assertThat(log.messages(Level.WARN)).anyMatch(message -> message.equals("DASHER circuit breaker now OPEN (was CLOSED)"));
    }

    @Test
    void anOpenCircuitLetsACallThroughAfterItsWaitAndClosesWhenItSucceeds() throws Exception {
        dasher.settings.maxAttempts = 1;
        dasher.settings.slidingWindowSize = 2;
        dasher.settings.minimumNumberOfCalls = 2;
        dasher.settings.waitInOpenState = Duration.ofMillis(200);
        dasher.server.respond((n, request) -> n <= 2 ? DasherFakeServer.Reply.json(500, "{}") : DasherFakeServer.answer(request));
        DasherIdentityService service = dasher.service();
        for (int i = 0; i < 2; i++) {
            catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);
        }
        assertThat(catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class))
                .hasMessageContaining("circuit breaker is open");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .ignoreException(IdentityException.class).untilAsserted(() ->
                assertThat(service.identify("test", oneStudy()).results()).hasSize(1));
        assertThat(dasher.server.uidRequests()).as("the two failures, then the one let through").isEqualTo(3);
        assertThat(log.messages(Level.WARN)).contains("DASHER circuit breaker now HALF_OPEN (was OPEN)",
                "DASHER circuit breaker now CLOSED (was HALF_OPEN)");
    }

    @Test
    void anAnswerLaterThanTheRequestTimeoutIsRetriedThenFails() throws Exception {
        dasher.settings.requestTimeout = Duration.ofMillis(300);
        dasher.settings.maxAttempts = 2;
        dasher.server.holdAnswers();

        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("test", oneStudy()), IdentityException.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("did not answer within 300 ms").hasMessageContaining("gave up after 2 attempts");
        assertThat(dasher.server.uidRequests()).isEqualTo(2);
    }

    @Test
    void anUnreachableDasherIsRetriedThenFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        dasher.settings.baseUrl = "http://127.0.0.1:" + closedPort + "/api";
        dasher.settings.maxAttempts = 2;

        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("test", oneStudy()), IdentityException.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("cannot reach DASHER").hasMessageContaining("gave up after 2 attempts");
        assertThat(log.messages(Level.WARN)).filteredOn(message -> message.startsWith("DASHER call failed")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 422})
    void aRejectedRequestIsNotRetriedAndDoesNotOpenTheCircuit(int status) throws Exception {
        dasher.settings.slidingWindowSize = 2;
        dasher.settings.minimumNumberOfCalls = 2;
        dasher.server.respond((n, request) -> n <= 3
                ? DasherFakeServer.Reply.json(status, "{\"detail\": \"bad id " + DasherFixture.PATIENT + "\"}")
                : DasherFakeServer.answer(request));
        DasherIdentityService service = dasher.service();

        for (int i = 1; i <= 3; i++) {
            IdentityException failure = catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);
            assertThat(failure.retryable()).isFalse();
            assertThat(failure).hasMessageContaining("rejected the request: HTTP " + status)
                    .message().as("the answer, which may echo the patient id, is not quoted").doesNotContain(DasherFixture.PATIENT);
            assertThat(dasher.server.uidRequests()).as("not retried").isEqualTo(i);
        }
        assertThat(service.identify("test", oneStudy()).results()).as("the circuit stayed closed").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429})
    void aDasherAskingForLaterIsRetryableByTheStageButNotRetriedAtOnce(int status) throws Exception {
        dasher.server.respond((n, request) -> DasherFakeServer.Reply.json(status, "{}"));

        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("test", oneStudy()), IdentityException.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("HTTP " + status);
        assertThat(dasher.server.uidRequests()).isEqualTo(1);
    }

    @Test
    void beyondTheRateLimitACallIsRefusedWithoutReachingDasher() throws Exception {
        dasher.settings.limitForPeriod = 2;
        dasher.settings.refreshPeriod = Duration.ofHours(1);
        dasher.settings.limiterTimeout = Duration.ZERO;
        DasherIdentityService service = dasher.service();
        service.identify("test", oneStudy());
        service.identify("test", oneStudy());

        IdentityException refused = catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);

        assertThat(refused.retryable()).isTrue();
        assertThat(refused).hasMessageContaining("rate limit of 2 calls per 3600 s");
        assertThat(dasher.server.uidRequests()).isEqualTo(2);
    }

    @Test
    void eachCallOfASplitRequestTakesAPermit() throws Exception {
        dasher.settings.limitForPeriod = 2;
        dasher.settings.refreshPeriod = Duration.ofHours(1);
        dasher.settings.limiterTimeout = Duration.ZERO;
        dasher.settings.maxItemsPerEntity = 10;

        IdentityException refused = catchThrowableOfType(
                () -> dasher.service().identify("test", DasherFixture.request(DasherFixture.patient("P1", 25))), IdentityException.class);

        assertThat(refused).hasMessageContaining("call 3 of 3").hasMessageContaining("rate limit");
        assertThat(dasher.server.uidRequests()).isEqualTo(2);
    }

    @Test
    void withinItsTimeoutACallWaitsForTheNextPeriodInsteadOfBeingRefused() throws Exception {
        dasher.settings.limitForPeriod = 1;
        dasher.settings.refreshPeriod = Duration.ofMillis(100);
        dasher.settings.limiterTimeout = Duration.ofSeconds(30);
        DasherIdentityService service = dasher.service();

        for (int i = 0; i < 4; i++) {
            assertThat(service.identify("test", oneStudy()).results()).hasSize(1);
        }
        assertThat(dasher.server.uidRequests()).isEqualTo(4);
    }

    private String uid() {
        return dasher.server.base() + "/v1/uid/test";
    }
}
