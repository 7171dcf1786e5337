package io.deidq.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Hands each message of one stage queue to that stage's handler. It never throws, so that the
 * container acknowledges every message: a failure goes to {@link StageFailures}, a message deidq
 * did not write is logged and dropped.
 */
final class StageDispatcher implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(StageDispatcher.class);

    private final StageHandler handler;
    private final StageFailures failures;
    private final String queue;

    StageDispatcher(StageHandler handler, StageFailures failures, String queue) {
        this.handler = handler;
        this.failures = failures;
        this.queue = queue;
    }

    @Override
    public void onMessage(Message message) {
        StageMessage stage;
        try {
            stage = StageMessageCodec.decode(message);
        } catch (StageMessageCodec.MalformedStageMessage e) {
            log.warn("Dropped a message on queue {}: {}", queue, e.getMessage());
            return;
        }
        if (stage.stage() != handler.stage()) {
            log.warn("Dropped {}: it came on queue {}, which is stage {}'s", stage, queue, handler.stage().queueName());
            return;
        }
        try {
            handler.handle(stage);
        } catch (Exception e) {
            fail(stage, e);
        }
    }

    private void fail(StageMessage stage, Exception error) {
        try {
            failures.failed(stage, error);
        } catch (RuntimeException e) {
            e.addSuppressed(error);
            log.error("{} failed, and its failure could not be recorded; the message is acknowledged", stage, e);
        }
    }
}
