package io.deidq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/** Ports on the loopback interface for peers the tests start as processes. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port free at the moment of asking (a process started next is all but sure to get it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /**
     * Waits until {@code port} is listened on, as the kernel's socket tables tell (/proc/net/tcp),
     * rather than by connecting, which a DICOM peer would log as an association that failed; fails
     * naming {@code what} once {@code process} has died or the time is up.
     */
    public static void awaitListening(int port, Process process, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listening(port)) {
            if (!process.isAlive()) {
                fail(what + " exited with status " + process.exitValue() + " before listening on port " + port);
            }
            if (System.nanoTime() > deadline) {
                fail(what + " did not listen on port " + port + " within " + timeout);
            }
            sleep();
        }
    }

    private static boolean listening(int port) {
        String local = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(local) && fields[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (NoSuchFileException noIpv6) {
                // A kernel without IPv6 has no tcp6 table.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
