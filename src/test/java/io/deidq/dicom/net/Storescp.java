package io.deidq.dicom.net;

import io.deidq.testing.Dcmtk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dcmtk's storescp, running for the length of a test class: started with TCP_NODELAY=1 (without
 * which dcmtk waits ~40 ms per message on loopback), awaited until it listens, killed at the end.
 */
final class Storescp implements AutoCloseable {

    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Process process;
    private final int port;
    private final Path log;

    private Storescp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** storescp on a free port, writing what it receives into {@code outputDirectory}, with {@code options} before the port. */
    static Storescp start(Path outputDirectory, String... options) throws IOException, InterruptedException {
        Dcmtk.requireTool("storescp");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("storescp", "--output-directory", outputDirectory.toString()));
        command.addAll(List.of(options));
        command.add(Integer.toString(port));
        Path log = Files.createTempFile(outputDirectory.getParent(), "storescp-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TCP_NODELAY", "1");
        Storescp storescp = new Storescp(builder.start(), port, log);
        storescp.awaitListening();
        return storescp;
    }

    int port() {
        return port;
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Waits for the port to be listened on, as the kernel reports it (/proc/net/tcp), rather than
     * by connecting, which storescp would take for an association that failed.
     */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!listening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("storescp ended with " + process.exitValue() + ": " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("storescp does not listen on " + port + " after 30 s: " + log());
            }
            Thread.sleep(20);
        }
    }

    private static boolean listening(int port) throws IOException {
        String local = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(local) && fields[3].equals("0A")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
