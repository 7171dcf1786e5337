package io.deidq.pipeline;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Apache Qpid Broker-J in this process, AMQP 0-9-1 on 127.0.0.1, messages in memory: the broker of
 * an embedded deidq. What it holds is lost when the process stops; the outbox rows it had not
 * confirmed are not, and the relay publishes them again. Port 0 takes a free port at the first
 * start and keeps it across {@link #stop()} and {@link #start()}, since the connection factory
 * was given it. {@link #startedAt()} tells the sweeper when it started empty, so that the stages
 * queued before are queued again.
 */
public final class EmbeddedBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String INITIAL_CONFIGURATION = "/qpid-initial-config.json";

    private int port;
    private SystemLauncher launcher;
    private Path workDir;
    private Instant startedAt;
    /** Set while {@link #stop()} shuts the broker down: any other close is unexpected. */
    private volatile boolean stopping;

    public EmbeddedBroker(int port) {
        this.port = port;
    }

    public synchronized void start() {
        if (launcher != null) {
            return;
        }
        // Before it takes connections: any message published after this instant reached this broker.
        Instant starting = Instant.now();
        AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
        SystemLauncher launching = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                systemConfig.set(config);
            }

            @Override
            public void onContainerClose(SystemConfig<?> config) {
                if (!stopping) {
                    log.warn("the embedded broker on 127.0.0.1:{} closed, not stopped by deidq; it closed from here:", port,
                            new Throwable("the embedded broker closed"));
                }
            }
        });
        try {
            workDir = Files.createTempDirectory("deidq-broker-");
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("type", "Memory");
            attributes.put("initialConfigurationLocation", EmbeddedBroker.class.getResource(INITIAL_CONFIGURATION).toExternalForm());
            attributes.put("startupLoggedToSystemOut", false);
            attributes.put("context", Map.of("qpid.amqp_port", String.valueOf(port), "qpid.work_dir", workDir.toString()));
            launching.startup(attributes);
        } catch (Exception e) {
            launching.shutdown();
            deleteWorkDir();
            throw new IllegalStateException("the embedded broker did not start on 127.0.0.1:" + port + " (deidq.broker.embedded.port)", e);
        }
        launcher = launching;
        startedAt = starting;
        port = boundPort(systemConfig.get());
        log.info("Embedded AMQP broker (Qpid Broker-J) listening on 127.0.0.1:{}", port);
    }

    public synchronized void stop() {
        if (launcher == null) {
            return;
        }
        stopping = true;
        try {
            launcher.shutdown();
        } finally {
            stopping = false;
        }
        launcher = null;
        startedAt = null;
        deleteWorkDir();
        log.info("Embedded AMQP broker on 127.0.0.1:{} stopped", port);
    }

    /** Whether its AMQP port takes a TCP connection within a second. */
    public synchronized boolean listening() {
        if (launcher == null) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts it again, empty, on the same port when its AMQP port no longer takes connections;
     * answers whether it did. Under a heavy load, Qpid Broker-J 9.2.1 has been seen to close its
     * port a few seconds after starting, with no reason logged; the consumers would then wait for
     * ever. What the broker held is lost with it, as when its process dies: the outbox and the
     * sweeper queue it again.
     */
    public synchronized boolean restartIfDeaf() {
        if (launcher == null || listening()) {
            return false;
        }
        log.warn("the embedded broker stopped taking connections on 127.0.0.1:{}; starting it again", port);
        stop();
        start();
        return true;
    }

    /** When it last started, holding no message; null while it is stopped. */
    public synchronized Instant startedAt() {
        return startedAt;
    }

    /** The port it listens on (after the first start, the one port 0 gave). */
    public synchronized int port() {
        return port;
    }

    private static int boundPort(SystemConfig<?> systemConfig) {
        Broker<?> broker = (Broker<?>) systemConfig.getContainer(Broker.class);
        for (Port<?> candidate : broker.getPorts()) {
            if (candidate instanceof AmqpPort<?> amqp) {
                return amqp.getBoundPort();
            }
        }
        throw new IllegalStateException("the embedded broker has no AMQP port");
    }

    private void deleteWorkDir() {
        if (workDir == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the embedded broker's work directory " + workDir, e);
        }
        workDir = null;
    }
}
