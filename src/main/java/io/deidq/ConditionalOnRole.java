package io.deidq;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean that exists only in a process with the given role ({@code deidq.roles}; every role when
 * none is set, as {@link DeidqProperties} reads it): what a process does not serve, it does not
 * even map, so that a request for it is an unknown path there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(RoleCondition.class)
public @interface ConditionalOnRole {

    /** One of {@link DeidqProperties#ALL_ROLES}. */
    String value();
}
