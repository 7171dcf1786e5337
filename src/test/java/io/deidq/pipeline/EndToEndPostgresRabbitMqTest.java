package io.deidq.pipeline;

import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** As production runs: PostgreSQL at 127.0.0.1:5432 (a schema of its own) and RabbitMQ at 127.0.0.1:5672; skipped, saying so, without them. */
@DisplayName("End to end: storescu to output (PostgreSQL, RabbitMQ at 127.0.0.1:5672)")
class EndToEndPostgresRabbitMqTest extends EndToEndContract {

    private TestDatabase database;

    @Override
    List<String> infrastructure(Path dataDir) {
        Assumptions.assumeTrue(rabbitMqAnswers(), "no RabbitMQ answers at 127.0.0.1:5672: this test needs it");
        database = TestDatabase.open("postgresql", dataDir);
        // The data directory is the contract's already: given twice, Spring would join both into one path.
        List<String> arguments = new ArrayList<>(database.arguments().stream().filter(a -> !a.startsWith("--deidq.data-dir=")).toList());
        arguments.addAll(List.of("--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=5672"));
        return arguments;
    }

    @Override
    void stopped() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    private static boolean rabbitMqAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
