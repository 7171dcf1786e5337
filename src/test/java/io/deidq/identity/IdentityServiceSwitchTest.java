package io.deidq.identity;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** deidq.identity.service: the embedded service's beans exist by default and with "embedded", not with "dasher"; other values stop start-up. */
class IdentityServiceSwitchTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IdentityProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, EmbeddedIdentityConfiguration.class);

    @Test
    void embeddedIsTheDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(PseudonymGenerator.class));
        runner.withPropertyValues("deidq.identity.service=embedded").run(context -> assertThat(context).hasSingleBean(PseudonymGenerator.class));
    }

    @Test
    void dasherLeavesTheEmbeddedServiceOut() {
        runner.withPropertyValues("deidq.identity.service=dasher").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(PseudonymGenerator.class));
    }

    @Test
    void anUnknownServiceOrAnEmptyJitterRangeStopsStartUp() {
        runner.withPropertyValues("deidq.identity.service=dashr").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("deidq.identity.service"));
        runner.withPropertyValues("deidq.identity.embedded.jitter.min-days=0", "deidq.identity.embedded.jitter.max-days=0")
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("0..0"));
    }
}
