package io.deidq.dicom.io;

import io.deidq.dicom.data.TransferSyntax;

/** The three ways PS3.5 encodes element headers and binary values. */
enum Encoding {
    IMPLICIT_LITTLE_ENDIAN(false, false),
    EXPLICIT_LITTLE_ENDIAN(true, false),
    EXPLICIT_BIG_ENDIAN(true, true);

    final boolean explicitVR;
    final boolean bigEndian;

    Encoding(boolean explicitVR, boolean bigEndian) {
        this.explicitVR = explicitVR;
        this.bigEndian = bigEndian;
    }

    static Encoding of(TransferSyntax ts) {
        if (!ts.explicitVR()) {
            return IMPLICIT_LITTLE_ENDIAN;
        }
        return ts.bigEndian() ? EXPLICIT_BIG_ENDIAN : EXPLICIT_LITTLE_ENDIAN;
    }

    String describe() {
        return switch (this) {
            case IMPLICIT_LITTLE_ENDIAN -> "implicit VR little endian";
            case EXPLICIT_LITTLE_ENDIAN -> "explicit VR little endian";
            case EXPLICIT_BIG_ENDIAN -> "explicit VR big endian";
        };
    }
}
