package io.deidq.receiver;

import io.deidq.ConditionalOnRole;
import io.deidq.DeidqProperties;
import io.deidq.batch.BatchAssembly;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.ReceivedAssociationRepository;
import io.deidq.dicom.net.DicomServer;
import io.deidq.dicom.net.ServerSettings;
import io.deidq.dicom.net.StorageService;
import io.deidq.dicom.net.Timeouts;
import io.deidq.dicom.net.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The C-STORE receiver of the {@code receiver} role: takes its share of the spool (sweeping it, and
 * ending the associations an earlier run left open, when no other receiver uses it), then listens
 * for associations until the application stops, when it lets associations in progress finish.
 */
@Component
@ConditionalOnRole("receiver")
public class DicomReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DicomReceiver.class);
    private static final long STOP_GRACE_MILLIS = 20_000;

    private final ReceiverProperties properties;
    private final DeidqProperties deidq;
    private final BatchAssembly batchAssembly;
    private final ImageRepository images;
    private final InterruptedAssociations interrupted;
    private DicomServer server;
    private ImageRecorder recorder;
    private SpoolLock lock;

    public DicomReceiver(ReceiverProperties properties, DeidqProperties deidq, BatchAssembly batchAssembly, ImageRepository images,
                         ReceivedAssociationRepository associations, TransactionTemplate transaction) {
        this.properties = properties;
        this.deidq = deidq;
        this.batchAssembly = batchAssembly;
        this.images = images;
        this.interrupted = new InterruptedAssociations(associations, transaction);
    }

    @Override
    public synchronized void start() {
        if (!deidq.roles().contains("receiver")) {
            return;
        }
        try {
            SpoolStore spool = new SpoolStore(spoolDirectory(), properties.aeTitle());
            // The interrupted associations end after the sweep: the images it records join their batches
            // while those are still held open, and so go through the pipeline with the rest of their study.
            lock = SpoolLock.acquire(spool.root(), () -> {
                new SpoolJanitor(spool, images, batchAssembly, properties.aeTitle()).sweep();
                interrupted.end(spool.id());
            });
            recorder = new ImageRecorder(batchAssembly, SpoolStore::fsyncDirectory);
            ServerSettings settings = new ServerSettings(properties.bindAddress(), properties.port(), properties.maxAssociations(),
                    properties.maxPduLength().toBytes(), new Timeouts(10_000, (int) properties.artimTimeout().toMillis(),
                    (int) properties.idleTimeout().toMillis()), tls(), properties.tls().needClientAuth());
            server = new DicomServer(settings, new ReceiverAccessControl(properties),
                    new StorageService(new ReceiverStoreHandler(spool, recorder, batchAssembly, images, deidq.minFreeSpace().toBytes())));
            server.start();
        } catch (IOException e) {
            release();
            throw new UncheckedIOException("cannot start the DICOM receiver on port " + properties.port(), e);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
        log.info("DICOM receiver {} listening on {}:{}{}", properties.aeTitle(), properties.bindAddress(), server.port(),
                properties.tls().enabled() ? " (TLS)" : "");
    }

    /** Stops taking associations, lets those in progress finish, commits their last images and leaves the spool. */
    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(STOP_GRACE_MILLIS);
        }
        release();
    }

    private void release() {
        server = null;
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("cannot release the spool lock: {}", e.getMessage());
            }
            lock = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port listened on, which differs from the property when that asks for any free port (0). */
    public synchronized int port() {
        return server.port();
    }

    public synchronized int activeAssociations() {
        return server == null ? 0 : server.activeAssociations();
    }

    Path spoolDirectory() {
        return properties.spoolDirectory(deidq.dataDir());
    }

    private SSLContext tls() throws IOException {
        ReceiverProperties.TlsProperties tls = properties.tls();
        if (!tls.enabled()) {
            return null;
        }
        return Tls.context(tls.keyStore(), chars(tls.keyStorePassword()), tls.trustStore(), chars(tls.trustStorePassword()));
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
