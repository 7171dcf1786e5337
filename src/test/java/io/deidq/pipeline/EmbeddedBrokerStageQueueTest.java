package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("embedded Qpid Broker-J")
class EmbeddedBrokerStageQueueTest extends StageQueueContract {

    @Override
    List<String> brokerArguments() {
        return List.of("--deidq.broker.embedded.port=0", "--deidq.broker.embedded.watch-interval=300ms");
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

    @Test
    void aBrokerThatClosedItsPortIsStartedAgainAndStagesArriveAgain() throws Exception {
        EmbeddedBroker broker = context.getBean(EmbeddedBroker.class);
        Instant before = broker.startedAt();
        amqpPortOf(broker).close();
        assertThat(broker.listening()).isFalse();

        await().atMost(DELIVERY).until(() -> broker.listening() && broker.startedAt().isAfter(before));
        long batch = newBatch();
        enqueueCommitted(batch, Stage.GET_IDENTIFIERS, Instant.now());
        await().atMost(DELIVERY).until(() -> getIdentifiers.of(batch).size() == 1);
    }

    /** What Qpid closed by itself under load, reached as the broker holds it: no API of deidq's closes a port. */
    private static AmqpPort<?> amqpPortOf(EmbeddedBroker broker) throws ReflectiveOperationException {
        Field launcher = EmbeddedBroker.class.getDeclaredField("launcher");
        launcher.setAccessible(true);
        Field systemConfig = SystemLauncher.class.getDeclaredField("_systemConfig");
        systemConfig.setAccessible(true);
        SystemConfig<?> config = (SystemConfig<?>) systemConfig.get(launcher.get(broker));
        Broker<?> qpid = (Broker<?>) config.getContainer(Broker.class);
        return qpid.getPorts().stream().filter(AmqpPort.class::isInstance).map(p -> (AmqpPort<?>) p).findFirst().orElseThrow();
    }
}
