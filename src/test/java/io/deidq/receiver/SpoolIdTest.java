package io.deidq.receiver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spool's id: written once, the same however the spool is reached, one for receivers starting at once. */
class SpoolIdTest {

    @TempDir
    Path dir;

    @Test
    void theIdWrittenAtTheFirstStartIsReadAtEveryLaterOneByAnyPath() throws IOException {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        String id = SpoolId.readOrCreate(spool);
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);

        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(SpoolId.readOrCreate(spool)).isEqualTo(id);
        assertThat(new SpoolStore(link.resolve("spool"), "DEIDQ").id()).isEqualTo(id);
        assertThat(SpoolId.readOrCreate(Files.createDirectories(dir.resolve("another-spool")))).isNotEqualTo(id);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.resolve(SpoolId.FILE)))).isEqualTo("rw-------");
        try (var files = Files.list(spool)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())).as("no other file of its making left")
                    .containsExactly(SpoolId.FILE);
        }
    }

    @Test
    void receiversCreatingTheIdOfANewSpoolAtOnceAllReadTheOneKept() throws Exception {
        int receivers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(receivers);
        try {
            for (int round = 0; round < 20; round++) {
                Path spool = Files.createDirectories(dir.resolve("spool-" + round));
                CyclicBarrier together = new CyclicBarrier(receivers);
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < receivers; i++) {
                    ids.add(threads.submit(() -> {
                        together.await();
                        return SpoolId.readOrCreate(spool);
                    }));
                }
                Set<String> distinct = new HashSet<>();
                for (Future<String> id : ids) {
                    distinct.add(id.get());
                }
                assertThat(distinct).as("round %d", round).containsExactly(Files.readString(spool.resolve(SpoolId.FILE)).strip());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFileThatHoldsNoIdIsRefusedNamingIt() throws IOException {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Files.writeString(spool.resolve(SpoolId.FILE), "");

        assertThatThrownBy(() -> SpoolId.readOrCreate(spool)).isInstanceOf(IOException.class)
                .hasMessageContaining(spool.resolve(SpoolId.FILE).toString()).hasMessageContaining("does not hold a spool id");
    }
}
