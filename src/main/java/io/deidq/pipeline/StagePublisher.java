package io.deidq.pipeline;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes stage messages to the stage exchange, mandatory, and tells whether the broker took
 * each: confirmed and not returned as unroutable. It refuses a connection factory without
 * correlated publisher confirms and returns, without which "published" would be a guess.
 */
public final class StagePublisher {

    private final RabbitTemplate template;
    private final QueueNames names;

    public StagePublisher(ConnectionFactory connectionFactory, QueueNames names) {
        if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
            throw new IllegalStateException("the outbox needs publisher confirms and returns: set spring.rabbitmq.publisher-confirm-type=correlated"
                    + " and spring.rabbitmq.publisher-returns=true");
        }
        this.template = new RabbitTemplate(connectionFactory);
        this.template.setMandatory(true);
        this.names = names;
    }

    /** Sends {@code message}; the answer completes when the broker confirms it. */
    public CorrelationData send(String id, StageMessage message) {
        CorrelationData correlation = new CorrelationData(id);
        template.send(names.exchange(), names.routingKey(message.stage()), StageMessageCodec.encode(message), correlation);
        return correlation;
    }

    /** Waits up to {@code timeout} for the broker's confirm of a {@link #send}. */
    public static void awaitConfirm(CorrelationData sent, Duration timeout) throws NotPublished {
        CorrelationData.Confirm confirm;
        try {
            confirm = sent.getFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NotPublished("no confirm from the broker within " + timeout);
        } catch (ExecutionException e) {
            throw new NotPublished("the confirm failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished("interrupted while waiting for the confirm");
        }
        if (sent.getReturned() != null) {
            throw new NotPublished("the broker returned it as unroutable (" + sent.getReturned().getReplyText() + "); is the stage topology declared?");
        }
        if (!confirm.isAck()) {
            throw new NotPublished("the broker did not take it: " + confirm.getReason());
        }
    }

    /** A message the broker did not confirm; the reason names no identifier. */
    public static final class NotPublished extends Exception {

        NotPublished(String reason) {
            super(reason);
        }
    }
}
