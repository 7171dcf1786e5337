package io.deidq.dicom.net;

import javax.net.ssl.SSLContext;

/**
 * How a {@link DicomServer} listens: address and port, how many associations it serves at once
 * (more are rejected, transient, "local limit exceeded"), the maximum PDU length it announces,
 * its timers, and TLS (null for plain TCP) with whether peers must show a certificate.
 */
public record ServerSettings(String bindAddress, int port, int maxAssociations, long maxPduReceived, Timeouts timeouts,
                             SSLContext tls, boolean needClientAuth) {

    public ServerSettings {
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("maxAssociations must be at least 1, not " + maxAssociations);
        }
        if (maxPduReceived != 0 && maxPduReceived < 8) {
            throw new IllegalArgumentException("maxPduReceived must be 0 (no limit) or at least 8, not " + maxPduReceived);
        }
    }
}
