package io.deidq.identifiers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The three steps of identifiers, as the pipeline's stage handlers take them, configured by {@link IdentifiersProperties}. */
@Configuration(proxyBeanMethods = false)
public class IdentifiersConfiguration {

    @Bean
    IdentifierExtractor identifierExtractor(IdentifiersProperties settings) {
        return new IdentifierExtractor(settings);
    }

    @Bean
    IdentityRequestBuilder identityRequestBuilder(IdentifiersProperties settings) {
        return new IdentityRequestBuilder(settings);
    }

    @Bean
    ResponseMerger responseMerger(IdentifiersProperties settings) {
        return new ResponseMerger(settings);
    }
}
