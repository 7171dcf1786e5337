package io.deidq.batch;

import java.util.List;

/**
 * The receiver's port into batch assembly: it announces each association and each new image as
 * it is recorded, and each association's end. Implementations must record durably before
 * returning: the receiver answers the sender only after {@link #imagesReceived} has returned.
 */
public interface BatchAssembly {

    void associationOpened(ReceivedAssociation association);

    /**
     * Records new images (instances received for the first time) in one transaction; returns those
     * recorded, leaving out any whose SOP Instance UID was recorded already (a resend).
     */
    List<Image> imagesReceived(List<Image> images);

    void associationClosed(String associationId, boolean released);
}
