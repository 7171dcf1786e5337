package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("embedded Qpid Broker-J")
class EmbeddedBrokerStageQueueTest extends StageQueueContract {

    @Override
    List<String> brokerArguments() {
        return List.of("--deidq.broker.embedded.port=0");
    }

    @Test
    void theWorkerRunsTheEmbeddedBrokerWhenNoRabbitMqHostIsSet() throws Exception {
        EmbeddedBroker broker = context.getBean(EmbeddedBroker.class);
        assertThat(broker.port()).isPositive();
        assertThat(brokerConnection().getServerProperties().get("product").toString()).startsWith("Apache Qpid Broker-J");
        assertThat(brokerConnection().getPort()).isEqualTo(broker.port());
    }

    @Test
    void stagesQueuedWhileTheBrokerIsDownAreDeliveredWhenItIsBack() throws Exception {
        EmbeddedBroker broker = context.getBean(EmbeddedBroker.class);
        List<Long> batches = List.of(newBatch(), newBatch(), newBatch());
        broker.stop();
        try {
            batches.forEach(id -> enqueueCommitted(id, Stage.GET_IDENTIFIERS, Instant.now()));
            await().atMost(DELIVERY).until(() -> jdbc().queryForObject(
                    "SELECT COUNT(*) FROM outbox WHERE batch_id IN (?, ?, ?) AND published_at IS NULL AND publish_attempts > 0 AND last_error IS NOT NULL",
                    Integer.class, batches.get(0), batches.get(1), batches.get(2)) == 3);
            assertThat(batches).allSatisfy(id -> assertThat(getIdentifiers.of(id)).isEmpty());
        } finally {
            broker.start();
        }
        await().atMost(DELIVERY).until(() -> batches.stream().allMatch(id -> getIdentifiers.of(id).size() == 1));
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM outbox WHERE batch_id IN (?, ?, ?) AND published_at IS NOT NULL",
                Integer.class, batches.get(0), batches.get(1), batches.get(2))).isEqualTo(3);
    }
}
