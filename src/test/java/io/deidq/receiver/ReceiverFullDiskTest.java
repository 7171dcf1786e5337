package io.deidq.receiver;

import io.deidq.testing.ServiceProperties;
import io.deidq.DeidqApplication;
import io.deidq.dicom.net.Association;
import io.deidq.dicom.net.Status;
import io.deidq.receiver.TestInstances.Instance;
import io.deidq.testing.DcmtkCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full disk: the spool is a 1 MiB tmpfs, which a 2 MiB data set overflows. Where mounting is not
 * permitted, a minimum free space larger than any disk stands in for it (the handler's own check,
 * which answers before a byte is written).
 */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class ReceiverFullDiskTest {

    private static final Logger log = LoggerFactory.getLogger(ReceiverFullDiskTest.class);

    @TempDir
    static Path dataDir;

    static Path spoolDir;

    static boolean tmpfs;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        spoolDir = Files.createDirectories(dataDir.resolve("spool"));
        tmpfs = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", spoolDir.toString());
        log.info("full disk by {}", tmpfs ? "a 1 MiB tmpfs as the spool" : "deidq.min-free-space larger than the disk (mount refused)");
        ServiceProperties.embedded(registry, dataDir.resolve("data"));
        registry.add("deidq.receiver.spool-directory", spoolDir::toString);
        registry.add("deidq.min-free-space", () -> tmpfs ? "0" : "1000000TB");
    }

    @AfterAll
    static void unmount() throws Exception {
        if (tmpfs) {
            // Lazily: the receiver, stopped only after this, still holds the spool's lock file open.
            run("umount", "-l", spoolDir.toString());
        }
    }

    @Autowired
    DicomReceiver receiver;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path work;

    @Test
    void aDataSetTheDiskCannotHoldIsOutOfResourcesAndLeavesNothing() throws IOException {
        Spool spool = new Spool(spoolDir, jdbc);
        Instance large = TestInstances.large(work.resolve("large.dcm"), 2 * 1024 * 1024);
        List<Path> kept = spool.imageFiles();
        assertThat(store(large)).isEqualTo(Status.OUT_OF_RESOURCES);
        assertThat(spool.rows(large.sopInstanceUid())).isEmpty();
        assertThat(spool.incomingFiles()).isEmpty();
        assertThat(spool.imageFiles()).isEqualTo(kept);
    }

    @Test
    void whatTheDiskCanHoldIsKeptOnceTheSpaceIsFreedAgain() throws IOException {
        Assumptions.assumeTrue(tmpfs, "without a real full disk every instance is refused");
        Spool spool = new Spool(spoolDir, jdbc);
        Instance large = TestInstances.large(work.resolve("large.dcm"), 2 * 1024 * 1024);
        assertThat(store(large)).isEqualTo(Status.OUT_OF_RESOURCES);
        Instance small = TestInstances.rewrite(DcmtkCorpus.get().sample("sc8").file(), work.resolve("small.dcm"), TestInstances.uid());
        assertThat(store(small)).isEqualTo(Status.SUCCESS);
        spool.assertReceived(small);
    }

    private int store(Instance instance) throws IOException {
        int status;
        try (Association association = Scu.open(receiver.port(), "FILLER", "DEIDQ", List.of(instance))) {
            status = Scu.send(association, 1, instance).status();
            association.release();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.activeAssociations() == 0);
        return status;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
