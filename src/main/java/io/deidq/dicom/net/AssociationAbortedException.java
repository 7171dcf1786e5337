package io.deidq.dicom.net;

import java.io.IOException;

/** The association ended by A-ABORT: sent by the peer, or by this side for the reason given. */
public final class AssociationAbortedException extends IOException {

    private final Abort abort;

    public AssociationAbortedException(Abort abort, String detail) {
        super(abort.describe() + (detail == null ? "" : ": " + detail));
        this.abort = abort;
    }

    public Abort abort() {
        return abort;
    }
}
