package io.deidq.dicom.net;

import java.io.IOException;

/** The association was rejected: by the peer (requestor side), or by this side's policy (acceptor side). */
public final class AssociationRejectedException extends IOException {

    private final AssociateReject reject;

    public AssociationRejectedException(AssociateReject reject, String detail) {
        super(reject.describe() + (detail == null ? "" : ": " + detail));
        this.reject = reject;
    }

    public AssociateReject reject() {
        return reject;
    }
}
