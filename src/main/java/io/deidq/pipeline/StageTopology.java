package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import java.util.Map;

/**
 * Declares the stage exchange and queues on every new connection, so that a broker that came back
 * empty (the embedded one keeps nothing) has them again before anything is published or consumed.
 * A direct exchange {@code <prefix>.stages}; per stage a durable queue {@code <prefix>.<stage>},
 * bound by the stage's name. Nothing dead-letters or expires (DESIGN.md): the only argument is
 * {@code x-queue-type=quorum}, and only on RabbitMQ, told by the product the broker names when the
 * connection opens; Qpid closes the connection on that argument. The broker, not configuration,
 * decides, so that pointing {@code spring.rabbitmq.host} at either broker declares what it takes.
 */
public final class StageTopology implements ConnectionListener {

    static final String RABBITMQ_PRODUCT = "RabbitMQ";

    private final RabbitAdmin admin;
    private final QueueNames names;

    public StageTopology(ConnectionFactory connectionFactory, QueueNames names) {
        this.admin = new RabbitAdmin(connectionFactory);
        this.names = names;
    }

    @Override
    public void onCreate(Connection connection) {
        Map<String, Object> arguments = isRabbitMq(connection) ? Map.of("x-queue-type", "quorum") : Map.of();
        DirectExchange exchange = new DirectExchange(names.exchange(), true, false);
        admin.declareExchange(exchange);
        for (Stage stage : Stage.values()) {
            Queue queue = new Queue(names.queue(stage), true, false, false, arguments);
            admin.declareQueue(queue);
            admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(names.routingKey(stage)));
        }
    }

    static boolean isRabbitMq(Connection connection) {
        Object product = connection.getDelegate().getServerProperties().get("product");
        return product != null && RABBITMQ_PRODUCT.equals(product.toString());
    }
}
