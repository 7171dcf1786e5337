package io.deidq.dicom.io;

import java.io.IOException;

/** Input that is not a well-formed DICOM file or data set: names the input, the byte offset and the reason. */
public final class DicomParseException extends IOException {

    private final String source;
    private final long offset;
    private final String reason;

    public DicomParseException(String source, long offset, String reason) {
        super(source + ": at byte " + offset + ": " + reason);
        this.source = source;
        this.offset = offset;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
