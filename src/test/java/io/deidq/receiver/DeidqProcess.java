package io.deidq.receiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** deidq serving in a JVM of its own, as it runs in production, so that it can be killed. */
final class DeidqProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DICOM receiver DEIDQ listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_WAIT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final int port;

    private DeidqProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts deidq on {@code dataDir}, with further {@code arguments} (properties) if any, and waits until its receiver listens. */
    static DeidqProcess start(Path dataDir, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.deidq.Main", "serve",
                "--deidq.data-dir=" + dataDir, "--deidq.receiver.port=0", "--deidq.receiver.bind-address=127.0.0.1", "--deidq.broker.embedded.port=0", "--server.port=0",
                "--server.address=127.0.0.1"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DeidqProcess deidq = new DeidqProcess(process, log, 0);
        try {
            int port = await().atMost(START_WAIT).pollInterval(Duration.ofMillis(100)).until(deidq::listeningPort, p -> p > 0);
            return new DeidqProcess(process, log, port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new AssertionError("deidq did not start:\n" + deidq.output(), e);
        }
    }

    int port() {
        return port;
    }

    /** SIGKILL: nothing of deidq runs after it, no shutdown hook, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }

    /** SIGTERM: the graceful shutdown of a service manager. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new AssertionError("deidq did not stop on SIGTERM:\n" + output());
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private int listeningPort() {
        if (!process.isAlive()) {
            throw new IllegalStateException("deidq exited with " + process.exitValue());
        }
        Matcher listening = LISTENING.matcher(output());
        return listening.find() ? Integer.parseInt(listening.group(1)) : 0;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
