package io.deidq.receiver;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The C-STORE receiver (config/README.md documents each).
 *
 * @param aeTitle             the called AE title deidq answers to
 * @param bindAddress         the address to listen on
 * @param port                the DICOM port
 * @param maxAssociations     associations served at once; more are rejected (transient)
 * @param maxPduLength        the maximum P-DATA-TF length deidq announces and accepts
 * @param artimTimeout        ARTIM: how long association setup and teardown may take
 * @param idleTimeout         an established association quiet this long is aborted
 * @param acceptAnyOnLoopback any calling AE title from a loopback address is accepted
 * @param allowedPeers        the calling AE titles accepted from elsewhere, each optionally bound to a host
 * @param spoolDirectory      where received instances are kept until processed; default data-dir/spool
 * @param tls                 DICOM TLS (PS3.15 Annex B)
 */
@ConfigurationProperties(prefix = "deidq.receiver")
public record ReceiverProperties(String aeTitle, String bindAddress, int port, int maxAssociations, DataSize maxPduLength,
                                 Duration artimTimeout, Duration idleTimeout, boolean acceptAnyOnLoopback,
                                 List<AllowedPeer> allowedPeers, Path spoolDirectory, TlsProperties tls) {

    /** A calling AE title accepted from {@code host} (a name or address), or from anywhere when host is empty. */
    public record AllowedPeer(String aeTitle, String host) {
    }

    /**
     * @param keyStore         deidq's private key and certificate (PKCS12, or JKS by a .jks name)
     * @param trustStore       the certificates of the peers to trust
     * @param needClientAuth   peers must present a certificate the trust store vouches for
     */
    public record TlsProperties(boolean enabled, Path keyStore, String keyStorePassword, Path trustStore,
                                String trustStorePassword, boolean needClientAuth) {
    }

    /** The spool: {@link #spoolDirectory()} when set, else {@code dataDir/spool}. Workers read the images there too. */
    public Path spoolDirectory(Path dataDir) {
        return spoolDirectory != null ? spoolDirectory : dataDir.resolve("spool");
    }

    public ReceiverProperties {
        allowedPeers = allowedPeers == null ? List.of() : List.copyOf(allowedPeers);
        if (tls == null) {
            tls = new TlsProperties(false, null, null, null, null, true);
        }
    }
}
