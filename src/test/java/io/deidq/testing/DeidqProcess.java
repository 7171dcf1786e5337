package io.deidq.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * deidq serving ({@code io.deidq.Main serve}) in a JVM of its own with the test classpath, as it
 * runs in production, so that it can be killed: one process of every role, or one of a few roles
 * beside others on a shared database and broker.
 */
public final class DeidqProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DICOM receiver DEIDQ listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in [0-9.]+ seconds");
    private static final Duration START_WAIT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final int port;

    private DeidqProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Every role on {@code dataDir}, its embedded database and broker, with further {@code arguments} if any; once its receiver listens. */
    public static DeidqProcess start(Path dataDir, Path log, String... arguments) throws IOException {
        List<String> all = new ArrayList<>(List.of("--deidq.data-dir=" + dataDir, "--deidq.broker.embedded.port=0"));
        all.addAll(List.of(arguments));
        return receiver(log, all);
    }

    /** deidq with {@code arguments}, whose roles include the receiver; once it listens on a free loopback port. */
    public static DeidqProcess receiver(Path log, List<String> arguments) throws IOException {
        List<String> all = new ArrayList<>(List.of("--deidq.receiver.port=0", "--deidq.receiver.bind-address=127.0.0.1"));
        all.addAll(arguments);
        DeidqProcess deidq = launch(log, all);
        return new DeidqProcess(deidq.process, log, Integer.parseInt(deidq.awaitStart(LISTENING).group(1)));
    }

    /** deidq with {@code arguments}, of roles without the receiver (a worker); once the application has started. */
    public static DeidqProcess started(Path log, List<String> arguments) throws IOException {
        DeidqProcess deidq = launch(log, arguments);
        deidq.awaitStart(STARTED);
        return deidq;
    }

    /** C1 alone: a test's deidq lives for seconds, most of them its start-up, which C2 only slows. */
    private static DeidqProcess launch(Path log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.deidq.Main", "serve", "--server.port=0", "--server.address=127.0.0.1"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new DeidqProcess(process, log, 0);
    }

    private MatchResult awaitStart(Pattern started) {
        try {
            return awaitOutput(started, START_WAIT);
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw new AssertionError("deidq did not start:\n" + output(), e);
        }
    }

    /** Waits until the output holds {@code line}, and gives its first match; fails at once should the process end. */
    public MatchResult awaitOutput(Pattern line, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> find(line), Objects::nonNull);
    }

    /** The first match of {@code line} in the output, or null. */
    private MatchResult find(Pattern line) {
        Matcher matcher = line.matcher(output());
        if (matcher.find()) {
            return matcher.toMatchResult();
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("deidq exited with " + process.exitValue() + " before it logged " + line);
        }
        return null;
    }

    /** The port its receiver listens on; 0 for a process without the receiver. */
    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: nothing of deidq runs after it, no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }

    /** SIGTERM: the graceful shutdown of a service manager. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new AssertionError("deidq did not stop on SIGTERM:\n" + output());
        }
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
