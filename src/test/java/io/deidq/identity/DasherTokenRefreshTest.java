package io.deidq.identity;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.deidq.identity.DasherFixture.oneStudy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An access token DASHER refuses (401) is refreshed through token_uri, written back, and the call sent once more. */
class DasherTokenRefreshTest extends DasherTest {

    @Test
    void anExpiredTokenIsRefreshedWrittenBackOwnerOnlyAndTheCallSentOnceMore() throws Exception {
        DasherIdentityService service = dasher.service();
        Object inodeBefore = Files.getAttribute(dasher.secrets, "unix:ino");
        dasher.server.expireAccessToken();

        IdentityResponse response = service.identify("test", oneStudy());

        assertThat(response.results()).singleElement().satisfies(entity -> {
            assertThat(entity.suid()).isEqualTo("S" + DasherFixture.PATIENT);
            assertThat(entity.items()).singleElement().extracting(IdentityResponse.ItemResult::suid).isEqualTo("IACC1");
        });
        assertThat(dasher.server.received()).extracting(DasherFakeServer.Received::authorization)
                .containsExactly("Bearer tok-access-1", "Bearer tok-access-2");
        assertThat(dasher.server.tokenReceived()).singleElement().satisfies(refresh -> {
            assertThat(refresh.body().toString()).isEqualTo("{\"refreshToken\":\"tok-refresh-1\"}");
            assertThat(refresh.contentType()).isEqualTo("application/json");
            assertThat(refresh.authorization()).as("the refresh carries no bearer token").isNull();
        });

        JsonNode onDisk = dasher.secretsOnDisk();
        assertThat(onDisk.get("accessToken").asText()).isEqualTo("tok-access-2");
        assertThat(onDisk.get("refreshToken").asText()).isEqualTo("tok-refresh-2");
        assertThat(onDisk.get("token_uri").asText()).isEqualTo(dasher.server.tokenUri().toString());
        assertThat(onDisk.get("client_id").asText()).isEqualTo("deidq@example.org");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dasher.secrets))).isEqualTo("rw-------");
        assertThat(Files.getAttribute(dasher.secrets, "unix:ino")).as("a new file renamed over the old one").isNotEqualTo(inodeBefore);
        try (Stream<Path> files = Files.list(dasher.secrets.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(dasher.secrets);
        }
        assertThat(log.messages(Level.WARN)).anyMatch(message -> message.contains("refreshing it through"));

        service.identify("test", oneStudy());
        assertThat(dasher.server.tokenRequests()).as("the new token serves the next calls").isEqualTo(1);
    }

    @Test
    void callsRefusedTogetherRefreshOnce() throws Exception {
        DasherIdentityService service = dasher.service();
        dasher.server.expireAccessToken();
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IdentityResponse>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return service.identify("test", oneStudy());
                }));
            }
            start.countDown();
            for (Future<IdentityResponse> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS).results()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dasher.server.tokenRequests()).isEqualTo(1);
        assertThat(dasher.secretsOnDisk().get("accessToken").asText()).isEqualTo("tok-access-2");
    }

    @Test
    void aRefusedRefreshIsAClearErrorThatWaitsForAPerson() throws Exception {
        DasherIdentityService service = dasher.service();
        byte[] before = Files.readAllBytes(dasher.secrets);
        dasher.server.expireAccessToken();
        dasher.server.failRefreshWith(401);

        IdentityException failure = catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);

        assertThat(failure.retryable()).as("an expired refresh token needs new tokens from a person").isFalse();
        assertThat(failure).hasMessageContaining("refused to refresh the access token")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining(dasher.secrets.toString())
                .hasMessageContaining("DEIDQ_CLIENT_SECRETS");
        DasherLogCapture.assertNoTokenIn(failure);
        assertThat(dasher.server.uidRequests()).as("not sent again with the refused token").isEqualTo(1);
        assertThat(dasher.server.tokenRequests()).as("not retried").isEqualTo(1);
        assertThat(Files.readAllBytes(dasher.secrets)).as("the file is left as it was").isEqualTo(before);
    }

    @Test
    void aTokenUriThatFailsOnItsSideIsRetriedLikeDasher() throws Exception {
        dasher.settings.maxAttempts = 2;
        DasherIdentityService service = dasher.service();
        dasher.server.expireAccessToken();
        dasher.server.failRefreshWith(503);

        IdentityException failure = catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("token URI").hasMessageContaining("HTTP 503").hasMessageContaining("after 2 attempts");
        assertThat(dasher.server.tokenRequests()).isEqualTo(2);
        DasherLogCapture.assertNoTokenIn(failure);
    }

    @Test
    void aRefreshedTokenRefusedTooIsNotRetried() throws Exception {
        DasherIdentityService service = dasher.service();
        dasher.server.respond((n, request) -> DasherFakeServer.Reply.json(401, "{}"));

        IdentityException failure = catchThrowableOfType(() -> service.identify("test", oneStudy()), IdentityException.class);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("refused the access token again");
        assertThat(dasher.server.uidRequests()).as("once, and once more after the refresh").isEqualTo(2);
        assertThat(dasher.server.tokenRequests()).isEqualTo(1);
        DasherLogCapture.assertNoTokenIn(failure);
    }

    @Test
    void tokensAPersonPutInTheFileAreTakenWithoutARefresh() throws Exception {
        DasherIdentityService service = dasher.service();
        String replaced = Files.readString(dasher.secrets).replace("tok-access-1", "tok-access-new").replace("tok-refresh-1", "tok-refresh-new");
        Files.writeString(dasher.secrets, replaced);
        dasher.server.acceptOnly("tok-access-new");

        service.identify("test", oneStudy());

        assertThat(dasher.server.tokenRequests()).isZero();
        assertThat(dasher.server.received()).extracting(DasherFakeServer.Received::authorization)
                .containsExactly("Bearer tok-access-1", "Bearer tok-access-new");
    }

    @Test
    void newTokensTheFileCannotTakeAreLoggedAsAnErrorAndUsedAllTheSame() throws Exception {
        DasherIdentityService service = dasher.service();
        dasher.server.expireAccessToken();
        dasher.server.beforeRefreshAnswer(() -> {
            try {
                Files.delete(dasher.secrets);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(service.identify("test", oneStudy()).results()).hasSize(1);

        assertThat(dasher.server.received()).extracting(DasherFakeServer.Received::authorization)
                .containsExactly("Bearer tok-access-1", "Bearer tok-access-2");
        assertThat(log.messages(Level.ERROR)).singleElement().asString()
                .contains("cannot read the DASHER secrets file " + dasher.secrets)
                .contains("this process goes on with the new tokens");
    }

    @Test
    void aReaderOfTheSecretsFileNeverMeetsHalfOfIt() throws Exception {
        DasherIdentityService service = dasher.service();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> torn = new AtomicReference<>();
        ObjectMapper json = new ObjectMapper();
        Thread reader = new Thread(() -> {
            while (!done.get() && torn.get() == null) {
                try {
                    JsonNode secrets = json.readTree(Files.readAllBytes(dasher.secrets));
                    String access = secrets.get("accessToken").asText().replace("tok-access-", "");
                    String refresh = secrets.get("refreshToken").asText().replace("tok-refresh-", "");
                    if (!access.equals(refresh) || !secrets.has("token_uri")) {
                        torn.set("tokens of different refreshes, or keys lost, in read " + reads.get());
                    }
                    reads.incrementAndGet();
                } catch (Exception e) {
                    torn.set(e.getClass().getName() + " in read " + reads.get());
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 25 && torn.get() == null; i++) {
                dasher.server.expireAccessToken();
                service.identify("test", oneStudy());
            }
        } finally {
            done.set(true);
            reader.join(30_000);
        }
        assertThat(torn.get()).isNull();
        assertThat(reads.get()).as("the reader read the file").isPositive();
        assertThat(dasher.server.tokenRequests()).isEqualTo(25);
        assertThat(dasher.secretsOnDisk().get("accessToken").asText()).isEqualTo("tok-access-26");
    }
}
