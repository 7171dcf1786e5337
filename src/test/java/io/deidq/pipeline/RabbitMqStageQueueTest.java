package io.deidq.pipeline;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.deidq.batch.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On the RabbitMQ that runs here and on CI; skipped, saying so, where none answers. */
@DisplayName("RabbitMQ at 127.0.0.1:5672")
class RabbitMqStageQueueTest extends StageQueueContract {

    @Override
    List<String> brokerArguments() {
        return List.of("--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=5672");
    }

    @BeforeAll
    @Override
    void startWorker() {
        Assumptions.assumeTrue(rabbitMqAnswers(), "no RabbitMQ answers at 127.0.0.1:5672: this test needs it");
        super.startWorker();
    }

    @AfterAll
    @Override
    void stopWorker() throws Exception {
        super.stopWorker();
        if (!rabbitMqAnswers()) {
            return;
        }
        try (Connection connection = rabbitMq().newConnection(); Channel channel = connection.createChannel()) {
            for (Stage stage : Stage.values()) {
                channel.queueDelete(names.queue(stage));
            }
            channel.exchangeDelete(names.exchange());
        }
    }

    @Test
    void theWorkerConnectsToRabbitMqAndStartsNoEmbeddedBroker() {
        assertThat(context.getBeansOfType(EmbeddedBroker.class)).isEmpty();
        assertThat(brokerConnection().getServerProperties().get("product").toString()).isEqualTo("RabbitMQ");
    }

    @Test
    void stageQueuesAreQuorumQueues() {
        for (Stage stage : Stage.values()) {
            String queue = names.queue(stage);
            assertThat(declares(queue, Map.of("x-queue-type", "quorum"))).as("%s redeclared as quorum", queue).isTrue();
            assertThat(declares(queue, Map.of("x-queue-type", "classic"))).as("%s redeclared as classic", queue).isFalse();
        }
    }

    /** A redeclaration with other arguments fails with PRECONDITION_FAILED: what the queue is, without the management API. */
    private boolean declares(String queue, Map<String, Object> arguments) {
        try (Connection connection = rabbitMq().newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, arguments);
            return true;
        } catch (IOException e) {
            assertThat(e.getCause()).hasMessageContaining("PRECONDITION_FAILED").hasMessageContaining("x-queue-type");
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ConnectionFactory rabbitMq() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        return factory;
    }

    static boolean rabbitMqAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
