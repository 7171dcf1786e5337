package io.deidq.identity;

import io.deidq.DeidqApplication;
import io.deidq.testing.JsonHttp;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static io.deidq.identity.IdentityContexts.patient;
import static io.deidq.identity.IdentityContexts.request;
import static io.deidq.identity.IdentityContexts.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process without the identity role serves neither the GSID API nor DASHER's contract, yet its
 * workers still use the embedded service in-process; H2 (the embedded default, under the test's data directory).
 */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityRoleTest {

    static final String KEY = "role-test-key-0123456789";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.api-keys", () -> KEY);
        registry.add("deidq.roles", () -> "worker,web");
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ApplicationContext context;

    @Test
    void theIdentityApisAreUnknownPathsHereButTheServiceIsInProcess() throws Exception {
        JsonHttp http = new JsonHttp(rest);
        assertThat(http.post("/api/gsid/resolve", "{\"center_id\": 1, \"local_subject_id\": \"GAP-001\"}", KEY).code()).isEqualTo(404);
        assertThat(http.post("/v1/uid/test", "{\"identifiers\": []}", KEY).code()).isEqualTo(404);
        assertThat(context.getBeansOfType(GsidController.class)).isEmpty();

        IdentityService service = context.getBean(IdentityService.class);
        assertThat(service.identify("test", request(patient(unique("MRN"), "1961-07-27T00:00:00Z"))).results().get(0).suid()).isNotBlank();
    }
}
