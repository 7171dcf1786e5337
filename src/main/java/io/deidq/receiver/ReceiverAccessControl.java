package io.deidq.receiver;

import io.deidq.dicom.net.AssociateAccept;
import io.deidq.dicom.net.AssociateReject;
import io.deidq.dicom.net.AssociateRequest;
import io.deidq.dicom.net.AssociationNegotiator;
import io.deidq.dicom.net.AssociationRejectedException;
import io.deidq.dicom.net.StorageNegotiation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may send to deidq: the called AE title must be deidq's; the calling AE title must be on
 * the allow-list (from the listed host, when one is given), or any title when the peer is on a
 * loopback address and that is allowed. Refusals are logged with AE titles and address only.
 */
final class ReceiverAccessControl implements AssociationNegotiator {

    private static final Logger log = LoggerFactory.getLogger(ReceiverAccessControl.class);

    private final ReceiverProperties properties;

    ReceiverAccessControl(ReceiverProperties properties) {
        this.properties = properties;
    }

    @Override
    public AssociateAccept negotiate(AssociateRequest request, InetAddress peer) throws AssociationRejectedException {
        if (!properties.aeTitle().equals(request.calledAeTitle())) {
            log.warn("refused association from {} ({}): called AE title '{}' is not '{}'", request.callingAeTitle(),
                    peer.getHostAddress(), request.calledAeTitle(), properties.aeTitle());
            throw new AssociationRejectedException(AssociateReject.calledAeTitleNotRecognized(), request.calledAeTitle());
        }
        if (!allowed(request.callingAeTitle(), peer)) {
            log.warn("refused association from {} ({}): calling AE title not on the allow-list for this address",
                    request.callingAeTitle(), peer.getHostAddress());
            throw new AssociationRejectedException(AssociateReject.callingAeTitleNotRecognized(), request.callingAeTitle());
        }
        return StorageNegotiation.accept(request, properties.maxPduLength().toBytes());
    }

    private boolean allowed(String callingAeTitle, InetAddress peer) {
        if (properties.acceptAnyOnLoopback() && peer.isLoopbackAddress()) {
            return true;
        }
        for (ReceiverProperties.AllowedPeer allowed : properties.allowedPeers()) {
            if (allowed.aeTitle().equals(callingAeTitle) && (allowed.host() == null || allowed.host().isBlank() || sameHost(allowed.host(), peer))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameHost(String host, InetAddress peer) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.equals(peer)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            log.warn("allow-list host {} does not resolve: {}", host, e.getMessage());
        }
        return false;
    }
}
