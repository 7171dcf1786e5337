package io.deidq.dicom.net;

import javax.net.ssl.SSLContext;
import java.io.IOException;

/** A DicomServer on 127.0.0.1 and a port of the system's choosing, negotiating as the receiver does. */
final class TestServer implements AutoCloseable {

    /** Timers long enough never to fire in a test that is not about them. */
    static final Timeouts PATIENT = new Timeouts(20_000, 20_000, 20_000);

    private final DicomServer server;

    private TestServer(DicomServer server) {
        this.server = server;
    }

    static TestServer start(RecordingHandler handler) throws IOException {
        return start(handler, 16, 16384, PATIENT);
    }

    static TestServer start(RecordingHandler handler, int maxAssociations, long maxPdu, Timeouts timeouts) throws IOException {
        return start(handler, new ServerSettings("127.0.0.1", 0, maxAssociations, maxPdu, timeouts, null, false));
    }

    static TestServer start(RecordingHandler handler, ServerSettings settings) throws IOException {
        DicomServer server = new DicomServer(settings, (rq, peer) -> StorageNegotiation.accept(rq, settings.maxPduReceived()),
                new StorageService(handler));
        server.start();
        return new TestServer(server);
    }

    static ServerSettings tlsSettings(SSLContext tls, boolean needClientAuth) {
        return new ServerSettings("127.0.0.1", 0, 16, 16384, PATIENT, tls, needClientAuth);
    }

    int port() {
        return server.port();
    }

    DicomServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop(2_000);
    }
}
