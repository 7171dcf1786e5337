package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One listener container per stage that has a handler, consuming that stage's queue. A stage
 * without a handler is not consumed at all: its messages wait in the queue rather than be taken
 * and lost. Acknowledgement is AUTO and the dispatcher never throws, so every delivered message
 * is acknowledged after its handler returned (or failed): a worker that dies mid-stage leaves its
 * message unacknowledged, and the broker gives it to another worker.
 */
public final class StageListeners implements SmartLifecycle {

    private final ConnectionFactory connectionFactory;
    private final QueueNames names;
    private final Map<Stage, StageHandler> handlers;
    private final StageFailures failures;
    private final WorkerProperties worker;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private boolean running;

    public StageListeners(ConnectionFactory connectionFactory, QueueNames names, List<StageHandler> handlers, StageFailures failures,
                          WorkerProperties worker) {
        this.connectionFactory = connectionFactory;
        this.names = names;
        this.handlers = byStage(handlers);
        this.failures = failures;
        this.worker = worker;
    }

    private static Map<Stage, StageHandler> byStage(List<StageHandler> handlers) {
        Map<Stage, StageHandler> byStage = new EnumMap<>(Stage.class);
        for (StageHandler handler : handlers) {
            StageHandler other = byStage.put(handler.stage(), handler);
            if (other != null) {
                throw new IllegalStateException("two handlers for stage " + handler.stage().queueName() + ": "
                        + other.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return byStage;
    }

    @Override
    public synchronized void start() {
        running = true;
        handlers.forEach((stage, handler) -> {
            String queue = names.queue(stage);
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(queue);
            container.setConcurrentConsumers(worker.concurrency());
            container.setPrefetchCount(worker.prefetch());
            container.setAcknowledgeMode(AcknowledgeMode.AUTO);
            container.setDefaultRequeueRejected(false);
            container.setMissingQueuesFatal(false);
            container.setRecoveryInterval(worker.recoveryInterval().toMillis());
            container.setMessageListener(new StageDispatcher(handler, failures, queue));
            container.setBeanName("deidq-stage-" + stage.queueName());
            container.afterPropertiesSet();
            container.start();
            containers.add(container);
        });
    }

    @Override
    public synchronized void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        containers.forEach(SimpleMessageListenerContainer::destroy);
        containers.clear();
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** The stages this worker consumes. */
    public Set<Stage> stages() {
        return handlers.keySet();
    }
}
