package io.deidq.batch;

import io.deidq.DeidqApplication;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The closer as a receiver process runs it: on its own, every close-period, after the quiet period set by DEIDQ_BATCH_QUIET_PERIOD's property. */
@SpringBootTest(classes = {DeidqApplication.class, BatchCloserScheduleTest.Queue.class}, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DisplayName("BatchCloser in the receiver role, on H2")
class BatchCloserScheduleTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.roles", () -> "receiver");
        registry.add("deidq.batch.quiet-period", () -> "2s");
        registry.add("deidq.batch.close-period", () -> "100ms");
    }

    @TestConfiguration
    static class Queue {
        @Bean
        @Primary
        RecordingQueue batchQueue() {
            return new RecordingQueue();
        }
    }

    @Autowired
    BatchAssembly assembly;

    @Autowired
    BatchRepository batches;

    @Autowired
    RecordingQueue queue;

    @Test
    void aBatchWhoseAssociationsEndedClosesOnItsOwnOnceQuiet() {
        String association = UUID.randomUUID().toString();
        assembly.associationOpened(new ReceivedAssociation(association, "SCU", "DEIDQ", "127.0.0.1", Instant.now(), null));
        String uid = "1.2.826.0.1.3680043.9.7433.41." + System.nanoTime();
        List<Image> recorded = assembly.imagesReceived(List.of(new Image(uid, "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", "1.2.3",
                "1.2.3.4", "ACC-SCHEDULE", "images/" + uid + ".dcm", 1, "00000000", Instant.now(), association, null, null)));
        long batch = recorded.get(0).batchId();
        assembly.associationClosed(association, true);
        Instant ended = Instant.now();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> batches.findById(batch).orElseThrow().state() == BatchState.QUEUED);

        Batch closed = batches.findById(batch).orElseThrow();
        assertThat(Duration.between(closed.lastImageAt(), closed.closedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(ended, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(queue.committed).containsExactly(new RecordingQueue.Enqueued(batch, Stage.GET_IDENTIFIERS, 1, closed.closedAt()));
    }
}
