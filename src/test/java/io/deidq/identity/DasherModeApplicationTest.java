package io.deidq.identity;

import io.deidq.DeidqApplication;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application in dasher mode: the DASHER client is the one identity service, the
 * embedded service and its HTTP APIs are gone, and the pipeline's calls reach DASHER.
 */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DasherModeApplicationTest {

    @TempDir
    static Path dir;

    private static DasherFixture dasher;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            dasher = new DasherFixture(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProperties.embedded(registry, dir.resolve("data"));
        registry.add("deidq.identity.service", () -> "dasher");
        registry.add("deidq.identity.dasher.base-url", () -> dasher.server.base().toString());
        registry.add("DEIDQ_CLIENT_SECRETS", dasher.secrets::toString);
    }

    @AfterAll
    static void stop() {
        dasher.close();
    }

    @Autowired
    ApplicationContext context;

    @Test
    void theDasherClientIsTheOneIdentityServiceAndTheEmbeddedOneIsGone() throws IdentityException {
        assertThat(context.getBeansOfType(IdentityService.class).values()).singleElement().isInstanceOf(DasherIdentityService.class);
        assertThat(context.getBeansOfType(EmbeddedIdentityService.class)).isEmpty();
        assertThat(context.getBeansOfType(GsidController.class)).isEmpty();
        assertThat(context.getBeansOfType(UidController.class)).isEmpty();

        IdentityResponse response = context.getBean(IdentityService.class).identify(null, DasherFixture.oneStudy());

        assertThat(response.results()).hasSize(1);
        assertThat(dasher.server.received()).hasSize(1);
    }
}
