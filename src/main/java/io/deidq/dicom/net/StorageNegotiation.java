package io.deidq.dicom.net;

import io.deidq.dicom.dict.UID;
import io.deidq.dicom.dict.UidRegistry;
import io.deidq.dicom.io.Implementation;

import java.util.ArrayList;
import java.util.List;

/**
 * How a storage SCP answers presentation contexts: Verification and every Storage SOP Class of
 * the standard are accepted, each with a transfer syntax it was offered (data sets are stored as
 * they come, never transcoded). Among several offered, the requestor's first choice is taken,
 * except that among the uncompressed ones explicit VR little endian is preferred, then implicit,
 * deflated and big endian. Other abstract syntaxes are answered "abstract syntax not supported".
 */
public final class StorageNegotiation {

    private static final List<String> UNCOMPRESSED_PREFERENCE = List.of(
            UID.LittleEndianExplicitTransferSyntax, UID.LittleEndianImplicitTransferSyntax,
            UID.DeflatedExplicitVRLittleEndianTransferSyntax, UID.BigEndianExplicitTransferSyntax);

    private StorageNegotiation() {
    }

    /** The acceptance for {@code rq}, announcing {@code maxPduReceived} as this side's maximum PDU length. */
    public static AssociateAccept accept(AssociateRequest rq, long maxPduReceived) throws AssociationRejectedException {
        if (!AssociateRequest.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            throw new AssociationRejectedException(AssociateReject.applicationContextNotSupported(), rq.applicationContext());
        }
        List<PresentationContextResult> results = new ArrayList<>();
        List<RoleSelection> roles = new ArrayList<>();
        for (PresentationContext pc : rq.presentationContexts()) {
            results.add(answer(pc));
        }
        for (RoleSelection proposed : rq.userInformation().roles()) {
            if (supported(proposed.sopClassUid())) {
                // The requestor may be SCU for what it sends; this side is never its SCU on this association.
                roles.add(new RoleSelection(proposed.sopClassUid(), proposed.scu(), false));
            }
        }
        UserInformation requested = rq.userInformation();
        boolean window = requested.maxOperationsInvoked() != null;
        UserInformation ours = new UserInformation(maxPduReceived, Implementation.CLASS_UID, Implementation.VERSION_NAME,
                window ? 1 : null, window ? 1 : null, roles);
        return new AssociateAccept(rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(), results, ours);
    }

    private static PresentationContextResult answer(PresentationContext pc) {
        if (!supported(pc.abstractSyntax())) {
            return PresentationContextResult.reject(pc.id(), PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
        String chosen = null;
        for (String ts : pc.transferSyntaxes()) {
            if (UidRegistry.lookup(ts) != null && UidRegistry.lookup(ts).type() == UidRegistry.Type.TransferSyntax) {
                chosen = ts;
                break;
            }
        }
        if (chosen == null) {
            return PresentationContextResult.reject(pc.id(), PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED);
        }
        if (UNCOMPRESSED_PREFERENCE.contains(chosen)) {
            for (String preferred : UNCOMPRESSED_PREFERENCE) {
                if (pc.transferSyntaxes().contains(preferred)) {
                    chosen = preferred;
                    break;
                }
            }
        }
        return PresentationContextResult.accept(pc.id(), chosen);
    }

    private static boolean supported(String abstractSyntax) {
        return UID.VerificationSOPClass.equals(abstractSyntax) || UidRegistry.isStorageSOPClass(abstractSyntax);
    }
}
