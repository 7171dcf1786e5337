package io.deidq;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.List;
import java.util.Map;

/** {@link ConditionalOnRole}: read before the properties are bound, hence the binder. */
class RoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        String role = (String) attributes.get("value");
        if (!DeidqProperties.ALL_ROLES.contains(role)) {
            throw new IllegalStateException("@ConditionalOnRole names the unknown role '" + role + "'; roles are " + DeidqProperties.ALL_ROLES);
        }
        List<String> roles = Binder.get(context.getEnvironment())
                .bind("deidq.roles", Bindable.listOf(String.class))
                .orElse(List.of());
        return (roles.isEmpty() ? DeidqProperties.ALL_ROLES : roles).contains(role);
    }
}
