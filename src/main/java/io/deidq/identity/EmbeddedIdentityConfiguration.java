package io.deidq.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded service's pseudonym generator, with the jitter range of the configuration (checked here, at start-up). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEmbeddedIdentity
class EmbeddedIdentityConfiguration {

    @Bean
    PseudonymGenerator pseudonymGenerator(IdentityProperties properties) {
        return new PseudonymGenerator(properties.embedded().jitter().range());
    }
}
