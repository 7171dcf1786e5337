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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static io.deidq.identity.IdentityContexts.patient;
import static io.deidq.identity.IdentityContexts.request;
import static io.deidq.identity.IdentityContexts.study;
import static io.deidq.identity.IdentityContexts.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patient the pipeline pseudonymises and a subject of the GSID API are one subject when the
 * pipeline's (id_source, id) is the GSID API's (identifier_type, local_subject_id) at the configured
 * center (config/README.md, "One subject for both"), whichever comes first. H2 (the embedded
 * default, under the test's data directory); the pipeline's center is 7 here, not the default.
 */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OneSubjectForBothTest {

    static final String KEY = "one-subject-key-0123456789";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.api-keys", () -> KEY);
        registry.add("deidq.identity.embedded.center-id", () -> 7);
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService pipeline;

    @Autowired
    JdbcTemplate jdbc;

    JsonHttp http;

    @BeforeEach
    void client() {
        http = new JsonHttp(rest);
    }

    private String gsidOfSuid(String suid) {
        return jdbc.queryForObject("select gsid from identity_subject where suid = ?", String.class, suid);
    }

    @Test
    void aSubjectGeneratedThroughTheGsidApiIsThePatientThePipelineMeetsLater() throws Exception {
        String mrn = unique("");
        JsonNode generated = http.post("/api/gsid/generate",
                "{\"center_id\": 7, \"local_subject_id\": \"" + mrn + "\", \"identifier_type\": \"Stanford MRN\"}", KEY).body();

        IdentityResponse.EntityResult patient = pipeline.identify("test",
                request(patient(mrn, "1961-07-27T00:00:00Z", study(unique("ACC"), "2010-02-04T11:50:00Z")))).results().get(0);

        assertThat(gsidOfSuid(patient.suid())).isEqualTo(generated.path("gsid").asText());
        JsonNode subject = http.get("/api/gsid/subjects/" + generated.path("gsid").asText(), KEY).body();
        assertThat(subject.path("local_identifiers")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from identity_local_identifier where local_subject_id = ?", Integer.class, mrn))
                .isEqualTo(1);
    }

    @Test
    void aPatientThePipelineMetIsASubjectTheGsidApiResolves() throws Exception {
        String mrn = unique("");
        IdentityResponse.EntityResult patient = pipeline.identify("test",
                request(patient(mrn, "1961-07-27T00:00:00Z", study(unique("ACC"), "2010-02-04T11:50:00Z")))).results().get(0);

        JsonHttp.Answer resolved = http.post("/api/gsid/resolve", "{\"center_id\": 7, \"local_subject_id\": \"" + mrn + "\"}", KEY);
        JsonHttp.Answer generated = http.post("/api/gsid/generate",
                "{\"center_id\": 7, \"local_subject_id\": \"" + mrn + "\", \"identifier_type\": \"Stanford MRN\"}", KEY);
        JsonHttp.Answer otherCenter = http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"" + mrn + "\"}", KEY);

        assertThat(resolved.code()).isEqualTo(200);
        assertThat(resolved.body().path("found").asBoolean()).isTrue();
        assertThat(resolved.body().path("identifier_type").asText()).isEqualTo("Stanford MRN");
        assertThat(resolved.body().path("gsid").asText()).isEqualTo(gsidOfSuid(patient.suid()));
        assertThat(generated.code()).as("already a subject").isEqualTo(409);
        assertThat(otherCenter.code()).isEqualTo(404);
    }

    @Test
    void anIdentifierAddedThroughTheGsidApiBringsThePipelineToThatSubject() throws Exception {
        String consortiumId = unique("GAP-");
        String mrn = unique("");
        String gsid = http.post("/api/gsid/generate",
                "{\"center_id\": 7, \"local_subject_id\": \"" + consortiumId + "\", \"identifier_type\": \"consortium_id\"}", KEY)
                .body().path("gsid").asText();
        http.post("/api/gsid/subjects/" + gsid + "/local_identifiers",
                "{\"center_id\": 7, \"local_subject_id\": \"" + mrn + "\", \"identifier_type\": \"Stanford MRN\"}", KEY);

        IdentityResponse.EntityResult patient = pipeline.identify("test", request(patient(mrn, "1961-07-27T00:00:00Z"))).results().get(0);

        assertThat(gsidOfSuid(patient.suid())).isEqualTo(gsid);
    }
}
