package io.deidq.dicom.net;

/**
 * A C-STORE-RQ as the storage SCP hands it on: which association and presentation context
 * brought it, the SOP Class and Instance it names, the transfer syntax of its data set, its
 * priority, and the Move Originator attributes when a C-MOVE caused it (null otherwise).
 */
public record StoreRequest(Association association, int presentationContext, String sopClassUid, String sopInstanceUid,
                           String transferSyntaxUid, int priority, String moveOriginatorAeTitle, Integer moveOriginatorMessageId) {
}
