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
        launcher.shutdown();
        launcher = null;
        startedAt = null;
        deleteWorkDir();
        log.info("Embedded AMQP broker on 127.0.0.1:{} stopped", port);
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
