package io.deidq.dicom.net;

import java.util.List;

/** A-ASSOCIATE-AC (PS3.8 9.3.3): the requestor's AE titles echoed, and a result for each presentation context. */
public record AssociateAccept(String calledAeTitle, String callingAeTitle, String applicationContext,
                              List<PresentationContextResult> results, UserInformation userInformation) {

    public AssociateAccept {
        results = List.copyOf(results);
    }
}
