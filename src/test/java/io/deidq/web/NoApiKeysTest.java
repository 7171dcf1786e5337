package io.deidq.web;

import io.deidq.DeidqApplication;
import io.deidq.testing.JsonHttp;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With no API key configured (the default), nothing but /health and /version answers, whatever key is sent. */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoApiKeysTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.api-keys", () -> "");
    }

    @Autowired
    TestRestTemplate rest;

    @Test
    void everyProtectedEndpointIsRefusedSayingWhy() {
        JsonHttp http = new JsonHttp(rest);
        for (String key : new String[]{null, "any-key-at-all-0123456789", ""}) {
            JsonHttp.Answer answer = http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"GAP-001\"}", key);
            assertThat(answer.code()).isEqualTo(401);
            assertThat(answer.detail()).isEqualTo("no API keys are configured (DEIDQ_API_KEYS), so this endpoint cannot be used");
            assertThat(http.get("/nothing-here", key).code()).isEqualTo(401);
        }
        assertThat(http.get("/health", null).code()).isEqualTo(200);
        assertThat(http.get("/version", null).code()).isEqualTo(200);
    }
}
