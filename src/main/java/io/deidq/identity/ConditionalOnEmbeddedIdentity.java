package io.deidq.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The embedded identity service's beans: present unless {@code deidq.identity.service} chooses
 * another service. The DASHER client's {@link IdentityService} bean takes
 * {@code @ConditionalOnProperty(name = IdentityProperties.SERVICE, havingValue = "dasher")}, so that
 * exactly one {@link IdentityService} exists; the GSID API and the DASHER-contract endpoint are
 * the embedded service's and go with it, so that they never answer from pseudonyms the pipeline
 * does not use.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(name = IdentityProperties.SERVICE, havingValue = "embedded", matchIfMissing = true)
@interface ConditionalOnEmbeddedIdentity {
}
