package io.deidq.pipeline;

import com.rabbitmq.client.Channel;
import io.deidq.DeidqApplication;
import io.deidq.batch.BatchQueue;
import io.deidq.batch.Stage;
import io.deidq.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The stage queues of a worker (role worker alone, H2) on one broker, which the subclass names in
 * its display name, and every test's name with it. Exchange and queues carry a prefix of this run's
 * own, so that runs on a shared RabbitMQ do not meet; the subclass deletes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(BrokerDisplayNames.class)
abstract class StageQueueContract {

    static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    final String prefix = "deidq-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final QueueNames names = new QueueNames(prefix);
    final RecordingHandler getIdentifiers = new RecordingHandler(Stage.GET_IDENTIFIERS);
    final RecordingHandler prepareRequest = new RecordingHandler(Stage.PREPARE_REQUEST);
    private final AtomicLong batchIds = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    ConfigurableApplicationContext context;
    BatchQueue queue;
    TransactionTemplate transactions;

    /** The arguments that choose the broker. */
    abstract List<String> brokerArguments();

    @BeforeAll
    void startWorker() {
        List<String> arguments = new ArrayList<>(List.of("--deidq.roles=worker", "--deidq.data-dir=" + dataDir.resolve("data"),
                "--deidq.broker.prefix=" + prefix, "--deidq.outbox.poll-interval=100ms", "--deidq.outbox.max-backoff=1s",
                "--deidq.worker.recovery-interval=500ms",
                "--spring.main.allow-bean-definition-overriding=true"));
        arguments.addAll(brokerArguments());
        context = new SpringApplicationBuilder(DeidqApplication.class).web(WebApplicationType.NONE)
                .initializers(c -> {
                    ((GenericApplicationContext) c).registerBean("getIdentifiersStage", StageHandler.class, () -> getIdentifiers);
                    ((GenericApplicationContext) c).registerBean("prepareRequestStage", StageHandler.class, () -> prepareRequest);
                })
                .run(arguments.toArray(String[]::new));
        queue = context.getBean(BatchQueue.class);
        transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    @AfterAll
    void stopWorker() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    long newBatch() {
        return batchIds.incrementAndGet();
    }

    void enqueueCommitted(long batchId, Stage stage, Instant notBefore) {
        transactions.executeWithoutResult(status -> queue.enqueue(batchId, stage, 1, notBefore));
    }

    /** The queue as the broker declares it passively: it fails when there is none. */
    com.rabbitmq.client.AMQP.Queue.DeclareOk existing(Stage stage) throws Exception {
        try (Connection connection = context.getBean(ConnectionFactory.class).createConnection();
             Channel channel = connection.createChannel(false)) {
            return channel.queueDeclarePassive(names.queue(stage));
        }
    }

    /** The worker's connection: the broker's product and the port connected to. */
    com.rabbitmq.client.Connection brokerConnection() {
        try (Connection connection = context.getBean(ConnectionFactory.class).createConnection()) {
            return connection.getDelegate();
        }
    }

    @Test
    void everyStageHasItsDurableQueueBoundToTheStageExchange() throws Exception {
        for (Stage stage : Stage.values()) {
            assertThat(existing(stage).getQueue()).isEqualTo(prefix + "." + stage.queueName());
        }
        long batchId = newBatch();
        enqueueCommitted(batchId, Stage.PREPARE_REQUEST, Instant.now());
        await().atMost(DELIVERY).until(() -> prepareRequest.of(batchId).size() == 1);
    }

    @Test
    void aStageQueuedInACommittedTransactionReachesItsHandlerOnce() throws Exception {
        long batchId = newBatch();
        transactions.executeWithoutResult(status -> queue.enqueue(batchId, Stage.GET_IDENTIFIERS, 3, Instant.now()));
        await().atMost(DELIVERY).until(() -> !getIdentifiers.of(batchId).isEmpty());
        Thread.sleep(500);
        assertThat(getIdentifiers.of(batchId)).containsExactly(new StageMessage(batchId, Stage.GET_IDENTIFIERS, 3));
        assertThat(existing(Stage.GET_IDENTIFIERS).getMessageCount()).isZero();
    }

    @Test
    void aStageQueuedInARolledBackTransactionIsNeverPublished() {
        long rolledBack = newBatch();
        long committed = newBatch();
        transactions.executeWithoutResult(status -> {
            queue.enqueue(rolledBack, Stage.GET_IDENTIFIERS, 1, Instant.now());
            status.setRollbackOnly();
        });
        enqueueCommitted(committed, Stage.GET_IDENTIFIERS, Instant.now());
        await().atMost(DELIVERY).until(() -> !getIdentifiers.of(committed).isEmpty());
        assertThat(getIdentifiers.of(rolledBack)).isEmpty();
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM outbox WHERE batch_id = ?", Integer.class, rolledBack)).isZero();
    }

    @Test
    void aStageIsQueuedOnlyInsideATransaction() {
        assertThatThrownBy(() -> queue.enqueue(newBatch(), Stage.GET_IDENTIFIERS, 1, Instant.now()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aStageIsNotPublishedBeforeItsNotBeforeTime() throws Exception {
        long batchId = newBatch();
        Instant notBefore = Instant.now().plusSeconds(2);
        enqueueCommitted(batchId, Stage.GET_IDENTIFIERS, notBefore);
        Thread.sleep(1000);
        assertThat(getIdentifiers.of(batchId)).isEmpty();
        await().atMost(DELIVERY).until(() -> !getIdentifiers.of(batchId).isEmpty());
        assertThat(Instant.now()).isAfterOrEqualTo(notBefore);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM outbox WHERE batch_id = ? AND published_at IS NOT NULL", Integer.class, batchId)).isOne();
    }

    @Test
    void aHandlerThatThrowsHasItsMessageAcknowledgedAndNotRedelivered() throws Exception {
        long batchId = newBatch();
        getIdentifiers.failFor(batchId);
        enqueueCommitted(batchId, Stage.GET_IDENTIFIERS, Instant.now());
        await().atMost(DELIVERY).until(() -> !getIdentifiers.of(batchId).isEmpty());
        Thread.sleep(1500);
        assertThat(getIdentifiers.of(batchId)).hasSize(1);
        assertThat(existing(Stage.GET_IDENTIFIERS).getMessageCount()).isZero();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void twoRelaysOnOneDatabasePublishEachRowOnce(String database) throws Exception {
        DataSource dataSource;
        String schema = null;
        if (database.equals("h2")) {
            dataSource = context.getBean(DataSource.class);
        } else {
            org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabase.postgresAnswers(), "no PostgreSQL answers at " + TestDatabase.POSTGRES_URL);
            schema = "deidq_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            dataSource = new DriverManagerDataSource(TestDatabase.POSTGRES_URL + "?currentSchema=" + schema, "postgres", "");
            Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration").load().migrate();
        }
        try {
            relayTwice(dataSource);
        } finally {
            if (schema != null) {
                new JdbcTemplate(new DriverManagerDataSource(TestDatabase.POSTGRES_URL, "postgres", "")).execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private void relayTwice(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        OutboxRows rows = new OutboxRows(jdbc, 10);
        TransactionTemplate inserts = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        long first = newBatch();
        List<Long> batches = LongStream.range(0, 200).map(i -> first + i).boxed().toList();
        batchIds.addAndGet(200);
        inserts.executeWithoutResult(status -> batches.forEach(id -> rows.insert(new StageMessage(id, Stage.PREPARE_REQUEST, 1), Instant.now(), Instant.now())));
        OutboxProperties settings = new OutboxProperties(Duration.ofMillis(20), 10, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1));
        StagePublisher publisher = context.getBean(StagePublisher.class);
        List<OutboxRelay> relays = List.of(
                new OutboxRelay(rows, inserts, publisher, settings, Clock.systemUTC()),
                new OutboxRelay(rows, inserts, publisher, settings, Clock.systemUTC()));
        relays.forEach(OutboxRelay::start);
        try {
            await().atMost(DELIVERY).until(() -> batches.stream().allMatch(id -> !prepareRequest.of(id).isEmpty()));
            relays.forEach(OutboxRelay::stop);
            Map<Long, Long> deliveries = prepareRequest.handled().stream().filter(m -> batches.contains(m.batchId()))
                    .collect(Collectors.groupingBy(StageMessage::batchId, Collectors.counting()));
            assertThat(deliveries).hasSize(200).allSatisfy((id, count) -> assertThat(count).as("deliveries of batch %d", id).isOne());
            String ids = batches.stream().map(String::valueOf).collect(Collectors.joining(","));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE batch_id IN (" + ids + ") AND published_at IS NOT NULL AND publish_attempts = 1",
                    Integer.class)).isEqualTo(200);
        } finally {
            relays.forEach(OutboxRelay::stop);
        }
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }
}
