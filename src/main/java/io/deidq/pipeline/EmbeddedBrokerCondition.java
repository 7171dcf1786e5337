package io.deidq.pipeline;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** The embedded broker serves while no RabbitMQ is named: neither {@code spring.rabbitmq.host} nor {@code spring.rabbitmq.addresses} is set. */
class EmbeddedBrokerCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        return !StringUtils.hasText(environment.getProperty("spring.rabbitmq.host"))
                && !StringUtils.hasText(environment.getProperty("spring.rabbitmq.addresses"));
    }
}
