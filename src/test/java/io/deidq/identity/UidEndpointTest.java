package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.deidq.DeidqApplication;
import io.deidq.testing.JsonHttp;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.LocalDate;

import static io.deidq.identity.IdentityContexts.unique;
import static io.deidq.testing.JsonHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** DASHER's contract, POST /v1/uid/{study}, served by the embedded service over HTTP; H2 (the embedded default, under the test's data directory). */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UidEndpointTest {

    static final String KEY = "uid-test-key-0123456789";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.api-keys", () -> KEY);
    }

    @Autowired
    TestRestTemplate rest;

    JsonHttp http;

    @BeforeEach
    void client() {
        http = new JsonHttp(rest);
    }

    /** Seed 000's request, with ids of this test's own. */
    private static String seedRequest(String mrn, String item) {
        return """
                {"identifiers": [{"id": "%s", "id_source": "Stanford MRN", "id_timestamp": "1961-07-27T00:00:00Z",
                  "custom_fields": [{"key": "firstName", "value": "MICKEY"}],
                  "items": [{"id": "%s", "id_source": "Lab Result", "id_timestamp": "2010-02-04T11:50:00Z",
                             "custom_fields": [{"key": "ordValue", "value": "33.1"}]}]}]}
                """.formatted(mrn, item);
    }

    @Test
    void answersAsDasherDoes() {
        String mrn = unique("");
        String item = unique("MCH");
        JsonHttp.Answer answer = http.post("/v1/uid/test", seedRequest(mrn, item), KEY);

        assertThat(answer.code()).isEqualTo(200);
        JsonNode entity = answer.body().path("results").path(0);
        int jitter = entity.path("jitter").asInt();
        assertThat(jitter).isNotZero();
        assertThat(entity.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "id_source", "suid", "jitter", "jittered_timestamp", "items");
        assertThat(entity.path("id").asText()).isEqualTo(mrn);
        assertThat(entity.path("id_source").asText()).isEqualTo("Stanford MRN");
        assertThat(entity.path("suid").asText()).matches("[0-9A-Z]{16}");
        assertThat(entity.path("jittered_timestamp").asText()).isEqualTo(LocalDate.of(1961, 7, 27).plusDays(jitter) + "T00:00:00Z");
        JsonNode study = entity.path("items").path(0);
        assertThat(study.path("id").asText()).isEqualTo(item);
        assertThat(study.path("id_source").asText()).isEqualTo("Lab Result");
        assertThat(study.path("suid").asText()).matches("[0-9A-Z]{16}").isNotEqualTo(entity.path("suid").asText());
        assertThat(study.path("jitter").asInt()).isEqualTo(jitter);
        assertThat(study.path("jittered_timestamp").asText()).isEqualTo(LocalDate.of(2010, 2, 4).plusDays(jitter) + "T11:50:00Z");

        assertThat(http.post("/v1/uid/irlhs", seedRequest(mrn, item), KEY).body()).as("the same in any study, ever after").isEqualTo(answer.body());
    }

    @Test
    void wantsAKeyInTheHeaderOrAsBearerToken() {
        assertThat(http.post("/v1/uid/test", seedRequest(unique(""), unique("I")), null).code()).isEqualTo(401);
        JsonHttp.Answer wrong = http.post("/v1/uid/test", seedRequest(unique(""), unique("I")), "wrong-key-0123456789");
        assertThat(wrong.code()).isEqualTo(401);
        assertThat(wrong.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("X-API-Key");
        assertThat(wrong.detail()).isEqualTo("the API key is not valid");

        HttpHeaders bearer = new HttpHeaders();
        bearer.setContentType(MediaType.APPLICATION_JSON);
        bearer.setBearerAuth(KEY);
        assertThat(http.exchange("/v1/uid/test", HttpMethod.POST, new HttpEntity<>(seedRequest(unique(""), unique("I")), bearer)).code())
                .isEqualTo(200);
    }

    @Test
    void anEntityAndItemWithoutTimestampsGetPseudonymsAndJitterButNoJitteredTimestamp() {
        JsonHttp.Answer answer = http.post("/v1/uid/test",
                "{\"identifiers\": [{\"id\": \"NOBIRTHDATE1\", \"id_source\": \"Stanford MRN\", \"items\": [{\"id\": \"ACCNODATE1\", \"id_source\": \"DCM Accession #\"}]}]}", KEY);

        assertThat(answer.code()).isEqualTo(200);
        JsonNode entity = answer.body().get("results").get(0);
        assertThat(entity.get("suid").asText()).isNotEmpty();
        assertThat(entity.get("jitter").asInt()).isNotZero();
        assertThat(entity.has("jittered_timestamp")).isFalse();
        JsonNode item = entity.get("items").get(0);
        assertThat(item.get("suid").asText()).isNotEmpty().isNotEqualTo(entity.get("suid").asText());
        assertThat(item.get("jitter").asInt()).isEqualTo(entity.get("jitter").asInt());
        assertThat(item.has("jittered_timestamp")).isFalse();
    }

    @Test
    void aRequestMissingAFieldIs400AndOneWithAnInvalidValue422() {
        JsonHttp.Answer missingId = http.post("/v1/uid/test",
                "{\"identifiers\": [{\"id_source\": \"Stanford MRN\", \"id_timestamp\": \"1961-07-27T00:00:00Z\"}]}", KEY);
        JsonHttp.Answer badTimestamp = http.post("/v1/uid/test",
                "{\"identifiers\": [{\"id\": \"1\", \"id_source\": \"Stanford MRN\", \"id_timestamp\": \"27/07/1961\"}]}", KEY);
        JsonHttp.Answer noIdentifiers = http.post("/v1/uid/test", "{}", KEY);
        JsonHttp.Answer notJson = http.post("/v1/uid/test", "identifiers", KEY);
        JsonHttp.Answer wrongShape = http.post("/v1/uid/test", "{\"identifiers\": [{\"id\": \"1\", \"items\": 5}]}", KEY);

        assertThat(missingId.code()).isEqualTo(400);
        assertThat(missingId.body()).isEqualTo(parse("{\"detail\": \"identifiers[0].id is missing\"}"));
        assertThat(badTimestamp.code()).isEqualTo(422);
        assertThat(badTimestamp.detail()).startsWith("identifiers[0].id_timestamp is not an ISO-8601 date and time").doesNotContain("27/07/1961");
        assertThat(noIdentifiers.code()).isEqualTo(400);
        assertThat(noIdentifiers.detail()).startsWith("the request body does not have this request's form");
        assertThat(notJson.code()).isEqualTo(400);
        assertThat(notJson.detail()).isEqualTo("the request body is not valid JSON");
        assertThat(wrongShape.code()).isEqualTo(400);
        assertThat(wrongShape.detail()).isEqualTo("the request body does not have this request's form at identifiers[0].items");
    }
}
