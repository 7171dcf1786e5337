package io.deidq.receiver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spool is swept only while no receiver, of this process or another, uses it. */
@Timeout(120)
class SpoolLockTest {

    @TempDir
    Path spool;

    private final AtomicInteger sweeps = new AtomicInteger();

    @Test
    void aSpoolNoReceiverUsesIsSweptFirst() throws Exception {
        try (SpoolLock lock = SpoolLock.acquire(spool, sweeps::incrementAndGet)) {
            assertThat(sweeps).hasValue(1);
        }
    }

    @Test
    void aSpoolAReceiverOfAnotherProcessUsesIsNotSweptAndIsSharedWithIt() throws Exception {
        Process other = holdShared(spool);
        try {
            try (SpoolLock lock = SpoolLock.acquire(spool, sweeps::incrementAndGet)) {
                assertThat(sweeps).hasValue(0);
            }
        } finally {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (SpoolLock lock = SpoolLock.acquire(spool, sweeps::incrementAndGet)) {
            assertThat(sweeps).as("swept once the other process is gone, however it ended").hasValue(1);
        }
    }

    @Test
    void aSecondReceiverOfThisProcessOnTheSameSpoolIsRefused() throws Exception {
        try (SpoolLock lock = SpoolLock.acquire(spool, sweeps::incrementAndGet)) {
            assertThatThrownBy(() -> SpoolLock.acquire(spool, sweeps::incrementAndGet)).isInstanceOf(IllegalStateException.class);
        }
        try (SpoolLock lock = SpoolLock.acquire(spool, sweeps::incrementAndGet)) {
            assertThat(sweeps).hasValue(2);
        }
    }

    /** Another JVM that holds the shared lock a running receiver holds, until it is killed. */
    private static Process holdShared(Path spool) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClasses(), SharedHolder.class.getName(), spool.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
    }

    private static String testClasses() throws URISyntaxException {
        return Path.of(SpoolLockTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Run in its own JVM by {@link #holdShared}. */
    static final class SharedHolder {

        public static void main(String[] args) throws Exception {
            FileChannel channel = FileChannel.open(Path.of(args[0], SpoolLock.FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            channel.lock(0, Long.MAX_VALUE, true);
            System.out.println("locked");
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
