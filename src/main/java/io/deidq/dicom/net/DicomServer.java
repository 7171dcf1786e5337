package io.deidq.dicom.net;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens for associations and serves each on a thread of its own with a {@link StorageService}.
 * Beyond {@link ServerSettings#maxAssociations()} at once, a new association is rejected (transient,
 * local limit exceeded) rather than left waiting.
 */
public final class DicomServer implements Closeable {

    private static final System.Logger LOG = System.getLogger(DicomServer.class.getName());
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final ServerSettings settings;
    private final AssociationNegotiator negotiator;
    private final StorageService service;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dicom-association-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private ServerSocket listener;
    private Thread acceptor;

    public DicomServer(ServerSettings settings, AssociationNegotiator negotiator, StorageService service) {
        this.settings = settings;
        this.negotiator = negotiator;
        this.service = service;
    }

    public synchronized void start() throws IOException {
        listener = settings.tls() == null ? new ServerSocket() : settings.tls().getServerSocketFactory().createServerSocket();
        if (listener instanceof SSLServerSocket secure) {
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setProtocols(Tls.PROTOCOLS);
            parameters.setNeedClientAuth(settings.needClientAuth());
            secure.setSSLParameters(parameters);
        }
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()), 128);
        acceptor = new Thread(this::acceptLoop, "dicom-acceptor-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port listened on (the one chosen when the settings asked for port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    public int activeAssociations() {
        return active.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.add(socket);
                try {
                    workers.execute(() -> serve(socket));
                } catch (RejectedExecutionException stopping) {
                    // Accepted in the instant stop() shut the workers down: nobody will serve it.
                    connections.remove(socket);
                    socket.close();
                    return;
                }
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                // Not only a closed listener throws SocketException: running out of file descriptors
                // does too, and must not end the accepting for good. A pause lets connections end.
                LOG.log(System.Logger.Level.WARNING, "cannot accept a connection on port {0}: {1}", port(), e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket socket) {
        boolean overLimit = active.incrementAndGet() > settings.maxAssociations();
        AssociationNegotiator decide = overLimit
                ? (rq, peer) -> {
                    throw new AssociationRejectedException(AssociateReject.localLimitExceeded(),
                            settings.maxAssociations() + " associations are served already");
                }
                : negotiator;
        try {
            socket.setTcpNoDelay(true);
            if (socket instanceof SSLSocket secure) {
                secure.setSoTimeout(settings.timeouts().artimMillis());
                secure.startHandshake();
            }
            Association association = Association.accept(socket, settings.maxPduReceived(), settings.timeouts(), decide);
            if (association != null) {
                // An association the service gives up on (its handler failing) is aborted, not just dropped.
                try (association) {
                    service.serve(association);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "association from {0} ended: {1}", socket.getInetAddress().getHostAddress(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "association from " + socket.getInetAddress().getHostAddress() + " failed", e);
        } finally {
            active.decrementAndGet();
            connections.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // The association is over either way.
            }
        }
    }

    /**
     * Stops listening, gives the associations in progress {@code graceMillis} to finish, then
     * closes their connections (a data set cut off that way is not stored: its sender keeps it).
     */
    public void stop(long graceMillis) {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // Not listening any more is what was wanted.
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                for (Socket socket : connections) {
                    socket.close();
                }
                workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // A connection that cannot be closed is closed by the end of the process.
        }
    }

    @Override
    public void close() {
        stop(5_000);
    }
}
