package io.deidq.dicom.net;

/** The C-MOVE a C-STORE sub-operation serves (PS3.7 9.3.1.1): the AE title that asked for it and its Message ID. */
public record MoveOriginator(String aeTitle, int messageId) {
}
