package io.deidq.receiver;

import io.deidq.testing.ServiceProperties;
import io.deidq.DeidqApplication;
import io.deidq.dicom.net.Association;
import io.deidq.dicom.net.Status;
import io.deidq.dicom.net.StoreResult;
import io.deidq.receiver.TestInstances.Instance;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DcmtkCorpus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** dcmtk's echoscu and storescu, and deidq's own SCU, against the receiver: what they send is what is kept. */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class ReceiverInteropTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir.resolve("data"));
    }

    @Autowired
    DicomReceiver receiver;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path work;

    Spool spool;

    @BeforeEach
    void spool() {
        spool = new Spool(dataDir.resolve("data/spool"), jdbc);
    }

    @Test
    void echoscuIsAnswered() {
        Dcmtk.run(work, "echoscu", "-aec", "DEIDQ", "127.0.0.1", String.valueOf(receiver.port())).assertClean();
    }

    @Test
    void everyTransferSyntaxOfTheCorpusIsSentByOneOrTheOtherScu() throws IOException {
        Set<String> sent = new HashSet<>();
        TestInstances.forStorescu(work.resolve("storescu")).forEach(i -> sent.add(i.transferSyntaxUid()));
        TestInstances.forDicomClient(work.resolve("scu")).forEach(i -> sent.add(i.transferSyntaxUid()));
        Set<String> corpus = DcmtkCorpus.get().samples().stream().map(s -> TestInstances.read(s.file()).transferSyntaxUid())
                .collect(Collectors.toSet());
        assertThat(sent).isEqualTo(corpus).hasSizeGreaterThan(20);
    }

    @Test
    void storescuWithSmallPdusIsKeptAsSent() throws IOException {
        List<Instance> instances = TestInstances.forStorescu(work.resolve("files"));
        Storescu.send(work, receiver.port(), instances, "--max-pdu", "4096", "--max-send-pdu", "4096").assertClean();
        assertAllReceived(instances, "STORESCU");
    }

    @Test
    void storescuWithLargePdusIsKeptAsSent() throws IOException {
        List<Instance> instances = TestInstances.forStorescu(work.resolve("files"));
        Storescu.send(work, receiver.port(), instances, "--max-pdu", "131072", "--max-send-pdu", "131072").assertClean();
        assertAllReceived(instances, "STORESCU");
    }

    @Test
    void fourStorescuAtOnceAreEachKeptAsSent() throws Exception {
        List<List<Instance>> sets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sets.add(TestInstances.forStorescu(work.resolve("files-" + i)));
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<Dcmtk.Result>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Path dir = work.resolve("files-" + i);
                List<Instance> set = sets.get(i);
                results.add(senders.submit(() -> Storescu.send(dir, receiver.port(), set)));
            }
            for (Future<Dcmtk.Result> result : results) {
                result.get().assertClean();
            }
        } finally {
            senders.shutdownNow();
        }
        for (List<Instance> set : sets) {
            assertAllReceived(set, "STORESCU");
        }
    }

    @Test
    void whatStorescuCannotSendIsKeptAsSentByDeidqsScu() throws IOException {
        List<Instance> instances = TestInstances.forDicomClient(work.resolve("files"));
        assertThat(instances).extracting(Instance::transferSyntaxUid).containsAll(TestInstances.UNKNOWN_TO_DCMTK);
        try (Association association = Scu.open(receiver.port(), "DEIDQ-SCU", "DEIDQ", instances)) {
            int messageId = 1;
            for (Instance instance : instances) {
                StoreResult result = Scu.send(association, messageId++, instance);
                assertThat(result.status()).as("status for %s: %s", instance, result.errorComment()).isEqualTo(Status.SUCCESS);
            }
            association.release();
        }
        assertAllReceived(instances, "DEIDQ-SCU");
    }

    @Test
    void anInstanceSentTwiceIsOneImage() throws IOException {
        Instance instance = TestInstances.forStorescu(work.resolve("files")).get(0);
        int filesBefore = spool.imageFiles().size();
        Storescu.send(work, receiver.port(), List.of(instance)).assertClean();
        Storescu.send(work, receiver.port(), List.of(instance)).assertClean();
        spool.assertReceived(instance);
        assertThat(spool.imageFiles()).hasSize(filesBefore + 1);
    }

    @Test
    void anInstanceSentOverTwoAssociationsAtOnceIsOneImage() throws Exception {
        Path source = DcmtkCorpus.get().sample("sc8").file();
        List<Instance> twins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twins.add(TestInstances.rewrite(source, work.resolve("twin-" + i + ".dcm"), TestInstances.uid()));
        }
        int filesBefore = spool.imageFiles().size();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Integer>>> statuses = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                statuses.add(senders.submit(() -> {
                    List<Integer> answers = new ArrayList<>();
                    try (Association association = Scu.open(receiver.port(), "TWIN", "DEIDQ", twins)) {
                        int messageId = 1;
                        for (Instance twin : twins) {
                            together.await();
                            answers.add(Scu.send(association, messageId++, twin).status());
                        }
                        association.release();
                    }
                    return answers;
                }));
            }
            for (Future<List<Integer>> answers : statuses) {
                assertThat(answers.get()).hasSize(twins.size()).containsOnly(Status.SUCCESS);
            }
        } finally {
            senders.shutdownNow();
        }
        for (Instance twin : twins) {
            spool.assertReceived(twin);
        }
        assertThat(spool.imageFiles()).hasSize(filesBefore + twins.size());
    }

    /** Each instance recorded once, intact, and attributed to a released association of its sender. */
    private void assertAllReceived(List<Instance> instances, String callingAeTitle) throws IOException {
        Set<String> associations = new HashSet<>();
        for (Instance instance : instances) {
            spool.assertReceived(instance);
            associations.add((String) spool.rows(instance.sopInstanceUid()).get(0).get("association_id"));
        }
        assertThat(spool.incomingFiles()).as("partial files").isEmpty();
        assertThat(associations).hasSize(1);
        String id = associations.iterator().next();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> association = jdbc.queryForMap("select * from received_association where id = ?", id);
            assertThat(association.get("calling_ae_title")).isEqualTo(callingAeTitle);
            assertThat(association.get("called_ae_title")).isEqualTo("DEIDQ");
            assertThat(association.get("peer_address")).isEqualTo("127.0.0.1");
            assertThat(association.get("released")).isEqualTo(true);
            assertThat(association.get("closed_at")).isNotNull();
        });
    }
}
