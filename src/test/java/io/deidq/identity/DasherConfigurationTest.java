package io.deidq.identity;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DASHER client is the identity service only with deidq.identity.service=dasher, starts from
 * application.yml's defaults, and refuses to start without what it needs. The process environment
 * is left out of these contexts, so that a DEIDQ_CLIENT_SECRETS of the machine running the tests
 * changes nothing; the tests set the variable as a property, which Spring reads the same way.
 */
class DasherConfigurationTest extends DasherTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DasherProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withInitializer(context -> context.getEnvironment().getPropertySources()
                    .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
            .withUserConfiguration(Properties.class, DasherConfiguration.class);

    @Test
    void theEmbeddedServiceIsTheDefault() {
        contexts.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DasherIdentityService.class));
        contexts.withPropertyValues("deidq.identity.service=embedded")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(IdentityService.class));
    }

    @Test
    void inDasherModeTheClientIsTheIdentityServiceWithTheDefaultsOfApplicationYml() {
        contexts.withPropertyValues("deidq.identity.service=dasher", "deidq.identity.dasher.base-url=" + dasher.server.base(),
                        "DEIDQ_CLIENT_SECRETS=" + dasher.secrets)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(IdentityService.class);
                    DasherProperties properties = context.getBean(DasherProperties.class);
                    assertThat(properties.study()).isEqualTo("test");
                    assertThat(properties.maxItemsPerEntity()).isEqualTo(1000);
                    assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
                    assertThat(properties.retry().maxAttempts()).isEqualTo(4);
                    assertThat(properties.rateLimiter().limitForPeriod()).isEqualTo(10);

                    IdentityResponse response = context.getBean(IdentityService.class).identify(null, DasherFixture.oneStudy());

                    assertThat(response.results()).hasSize(1);
                    assertThat(dasher.server.received()).singleElement().extracting(DasherFakeServer.Received::path)
                            .isEqualTo("/api/v1/uid/test");
                });
    }

    @Test
    void inDasherModeWithoutTheSecretsVariableDeidqDoesNotStart() {
        contexts.withPropertyValues("deidq.identity.service=dasher", "deidq.identity.dasher.base-url=" + dasher.server.base())
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("neither DEIDQ_CLIENT_SECRETS nor STANFORD_CLIENT_SECRETS is set"));
    }

    @Test
    void inDasherModeWithoutABaseUrlDeidqDoesNotStart() {
        contexts.withPropertyValues("deidq.identity.service=dasher", "DEIDQ_CLIENT_SECRETS=" + dasher.secrets)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("deidq.identity.dasher.base-url is not set"));
    }

    @Test
    void inDasherModeASettingThatCannotWorkIsNamed() {
        contexts.withPropertyValues("deidq.identity.service=dasher", "deidq.identity.dasher.base-url=" + dasher.server.base(),
                        "DEIDQ_CLIENT_SECRETS=" + dasher.secrets, "deidq.identity.dasher.max-items-per-entity=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("deidq.identity.dasher.max-items-per-entity must be at least 1, not 0"));
    }
}
