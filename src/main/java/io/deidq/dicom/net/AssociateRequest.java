package io.deidq.dicom.net;

import java.util.List;

/** A-ASSOCIATE-RQ (PS3.8 9.3.2). */
public record AssociateRequest(String calledAeTitle, String callingAeTitle, String applicationContext,
                               List<PresentationContext> presentationContexts, UserInformation userInformation) {

    /** The DICOM Application Context Name (PS3.7 A.2.1), the only one there is. */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    public AssociateRequest {
        presentationContexts = List.copyOf(presentationContexts);
    }
}
