package io.deidq.identifiers;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IdentifiersProperties.class)
    static class WithProperties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(WithProperties.class, IdentifiersConfiguration.class);

    @Test
    void theStepsAreBeansConfiguredByDeidqIdentifiers() {
        context.withPropertyValues("deidq.identifiers.item-key=InstanceNumber", "deidq.identifiers.item-custom-fields=true")
                .run(running -> {
                    assertThat(running).hasSingleBean(IdentifierExtractor.class).hasSingleBean(IdentityRequestBuilder.class)
                            .hasSingleBean(ResponseMerger.class);
                    IdentifiersProperties settings = running.getBean(IdentifiersProperties.class);
                    assertThat(settings.itemKey()).isEqualTo("InstanceNumber");
                    assertThat(settings.itemCustomFields()).isTrue();
                    assertThat(settings.entityIdSource()).isEqualTo("Stanford MRN");
                });
    }

    @Test
    void anIdSourceThatIsNotAKnownSourceStopsTheStart() {
        context.withPropertyValues("deidq.identifiers.item-id-source=Accession").run(running ->
                assertThat(running).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("deidq.identifiers.item-id-source 'Accession' is not one of deidq.identifiers.item-sources"));
    }
}
