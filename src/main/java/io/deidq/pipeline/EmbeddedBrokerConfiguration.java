package io.deidq.pipeline;

import io.deidq.ConditionalOnRole;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The embedded broker of a worker while no RabbitMQ is named. Spring Boot's connection factory is
 * pointed at it through {@link RabbitConnectionDetails}, which depends on the broker bean: the
 * broker starts before anything connects and stops after the connection factory has closed, which
 * is after the listeners and the relay have stopped.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
@Conditional(EmbeddedBrokerCondition.class)
class EmbeddedBrokerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    EmbeddedBroker embeddedBroker(BrokerProperties broker) {
        return new EmbeddedBroker(broker.embedded().port());
    }

    /** Closed before the broker stops, so that it never starts a broker being stopped. */
    @Bean(destroyMethod = "close")
    EmbeddedBrokerWatch embeddedBrokerWatch(EmbeddedBroker broker, BrokerProperties properties) {
        return new EmbeddedBrokerWatch(broker, properties.embedded().watchInterval());
    }

    @Bean
    RabbitConnectionDetails embeddedBrokerConnection(EmbeddedBroker broker) {
        return new RabbitConnectionDetails() {
            @Override
            public String getUsername() {
                return "guest";
            }

            @Override
            public String getPassword() {
                return "guest";
            }

            @Override
            public String getVirtualHost() {
                return "/";
            }

            @Override
            public List<Address> getAddresses() {
                return List.of(new Address("127.0.0.1", broker.port()));
            }
        };
    }
}
