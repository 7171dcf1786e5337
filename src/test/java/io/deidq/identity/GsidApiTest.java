package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.deidq.DeidqApplication;
import io.deidq.testing.JsonHttp;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static io.deidq.identity.IdentityContexts.unique;
import static io.deidq.testing.JsonHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** The GSID API of seed 001, over HTTP, every status code and body; H2 (the embedded default, under the test's data directory). */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GsidApiTest {

    static final String KEY = "gsid-test-key-0123456789";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.api-keys", () -> "another-key-abcdefghijkl, " + KEY);
    }

    @Autowired
    TestRestTemplate rest;

    JsonHttp http;

    @BeforeEach
    void client() {
        http = new JsonHttp(rest);
    }

    private JsonHttp.Answer generate(String localId, String type, String metadata) {
        return http.post("/api/gsid/generate", "{\"center_id\": 1, \"local_subject_id\": \"" + localId + "\", \"identifier_type\": \"" + type + "\""
                + (metadata == null ? "" : ", \"metadata\": " + metadata) + "}", KEY);
    }

    @Test
    void healthAnswersWithoutAKeyWithItsVersion() {
        JsonHttp.Answer health = http.get("/health", null);
        assertThat(health.code()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(health.body().path("version").asText()).isNotEmpty();
        assertThat(http.get("/health", "not-a-key-of-this-service").code()).isEqualTo(200);
    }

    @Test
    void generateCreatesASubjectOnceAndThenConflicts() {
        String localId = unique("GAP-");
        JsonHttp.Answer created = generate(localId, "consortium_id", "{\"sex\": \"F\", \"diagnosis\": \"CD\"}");

        assertThat(created.code()).isEqualTo(201);
        JsonNode body = created.body();
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("gsid", "subject_id", "local_subject_id", "center_id", "identifier_type", "created_at");
        assertThat(body.path("gsid").asText()).matches("GSID-[0-9A-Z]{16}");
        assertThat(UUID.fromString(body.path("subject_id").asText())).hasToString(body.path("subject_id").asText());
        assertThat(body.path("local_subject_id").asText()).isEqualTo(localId);
        assertThat(body.path("center_id").isInt()).isTrue();
        assertThat(body.path("center_id").asInt()).isEqualTo(1);
        assertThat(body.path("identifier_type").asText()).isEqualTo("consortium_id");
        assertThat(body.path("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Instant.parse(body.path("created_at").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(created.headers().getLocation()).hasToString("/api/gsid/subjects/" + body.path("gsid").asText());

        JsonHttp.Answer again = generate(localId, "consortium_id", null);
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.body()).isEqualTo(parse("{\"detail\": \"a subject already exists for center_id=1, identifier_type=consortium_id, local_subject_id="
                + localId + "\"}"));
    }

    @Test
    void resolveFindsTheSubjectWithOrWithoutItsIdentifierType() {
        String localId = unique("GAP-");
        JsonNode created = generate(localId, "consortium_id", null).body();

        JsonHttp.Answer withType = http.post("/api/gsid/resolve",
                "{\"center_id\": 1, \"local_subject_id\": \"" + localId + "\", \"identifier_type\": \"consortium_id\"}", KEY);
        JsonHttp.Answer withoutType = http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"" + localId + "\"}", KEY);

        JsonNode expected = parse("{\"gsid\": \"" + created.path("gsid").asText() + "\", \"subject_id\": \"" + created.path("subject_id").asText()
                + "\", \"local_subject_id\": \"" + localId + "\", \"center_id\": 1, \"identifier_type\": \"consortium_id\", \"found\": true}");
        assertThat(withType.code()).isEqualTo(200);
        assertThat(withType.body()).isEqualTo(expected);
        assertThat(withoutType.code()).isEqualTo(200);
        assertThat(withoutType.body()).isEqualTo(expected);
    }

    @Test
    void resolveAnswers404WithTheSeedsBody() {
        JsonHttp.Answer missing = http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"GAP-001\"}", KEY);
        JsonHttp.Answer otherType = http.post("/api/gsid/resolve",
                "{\"center_id\": 1, \"local_subject_id\": \"GAP-001\", \"identifier_type\": \"mrn\"}", KEY);

        JsonNode seed = parse("{\"gsid\": null, \"found\": false, \"message\": \"No subject found for center_id=1, local_subject_id=GAP-001\"}");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(seed);
        assertThat(missing.body().fieldNames()).toIterable().containsExactly("gsid", "found", "message");
        assertThat(otherType.code()).isEqualTo(404);
        assertThat(otherType.body()).isEqualTo(seed);
    }

    @Test
    void batchResolveAnswersEachInOrderWithTheCounts() {
        String first = unique("GAP-");
        String second = unique("GAP-");
        String absent = unique("CSMC-");
        String gsid1 = generate(first, "consortium_id", null).body().path("gsid").asText();
        String gsid2 = generate(second, "consortium_id", null).body().path("gsid").asText();

        JsonHttp.Answer batch = http.post("/api/gsid/batch/resolve", "{\"identifiers\": [{\"center_id\": 1, \"local_subject_id\": \"" + first
                + "\"}, {\"center_id\": 1, \"local_subject_id\": \"" + second + "\", \"identifier_type\": \"consortium_id\"},"
                + " {\"center_id\": 2, \"local_subject_id\": \"" + absent + "\"}]}", KEY);

        assertThat(batch.code()).isEqualTo(200);
        assertThat(batch.body()).isEqualTo(parse("{\"results\": ["
                + "{\"local_subject_id\": \"" + first + "\", \"gsid\": \"" + gsid1 + "\", \"found\": true},"
                + "{\"local_subject_id\": \"" + second + "\", \"gsid\": \"" + gsid2 + "\", \"found\": true},"
                + "{\"local_subject_id\": \"" + absent + "\", \"gsid\": null, \"found\": false}],"
                + " \"total\": 3, \"found\": 2, \"not_found\": 1}"));

        JsonHttp.Answer empty = http.post("/api/gsid/batch/resolve", "{\"identifiers\": []}", KEY);
        assertThat(empty.body()).isEqualTo(parse("{\"results\": [], \"total\": 0, \"found\": 0, \"not_found\": 0}"));
    }

    @Test
    void aSubjectShowsItsMetadataAndEveryLocalIdentifier() {
        String consortiumId = unique("GAP-");
        String mrn = unique("MRN-");
        JsonNode created = generate(consortiumId, "consortium_id", "{\"sex\": \"F\", \"diagnosis\": \"CD\", \"age_at_diagnosis\": 25}").body();
        String gsid = created.path("gsid").asText();

        JsonHttp.Answer added = http.post("/api/gsid/subjects/" + gsid + "/local_identifiers",
                "{\"center_id\": 1, \"local_subject_id\": \"" + mrn + "\", \"identifier_type\": \"mrn\"}", KEY);
        JsonHttp.Answer subject = http.get("/api/gsid/subjects/" + gsid, KEY);

        assertThat(added.code()).isEqualTo(201);
        assertThat(added.body()).isEqualTo(subject.body());
        assertThat(subject.code()).isEqualTo(200);
        JsonNode body = subject.body();
        assertThat(body.fieldNames()).toIterable().containsExactly("gsid", "subject_id", "sex", "diagnosis", "age_at_diagnosis",
                "local_identifiers", "created_at", "updated_at");
        assertThat(body.path("gsid").asText()).isEqualTo(gsid);
        assertThat(body.path("subject_id").asText()).isEqualTo(created.path("subject_id").asText());
        assertThat(body.path("sex").asText()).isEqualTo("F");
        assertThat(body.path("diagnosis").asText()).isEqualTo("CD");
        assertThat(body.path("age_at_diagnosis").asInt()).isEqualTo(25);
        assertThat(body.path("local_identifiers")).isEqualTo(parse("[{\"center_id\": 1, \"local_subject_id\": \"" + consortiumId
                + "\", \"identifier_type\": \"consortium_id\"}, {\"center_id\": 1, \"local_subject_id\": \"" + mrn + "\", \"identifier_type\": \"mrn\"}]"));
        assertThat(body.path("created_at").asText()).isEqualTo(created.path("created_at").asText());
        assertThat(Instant.parse(body.path("updated_at").asText())).isAfterOrEqualTo(Instant.parse(body.path("created_at").asText()));

        JsonHttp.Answer byMrn = http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"" + mrn + "\"}", KEY);
        assertThat(byMrn.body().path("gsid").asText()).isEqualTo(gsid);
        assertThat(byMrn.body().path("identifier_type").asText()).isEqualTo("mrn");
    }

    @Test
    void aSubjectWithoutMetadataLeavesItsFieldsOut() {
        String gsid = generate(unique("GAP-"), "consortium_id", null).body().path("gsid").asText();
        assertThat(http.get("/api/gsid/subjects/" + gsid, KEY).body().fieldNames()).toIterable()
                .containsExactly("gsid", "subject_id", "local_identifiers", "created_at", "updated_at");
    }

    @Test
    void anUnknownSubjectIs404() {
        JsonHttp.Answer unknown = http.get("/api/gsid/subjects/GSID-0000000000000000", KEY);
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(parse("{\"detail\": \"no subject has the GSID GSID-0000000000000000\"}"));
        JsonHttp.Answer add = http.post("/api/gsid/subjects/GSID-0000000000000000/local_identifiers",
                "{\"center_id\": 1, \"local_subject_id\": \"X-1\", \"identifier_type\": \"mrn\"}", KEY);
        assertThat(add.code()).isEqualTo(404);
    }

    @Test
    void anIdentifierOfASubjectCannotBeAddedAgainNorToAnother() {
        String first = unique("GAP-");
        String gsid1 = generate(first, "consortium_id", null).body().path("gsid").asText();
        String gsid2 = generate(unique("GAP-"), "consortium_id", null).body().path("gsid").asText();
        String body = "{\"center_id\": 1, \"local_subject_id\": \"" + first + "\", \"identifier_type\": \"consortium_id\"}";

        JsonHttp.Answer same = http.post("/api/gsid/subjects/" + gsid1 + "/local_identifiers", body, KEY);
        JsonHttp.Answer other = http.post("/api/gsid/subjects/" + gsid2 + "/local_identifiers", body, KEY);

        assertThat(same.code()).isEqualTo(409);
        assertThat(same.detail()).endsWith("is a local identifier of this subject already");
        assertThat(other.code()).isEqualTo(409);
        assertThat(other.detail()).endsWith("is a local identifier of another subject");
    }

    @Test
    void aLocalIdOfTwoSubjectsUnderTwoTypesNeedsItsType() {
        String localId = unique("ID-");
        generate(localId, "consortium_id", null);
        generate(localId, "mrn", null);

        JsonHttp.Answer single = http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"" + localId + "\"}", KEY);
        JsonHttp.Answer batch = http.post("/api/gsid/batch/resolve", "{\"identifiers\": [{\"center_id\": 1, \"local_subject_id\": \"x\"},"
                + " {\"center_id\": 1, \"local_subject_id\": \"" + localId + "\"}]}", KEY);
        JsonHttp.Answer typed = http.post("/api/gsid/resolve",
                "{\"center_id\": 1, \"local_subject_id\": \"" + localId + "\", \"identifier_type\": \"mrn\"}", KEY);

        assertThat(single.code()).isEqualTo(409);
        assertThat(single.detail()).isEqualTo("center_id=1, local_subject_id=" + localId
                + " names several subjects, under the identifier types consortium_id, mrn: give identifier_type");
        assertThat(batch.code()).isEqualTo(409);
        assertThat(batch.detail()).startsWith("identifiers[1]: center_id=1");
        assertThat(typed.code()).isEqualTo(200);
        assertThat(typed.body().path("identifier_type").asText()).isEqualTo("mrn");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            generate      | {"center_id": 1, "local_subject_id": "A"                                   | 400 | the request body is not valid JSON
            generate      | ["center_id", 1]                                                           | 400 | the request body must be a JSON object
            generate      | {"local_subject_id": "A", "identifier_type": "mrn"}                        | 400 | center_id is missing
            generate      | {"center_id": null, "local_subject_id": "A", "identifier_type": "mrn"}     | 400 | center_id is missing
            generate      | {"center_id": 1, "identifier_type": "mrn"}                                 | 400 | local_subject_id is missing
            generate      | {"center_id": 1, "local_subject_id": "A"}                                  | 400 | identifier_type is missing
            generate      | {"center_id": "1", "local_subject_id": "A", "identifier_type": "mrn"}      | 400 | center_id must be an integer
            generate      | {"center_id": 1.5, "local_subject_id": "A", "identifier_type": "mrn"}      | 400 | center_id must be an integer
            generate      | {"center_id": 1, "local_subject_id": 7, "identifier_type": "mrn"}          | 400 | local_subject_id must be a string
            generate      | {"center_id": 1, "local_subject_id": "A", "identifier_type": "mrn", "metadata": "F"} | 400 | metadata must be a JSON object
            generate      | {"center_id": 1, "local_subject_id": "A", "identifier_type": "mrn", "metadata": {"age_at_diagnosis": "25"}} | 400 | metadata.age_at_diagnosis must be an integer
            generate      | {"center_id": 1, "local_subject_id": "A", "identifier_type": "mrn", "site": 3} | 400 | site is not a field of this request; its fields are center_id, identifier_type, local_subject_id, metadata
            resolve       | {"center_id": 1}                                                           | 400 | local_subject_id is missing
            resolve       | {"center_id": [1], "local_subject_id": "A"}                                | 400 | center_id must be an integer
            batch/resolve | {"identifiers": {"center_id": 1}}                                          | 400 | identifiers must be a JSON array
            batch/resolve | {}                                                                         | 400 | identifiers is missing
            batch/resolve | {"identifiers": [{"center_id": 1, "local_subject_id": "A"}, 5]}            | 400 | identifiers[1] must be a JSON object
            batch/resolve | {"identifiers": [{"center_id": 1}]}                                        | 400 | identifiers[0].local_subject_id is missing
            generate      | {"center_id": -1, "local_subject_id": "A", "identifier_type": "mrn"}       | 422 | center_id must not be negative
            generate      | {"center_id": 4294967296, "local_subject_id": "A", "identifier_type": "mrn"} | 422 | center_id is out of range
            generate      | {"center_id": 1, "local_subject_id": "", "identifier_type": "mrn"}         | 422 | local_subject_id is empty
            generate      | {"center_id": 1, "local_subject_id": "   ", "identifier_type": "mrn"}      | 422 | local_subject_id is empty
            generate      | {"center_id": 1, "local_subject_id": " A", "identifier_type": "mrn"}       | 422 | local_subject_id begins or ends with white space
            generate      | {"center_id": 1, "local_subject_id": "A\\u0000", "identifier_type": "mrn"} | 422 | local_subject_id contains a control character
            generate      | {"center_id": 1, "local_subject_id": "A", "identifier_type": ""}           | 422 | identifier_type is empty
            generate      | {"center_id": 1, "local_subject_id": "A", "identifier_type": "mrn", "metadata": {"race": "x"}} | 422 | metadata.race is not a metadata field this service keeps: sex, diagnosis, age_at_diagnosis
            generate      | {"center_id": 1, "local_subject_id": "A", "identifier_type": "mrn", "metadata": {"age_at_diagnosis": -1}} | 422 | metadata.age_at_diagnosis must be between 0 and 150
            resolve       | {"center_id": 1, "local_subject_id": "A", "identifier_type": "  "}         | 422 | identifier_type is empty
            batch/resolve | {"identifiers": [{"center_id": -3, "local_subject_id": "A"}]}              | 422 | identifiers[0].center_id must not be negative
            """)
    void aMalformedBodyIs400AndAnInvalidOne422(String endpoint, String body, int status, String detail) {
        JsonHttp.Answer answer = http.post("/api/gsid/" + endpoint, body, KEY);
        assertThat(answer.code()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo(parse("{\"detail\": \"" + detail + "\"}"));
    }

    @Test
    void aTooLongIdAndAnEmptyBodyAreRefused() {
        JsonHttp.Answer tooLong = http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"" + "A".repeat(257) + "\"}", KEY);
        assertThat(tooLong.code()).isEqualTo(422);
        assertThat(tooLong.detail()).isEqualTo("local_subject_id is longer than 256 characters");
        JsonHttp.Answer empty = http.post("/api/gsid/resolve", "", KEY);
        assertThat(empty.code()).isEqualTo(400);
        assertThat(empty.detail()).isNotBlank();
    }

    @Test
    void everyEndpointWantsAValidKey() {
        String body = "{\"center_id\": 1, \"local_subject_id\": \"GAP-001\"}";
        for (String path : new String[]{"/api/gsid/generate", "/api/gsid/resolve", "/api/gsid/batch/resolve"}) {
            JsonHttp.Answer none = http.post(path, body, null);
            JsonHttp.Answer wrong = http.post(path, body, "wrong-key-0123456789");
            assertThat(none.code()).as(path).isEqualTo(401);
            assertThat(none.body()).isEqualTo(parse("{\"detail\": \"an API key is required in the X-API-Key header\"}"));
            assertThat(wrong.code()).as(path).isEqualTo(401);
            assertThat(wrong.body()).isEqualTo(parse("{\"detail\": \"the API key is not valid\"}"));
        }
        assertThat(http.get("/api/gsid/subjects/GSID-0000000000000000", null).code()).isEqualTo(401);
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheApisForm() {
        JsonHttp.Answer unknown = http.get("/api/gsid/subject", KEY);
        JsonHttp.Answer method = http.exchange("/api/gsid/resolve", HttpMethod.PUT, new HttpEntity<>(null, keyHeader()));
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.detail()).isNotBlank();
        assertThat(method.code()).isEqualTo(405);
        assertThat(method.detail()).isNotBlank();
    }

    private static org.springframework.http.HttpHeaders keyHeader() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.set("X-API-Key", KEY);
        return headers;
    }
}
