package io.deidq.pipeline;

import io.deidq.ConditionalOnRole;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * What connects to the broker, in the worker role only: the topology, the outbox relay and the
 * stage listeners. A process of other roles writes outbox rows and never connects; the workers'
 * relays publish its rows.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
class WorkerConfiguration {

    @Bean
    QueueNames queueNames(BrokerProperties broker) {
        return new QueueNames(broker.prefix());
    }

    @Bean
    StageTopology stageTopology(ConnectionFactory connectionFactory, QueueNames names) {
        StageTopology topology = new StageTopology(connectionFactory, names);
        connectionFactory.addConnectionListener(topology);
        return topology;
    }

    @Bean
    @DependsOn("stageTopology")
    StagePublisher stagePublisher(ConnectionFactory connectionFactory, QueueNames names) {
        return new StagePublisher(connectionFactory, names);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxRows rows, PlatformTransactionManager transactions, StagePublisher publisher, OutboxProperties settings) {
        return new OutboxRelay(rows, new TransactionTemplate(transactions), publisher, settings, Clock.systemUTC());
    }

    /** Failures go to the application's {@link StageFailures} bean when there is one (the batch's retry policy), else to the log. */
    @Bean
    @DependsOn("stageTopology")
    StageListeners stageListeners(ConnectionFactory connectionFactory, QueueNames names, ObjectProvider<StageHandler> handlers,
                                  ObjectProvider<StageFailures> failures, WorkerProperties worker) {
        List<StageHandler> all = handlers.orderedStream().toList();
        return new StageListeners(connectionFactory, names, all, failures.getIfAvailable(LoggedStageFailures::new), worker);
    }
}
