package io.deidq.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.deidq.DeidqApplication;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchAssembly;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.Image;
import io.deidq.batch.ReceivedAssociation;
import io.deidq.batch.Stage;
import io.deidq.batch.TaskRun;
import io.deidq.batch.TaskRunRepository;
import io.deidq.testing.JsonHttp;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static io.deidq.testing.JsonHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Batches API over HTTP, every status code, on a process of role web alone (no worker: a rerun
 * batch stays QUEUED), H2 under the test's data directory. Batches are made by batch assembly and
 * moved through their state machine; no answer may hold their accession number or Study Instance UID.
 */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayName("Batches API (role web, H2)")
class BatchApiTest {

    static final String KEY = "batches-test-key-0123456789";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.roles", () -> "web");
        registry.add("deidq.api-keys", () -> KEY);
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    BatchAssembly assembly;

    @Autowired
    BatchRepository batches;

    @Autowired
    TaskRunRepository runs;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    private JsonHttp http;
    private final List<String> identifiers = new ArrayList<>();
    private final List<JsonHttp.Answer> answers = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    @BeforeEach
    void client() {
        http = new JsonHttp(rest);
    }

    @AfterEach
    void noAnswerHeldAnIdentifier() {
        assertThat(answers).isNotEmpty();
        for (JsonHttp.Answer answer : answers) {
            String body = answer.body().toString();
            for (String identifier : identifiers) {
                assertThat(body).as("an answer's body").doesNotContain(identifier);
            }
        }
    }

