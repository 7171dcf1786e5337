package io.deidq.web;

import io.deidq.testing.ServiceProperties;
import io.deidq.DeidqApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthDownTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void lackOfSpace(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.min-free-space", () -> "1000000TB");
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void healthIsDownWhenTheDataDirectoryIsShortOfSpace() {
        ResponseEntity<Map> response = http.getForEntity("/health", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBody()).containsEntry("status", "DOWN");
        assertThat(response.getBody().toString()).contains("storage", "free_bytes");
    }
}
