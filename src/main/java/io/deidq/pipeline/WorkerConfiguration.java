package io.deidq.pipeline;

import io.deidq.ConditionalOnRole;
import io.deidq.batch.BatchQueue;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.TaskRunRepository;
import io.deidq.pipeline.stage.BatchRelease;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What connects to the broker, in the worker role only: the topology, the outbox relay and the
 * stage listeners with their heartbeats; and the sweeper. A process of other roles writes outbox rows and never connects; the workers'
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

    @Bean
    StageRuns stageRuns(BatchRepository batches, TaskRunRepository runs, BatchQueue queue, RetryProperties retry) {
        return new StageRuns(batches, runs, queue, retry, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    StageHeartbeats stageHeartbeats(StageRuns runs, WorkerProperties worker) {
        return new StageHeartbeats(runs, worker.heartbeatInterval());
    }

    @Bean
    Sweeper sweeper(StageRuns stageRuns, TaskRunRepository runs, BatchRepository batches, JdbcTemplate jdbc, BatchRelease release,
                    WorkerProperties worker, ObjectProvider<EmbeddedBroker> embeddedBroker) {
        return new Sweeper(stageRuns, runs, batches, jdbc, release, worker, embeddedBroker, Clock.systemUTC());
    }

    /**
     * Every stage's work, run by a {@link StageRun}, and any other handler. Failures of a handler
     * that is not a StageRun go to the application's {@link StageFailures} bean when there is one, else to the log.
     */
    @Bean
    @DependsOn("stageTopology")
    StageListeners stageListeners(ConnectionFactory connectionFactory, QueueNames names, ObjectProvider<StageHandler> handlers,
                                  ObjectProvider<StageWork> works, StageRuns runs, StageHeartbeats heartbeats,
                                  ObjectProvider<StageFailures> failures, WorkerProperties worker) {
        List<StageHandler> all = new ArrayList<>(handlers.orderedStream().toList());
        String name = workerName();
        works.orderedStream().forEach(work -> all.add(new StageRun(work, runs, heartbeats, name, work.stage() == worker.pauseInStage())));
        return new StageListeners(connectionFactory, names, all, failures.getIfAvailable(LoggedStageFailures::new), worker);
    }

    /** Which process ran a TaskRun: host and process id. */
    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
