package io.deidq.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outbox table, in every role: any of them may queue a stage. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxRows outboxRows(JdbcTemplate jdbc, OutboxProperties settings) {
        return new OutboxRows(jdbc, settings.batchSize());
    }
}
