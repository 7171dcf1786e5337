package io.deidq.web;

import io.deidq.testing.ServiceProperties;
import io.deidq.DeidqApplication;
import io.deidq.dicom.io.Implementation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceEndpointsTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir.resolve("data"));
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void versionNamesDeidqAndItsImplementation() {
        ResponseEntity<Map> response = http.getForEntity("/version", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("name", "deidq")
                .containsEntry("version", Implementation.VERSION)
                .containsEntry("implementation_class_uid", Implementation.CLASS_UID);
    }

    @Test
    void healthIsUpWhileTheDataDirectoryCanTakeImages() {
        assertThat(Files.isDirectory(dataDir.resolve("data"))).as("created at start-up").isTrue();
        ResponseEntity<Map> response = http.getForEntity("/health", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("status", "UP");
    }
}
