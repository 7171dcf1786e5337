package io.deidq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * dcmtk's storescp as a peer, run as a process on a free loopback port with TCP_NODELAY=1 (without
 * it dcmtk waits on delayed ACKs), writing what it receives bit for bit (+B) into a directory.
 */
public final class Storescp implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path log;

    private Storescp(Process process, int port, Path directory, Path log) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.log = log;
    }

    /** Starts storescp with AE title STORESCP; {@code options} are added, e.g. "+xa" to accept every transfer syntax. */
    public static Storescp start(Path directory, String... options) {
        Dcmtk.requireTool("storescp");
        int port = LocalPorts.free();
        try {
            Files.createDirectories(directory);
            Path log = Files.createTempFile(directory.getParent(), "storescp-", ".log");
            List<String> command = new ArrayList<>(List.of("storescp", "-v", "--aetitle", "STORESCP", "+B", "-od", directory.toString()));
            command.addAll(List.of(options));
            command.add(String.valueOf(port));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("TCP_NODELAY", "1");
            Storescp storescp = new Storescp(builder.start(), port, directory, log);
            LocalPorts.awaitListening(port, storescp.process, "storescp", Duration.ofSeconds(20));
            return storescp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start storescp", e);
        }
    }

    public int port() {
        return port;
    }

    /** The files storescp has written so far. */
    public List<Path> received() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
