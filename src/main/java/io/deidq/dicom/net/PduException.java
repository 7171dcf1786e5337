package io.deidq.dicom.net;

import java.io.IOException;

/** A PDU that breaks PS3.8: the association is aborted with {@code abortReason}. */
public final class PduException extends IOException {

    private final int abortReason;

    public PduException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    public int abortReason() {
        return abortReason;
    }
}
