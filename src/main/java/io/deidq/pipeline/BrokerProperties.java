package io.deidq.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where the stage queues live (config/README.md, "Broker and queues"). The broker itself is
 * Spring Boot's {@code spring.rabbitmq.*}; these name what deidq declares on it and the embedded broker.
 *
 * @param prefix   the first part of every exchange and queue name: {@code <prefix>.stages}, {@code <prefix>.<stage>}
 * @param embedded the in-process broker used while no RabbitMQ host is set
 */
@ConfigurationProperties(prefix = "deidq.broker")
public record BrokerProperties(String prefix, Embedded embedded) {

    public BrokerProperties {
        if (prefix == null || prefix.isBlank()) {
            prefix = "deidq";
        }
        if (embedded == null) {
            embedded = new Embedded(Embedded.DEFAULT_PORT, null);
        }
    }

    /**
     * @param port          the AMQP port on 127.0.0.1; 0 for any free one
     * @param watchInterval how often the worker checks that the broker still takes connections, and starts it again if not
     */
    public record Embedded(int port, Duration watchInterval) {

        static final int DEFAULT_PORT = 5673;

        public Embedded {
            if (watchInterval == null) {
                watchInterval = Duration.ofSeconds(5);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("deidq.broker.embedded.port must be 0 (any free port) or a port number, not " + port);
            }
        }
    }
}
