package io.deidq.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The DASHER client as the identity service, when {@code deidq.identity.service=dasher} (the
 * embedded service is the default). The secrets file's variable is read through Spring's
 * environment, which holds the process environment.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "deidq.identity.service", havingValue = "dasher")
class DasherConfiguration {

    @Bean
    DasherIdentityService dasherIdentityService(DasherProperties properties, Environment environment) {
        return new DasherIdentityService(properties, environment::getProperty);
    }
}