    @Test
    void aBatchIsShownWithItsTaskRunsAndItsVersionAsETag() {
        Batch failed = failedIn(Stage.IDENTIFY, 3);

        JsonHttp.Answer answer = get("/api/batches/" + failed.id());

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.headers().getETag()).isEqualTo("W/\"" + failed.version() + "\"");
        JsonNode body = answer.body();
        assertThat(body.fieldNames()).toIterable().containsExactly("id", "state", "stage", "attempt", "error", "created_at", "updated_at",
                "closed_at", "finished_at", "previous_batch_id", "image_count", "version", "task_runs");
        assertThat(body.path("id").asLong()).isEqualTo(failed.id());
        assertThat(body.path("state").asText()).isEqualTo("FAILED");
        assertThat(body.path("stage").asText()).isEqualTo("IDENTIFY");
        assertThat(body.path("attempt").asInt()).isEqualTo(1);
        assertThat(body.path("error").asText()).isEqualTo("identify: the identity service refused it");
        assertThat(Instant.parse(body.path("finished_at").asText())).isEqualTo(failed.finishedAt());
        assertThat(body.path("previous_batch_id").isNull()).isTrue();
        assertThat(body.path("image_count").asLong()).isEqualTo(3);
        assertThat(body.path("version").asLong()).isEqualTo(failed.version());
        assertThat(body.path("task_runs")).hasSize(3);
        JsonNode last = body.path("task_runs").get(2);
        assertThat(last.fieldNames()).toIterable().containsExactly("stage", "attempt", "worker", "started_at", "heartbeat_at", "finished_at",
                "outcome", "error");
        assertThat(last.path("stage").asText()).isEqualTo("IDENTIFY");
        assertThat(last.path("worker").asText()).isEqualTo("worker-test");
        assertThat(last.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(last.path("error").asText()).isEqualTo("identify: the identity service refused it");
        assertThat(body.path("task_runs").get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");

        JsonHttp.Answer unknown = get("/api/batches/" + (failed.id() + 1000));
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(parse("{\"detail\": \"no batch has the id " + (failed.id() + 1000) + "\"}"));
    }

    @Test
    void batchesAreListedNewestFirstByStateAPageAtATime() {
        Batch first = failedIn(Stage.CLEAN, 1);
        Batch queued = receiving(1);
        Batch second = failedIn(Stage.UPLOAD, 2);
        Batch third = failedIn(Stage.GET_IDENTIFIERS, 1);

        JsonHttp.Answer page = get("/api/batches?state=FAILED&_count=2");
        assertThat(page.code()).isEqualTo(200);
        assertThat(page.body().fieldNames()).toIterable().containsExactly("batches", "next_token");
        assertThat(ids(page)).containsExactly(third.id(), second.id());
        String token = page.body().path("next_token").asText();
        assertThat(token).isEqualTo(PageToken.of(second.id()));
        JsonNode shown = page.body().path("batches").get(1);
        assertThat(shown.fieldNames()).toIterable().containsExactly("id", "state", "stage", "attempt", "error", "created_at", "updated_at",
                "closed_at", "finished_at", "previous_batch_id", "image_count", "version");
        assertThat(shown.path("image_count").asLong()).isEqualTo(2);
        assertThat(shown.path("stage").asText()).isEqualTo("UPLOAD");

        JsonHttp.Answer next = get("/api/batches?state=FAILED&_count=2&_token=" + token);
        assertThat(ids(next)).startsWith(first.id()).doesNotContain(queued.id(), second.id(), third.id());

        JsonHttp.Answer all = get("/api/batches");
        assertThat(ids(all)).startsWith(third.id(), second.id(), queued.id(), first.id()).hasSizeLessThanOrEqualTo(BatchController.DEFAULT_LIMIT);
        assertThat(all.body().path("batches").get(2).path("state").asText()).isEqualTo("RECEIVING");
        assertThat(all.body().path("batches").get(2).path("stage").isNull()).isTrue();
        assertThat(get("/api/batches?_count=500").code()).isEqualTo(200);

        JsonHttp.Answer none = get("/api/batches?_token=" + PageToken.of(1));
        assertThat(none.code()).isEqualTo(200);
        assertThat(none.body()).isEqualTo(parse("{\"batches\": [], \"next_token\": null}"));
    }

    @Test
    void aListingWithABadParameterIs400() {
        assertThat(get("/api/batches?state=BROKEN").detail())
                .isEqualTo("state must be one of RECEIVING, QUEUED, RUNNING, DONE, FAILED, CANCELLED");
        for (String count : new String[]{"0", "501", "ten", "-1"}) {
            JsonHttp.Answer answer = get("/api/batches?_count=" + count);
            assertThat(answer.code()).as(count).isEqualTo(400);
            assertThat(answer.detail()).isEqualTo("_count must be a whole number from 1 to 500");
        }
        for (String token : new String[]{"x", "123", PageToken.of(1).substring(1), "YmVmb3JlOjA"}) {
            JsonHttp.Answer answer = get("/api/batches?_token=" + token);
            assertThat(answer.code()).as(token).isEqualTo(400);
            assertThat(answer.detail()).isEqualTo("_token must be the next_token of an earlier page");
        }
    }

    @Test
    void aRerunNeedsTheCurrentETagAndAnswersTheQueuedBatchWithItsNewOne() {
        Batch failed = failedIn(Stage.CLEAN, 2);
        String path = "/api/batches/" + failed.id() + "/rerun";
        String etag = get("/api/batches/" + failed.id()).headers().getETag();
        assertThat(etag).isEqualTo("W/\"" + failed.version() + "\"");

        JsonHttp.Answer withoutIfMatch = post(path, "{\"from\": \"failed-stage\"}", null);
        assertThat(withoutIfMatch.code()).isEqualTo(428);
        assertThat(withoutIfMatch.detail()).isEqualTo("If-Match is required to rerun batch " + failed.id()
                + ": send the ETag that GET /api/batches/" + failed.id() + " answered, as W/\"<version>\"");

        JsonHttp.Answer stale = post(path, "{\"from\": \"failed-stage\"}", "W/\"" + (failed.version() - 1) + "\"");
        assertThat(stale.code()).isEqualTo(412);
        assertThat(stale.headers().getETag()).isEqualTo(etag);
        assertThat(stale.detail()).isEqualTo("batch " + failed.id() + " is at version " + failed.version() + ", not " + (failed.version() - 1)
                + ": it changed since it was read (it is FAILED now); read it again");
        JsonHttp.Answer notATag = post(path, "{\"from\": \"failed-stage\"}", "*");
        assertThat(notATag.code()).isEqualTo(412);
        assertThat(notATag.detail()).startsWith("If-Match * is not an ETag of batch " + failed.id() + ", which is " + etag);

        JsonHttp.Answer rerun = post(path, "{\"from\": \"failed-stage\"}", etag);
        assertThat(rerun.code()).isEqualTo(202);
        String newETag = rerun.headers().getETag();
        assertThat(newETag).isNotEqualTo(etag).isEqualTo("W/\"" + rerun.body().path("version").asLong() + "\"");
        assertThat(rerun.body().path("state").asText()).isEqualTo("QUEUED");
        assertThat(rerun.body().path("stage").asText()).isEqualTo("CLEAN");
        assertThat(rerun.body().path("attempt").asInt()).isEqualTo(1);
        assertThat(rerun.body().path("error").isNull()).isTrue();
        assertThat(rerun.body().path("task_runs")).hasSize(5);
        assertThat(get("/api/batches/" + failed.id()).headers().getETag()).isEqualTo(newETag);
        assertThat(jdbc.queryForList("select stage from outbox where batch_id = ?", String.class, failed.id())).containsExactly("clean");

        assertThat(post(path, "{\"from\": \"failed-stage\"}", etag).code()).as("the old ETag").isEqualTo(412);
        JsonHttp.Answer notFailed = post(path, "{\"from\": \"start\"}", newETag);
        assertThat(notFailed.code()).isEqualTo(409);
        assertThat(notFailed.detail()).isEqualTo("batch " + failed.id() + " is QUEUED (CLEAN, attempt 1): it cannot be rerun");
    }

    @Test
    void aRerunFromTheStartQueuesGetIdentifiers() {
        Batch failed = failedIn(Stage.UPLOAD, 1);
        JsonHttp.Answer rerun = post("/api/batches/" + failed.id() + "/rerun", "{\"from\": \"start\"}", "\"" + failed.version() + "\"");
        assertThat(rerun.code()).isEqualTo(202);
        assertThat(rerun.body().path("stage").asText()).isEqualTo("GET_IDENTIFIERS");
        assertThat(jdbc.queryForList("select stage from outbox where batch_id = ?", String.class, failed.id()))
                .containsExactly("get-identifiers");
    }

    @Test
    void aRerunWithABadBodyIs400AndOfAnUnknownBatch404() {
        Batch failed = failedIn(Stage.IDENTIFY, 1);
        String path = "/api/batches/" + failed.id() + "/rerun";
        String etag = "W/\"" + failed.version() + "\"";
        String[][] bad = {
                {"{\"from\": \"failed-stage\"", "the request body is not valid JSON"},
                {"", "the request body is missing or unreadable"},
                {"[\"start\"]", "the request body must be a JSON object: {\"from\": \"failed-stage\"} or {\"from\": \"start\"}"},
                {"{}", "from is missing: \"failed-stage\" or \"start\""},
                {"{\"from\": \"beginning\"}", "from must be \"failed-stage\" or \"start\""},
                {"{\"from\": 1}", "from must be \"failed-stage\" or \"start\""},
                {"{\"from\": \"start\", \"force\": true}", "force is not a field of this request; its only field is from"},
        };
        for (String[] body : bad) {
            JsonHttp.Answer answer = post(path, body[0], etag);
            assertThat(answer.code()).as(body[0]).isEqualTo(400);
            assertThat(answer.detail()).as(body[0]).isEqualTo(body[1]);
        }
        assertThat(batches.findById(failed.id()).orElseThrow().version()).isEqualTo(failed.version());

        long unknown = failed.id() + 1000;
        JsonHttp.Answer missing = post("/api/batches/" + unknown + "/rerun", "{\"from\": \"start\"}", "W/\"0\"");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("no batch has the id " + unknown);
    }

    @Test
    void aFailedOrQueuedBatchIsCancelledOnItsETagAndNothingElse() {
        Batch failed = failedIn(Stage.UPDATE, 1);
        Batch open = receiving(1);
        String path = "/api/batches/" + failed.id() + "/cancel";

        assertThat(post(path, null, null).code()).isEqualTo(428);
        assertThat(post(path, null, "W/\"" + (failed.version() + 1) + "\"").code()).isEqualTo(412);
        JsonHttp.Answer cancelled = post(path, null, "W/\"" + failed.version() + "\"");
        assertThat(cancelled.code()).isEqualTo(202);
        assertThat(cancelled.body().path("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.headers().getETag()).isNotEqualTo("W/\"" + failed.version() + "\"");

        JsonHttp.Answer again = post(path, null, cancelled.headers().getETag());
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.detail()).isEqualTo("batch " + failed.id() + " is CANCELLED (UPDATE, attempt 1): it cannot be cancelled");
        JsonHttp.Answer receiving = post("/api/batches/" + open.id() + "/cancel", null, "W/\"" + open.version() + "\"");
        assertThat(receiving.code()).isEqualTo(409);
        assertThat(receiving.detail()).isEqualTo("batch " + open.id() + " is RECEIVING: it cannot be cancelled");
        assertThat(post("/api/batches/" + (open.id() + 1000) + "/cancel", null, "W/\"0\"").code()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from outbox where batch_id = ?", Integer.class, failed.id())).isZero();
    }

    @Test
    void everyEndpointWantsAKey() {
        Batch failed = failedIn(Stage.CLEAN, 1);
        String etag = "W/\"" + failed.version() + "\"";
        List<JsonHttp.Answer> refused = List.of(
                record(http.get("/api/batches", null)),
                record(http.get("/api/batches/" + failed.id(), null)),
                record(http.exchange("/api/batches/" + failed.id() + "/rerun", HttpMethod.POST, request("{\"from\": \"start\"}", etag, null))),
                record(http.exchange("/api/batches/" + failed.id() + "/cancel", HttpMethod.POST, request(null, etag, null))),
                record(http.get("/api/batches", "not-the-key-0123456789")));
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.code()).isEqualTo(401);
            assertThat(answer.detail()).isNotBlank();
        });
        assertThat(batches.findById(failed.id()).orElseThrow().state().name()).isEqualTo("FAILED");
    }

    private JsonHttp.Answer get(String path) {
        return record(http.get(path, KEY));
    }

    private JsonHttp.Answer post(String path, String body, String ifMatch) {
        return record(http.exchange(path, HttpMethod.POST, request(body, ifMatch, KEY)));
    }

    private JsonHttp.Answer record(JsonHttp.Answer answer) {
        answers.add(answer);
        return answer;
    }

    private static HttpEntity<String> request(String body, String ifMatch, String key) {
        HttpHeaders headers = new HttpHeaders();
        if (key != null) {
            headers.set("X-API-Key", key);
        }
        if (ifMatch != null) {
            headers.set(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return new HttpEntity<>(body, headers);
    }

    private static List<Long> ids(JsonHttp.Answer page) {
        return StreamSupport.stream(page.body().path("batches").spliterator(), false).map(b -> b.path("id").asLong()).toList();
    }

    /** A batch still receiving, of {@code images} images brought by one association that has ended. */
    private Batch receiving(int images) {
        String accession = "ACC" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String study = "1.2.826.0.1.3680043.9.7433.42." + System.nanoTime();
        identifiers.add(accession);
        identifiers.add(study);
        String association = UUID.randomUUID().toString();
        assembly.associationOpened(new ReceivedAssociation(association, "SCU", "DEIDQ", "127.0.0.1", Instant.now(), null));
        List<Image> sent = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            String uid = study + "." + counter.incrementAndGet();
            sent.add(new Image(uid, "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", study, study + ".1", accession, "images/" + uid + ".dcm",
                    1, "00000000", Instant.now(), association, null, null));
        }
        long batchId = assembly.imagesReceived(sent).get(0).batchId();
        assembly.associationClosed(association, true);
        return batches.findById(batchId).orElseThrow();
    }

    /**
     * A batch of {@code images} images closed and run, through its state machine, to {@code stage},
     * which failed for good: a TaskRun for each stage it ran. Closed as the closer closes it (its
     * open_batch row deleted), nothing queued.
     */
    private Batch failedIn(Stage stage, int images) {
        long id = receiving(images).id();
        transaction.executeWithoutResult(status -> {
            Batch batch = batches.findById(id).orElseThrow();
            Instant now = Instant.now();
            batch.close(now);
            jdbc.update("delete from open_batch where batch_id = ?", id);
            for (Stage ran = Stage.GET_IDENTIFIERS; ; ran = ran.next()) {
                batch.start(ran, 1, now);
                TaskRun run = new TaskRun(id, ran, 1, "worker-test", now);
                if (ran == stage) {
                    String reason = ran.queueName() + ": the identity service refused it";
                    run.failed(reason, now);
                    runs.save(run);
                    batch.fail(reason, now);
                    return;
                }
                run.succeeded(now);
                runs.save(run);
                batch.queueNextStage(now);
            }
        });
        return batches.findById(id).orElseThrow();
    }
}
