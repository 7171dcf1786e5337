package io.deidq.dicom.net;

import io.deidq.dicom.dict.UidRegistry;
import io.deidq.dicom.io.Implementation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.deidq.dicom.net.Pdus.DICOM_APPLICATION_CONTEXT;
import static io.deidq.dicom.net.Pdus.EXPLICIT_LE;
import static io.deidq.dicom.net.Pdus.IMPLICIT_LE;
import static io.deidq.dicom.net.Pdus.MR_IMAGE_STORAGE;
import static io.deidq.dicom.net.Pdus.VERIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the storage SCP accepts of a proposal, and with which transfer syntax. */
class StorageNegotiationTest {

    private static final String BIG_ENDIAN = "1.2.840.10008.1.2.2";
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    private static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    private static final String UNKNOWN_TS = "1.2.826.0.1.3680043.9.7433.99.1";
    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final String MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31";
    private static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";

    @Test
    void explicitLittleEndianIsPreferredAmongUncompressedWhateverTheOrder() throws AssociationRejectedException {
        assertThat(chosen(MR_IMAGE_STORAGE, IMPLICIT_LE, BIG_ENDIAN, EXPLICIT_LE)).isEqualTo(EXPLICIT_LE);
        assertThat(chosen(MR_IMAGE_STORAGE, BIG_ENDIAN, DEFLATED, IMPLICIT_LE)).isEqualTo(IMPLICIT_LE);
        assertThat(chosen(MR_IMAGE_STORAGE, BIG_ENDIAN, DEFLATED)).isEqualTo(DEFLATED);
        assertThat(chosen(VERIFICATION, IMPLICIT_LE)).isEqualTo(IMPLICIT_LE);
    }

    @Test
    void everyStorageSopClassOfTheRegistryIsAccepted() throws AssociationRejectedException {
        List<UidRegistry.Entry> storage = UidRegistry.storageSOPClasses();
        assertThat(storage).hasSizeGreaterThan(100);
        for (UidRegistry.Entry sopClass : storage) {
            assertThat(answer(new PresentationContext(1, sopClass.uid(), List.of(IMPLICIT_LE))).accepted()).as(sopClass.keyword()).isTrue();
        }
    }

    @Test
    void theRequestorsCompressedFirstChoiceIsKept() throws AssociationRejectedException {
        assertThat(chosen(SECONDARY_CAPTURE, JPEG_BASELINE, EXPLICIT_LE, IMPLICIT_LE)).isEqualTo(JPEG_BASELINE);
        assertThat(chosen(SECONDARY_CAPTURE, UNKNOWN_TS, JPEG_LOSSLESS_SV1, EXPLICIT_LE)).isEqualTo(JPEG_LOSSLESS_SV1);
    }

    @Test
    void anUncompressedFirstChoiceIsNotTradedForALaterCompressedOne() throws AssociationRejectedException {
        assertThat(chosen(SECONDARY_CAPTURE, IMPLICIT_LE, JPEG_BASELINE)).isEqualTo(IMPLICIT_LE);
    }

    @Test
    void onlyUnknownTransferSyntaxesAreNotSupported() throws AssociationRejectedException {
        PresentationContextResult result = answer(new PresentationContext(1, MR_IMAGE_STORAGE, List.of(UNKNOWN_TS, "1.2.3")));
        assertThat(result.result()).isEqualTo(PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED);
        assertThat(result.transferSyntax()).isNull();
    }

    @Test
    void nonStorageSopClassesAreAbstractSyntaxNotSupported() throws AssociationRejectedException {
        for (String sopClass : List.of(MODALITY_WORKLIST_FIND, STUDY_ROOT_MOVE, "1.2.3.4.5")) {
            PresentationContextResult result = answer(new PresentationContext(1, sopClass, List.of(IMPLICIT_LE)));
            assertThat(result.result()).as(sopClass).isEqualTo(PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
    }

    @Test
    void everyContextIsAnsweredInOrderWithItsId() throws AssociationRejectedException {
        AssociateAccept ac = StorageNegotiation.accept(request(List.of(
                new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE)),
                new PresentationContext(3, MODALITY_WORKLIST_FIND, List.of(IMPLICIT_LE)),
                new PresentationContext(5, MR_IMAGE_STORAGE, List.of(EXPLICIT_LE))), user(null, null, List.of())), 32768);
        assertThat(ac.results()).extracting(PresentationContextResult::id).containsExactly(1, 3, 5);
        assertThat(ac.results()).extracting(PresentationContextResult::accepted).containsExactly(true, false, true);
    }

    @Test
    void theAcceptanceEchoesTheTitlesAndAnnouncesThisSide() throws AssociationRejectedException {
        AssociateAccept ac = StorageNegotiation.accept(request(List.of(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE))),
                user(null, null, List.of())), 32768);
        assertThat(ac.calledAeTitle()).isEqualTo("DEIDQ");
        assertThat(ac.callingAeTitle()).isEqualTo("MODALITY");
        assertThat(ac.applicationContext()).isEqualTo(DICOM_APPLICATION_CONTEXT);
        assertThat(ac.userInformation().maxPduLength()).isEqualTo(32768);
        assertThat(ac.userInformation().implementationClassUid()).isEqualTo(Implementation.CLASS_UID);
        assertThat(ac.userInformation().implementationVersionName()).isEqualTo(Implementation.VERSION_NAME);
    }

    @Test
    void anAsynchronousWindowProposedIsAnsweredOneByOne() throws AssociationRejectedException {
        UserInformation answered = StorageNegotiation.accept(request(List.of(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE))),
                user(16, 0, List.of())), 16384).userInformation();
        assertThat(answered.maxOperationsInvoked()).isEqualTo(1);
        assertThat(answered.maxOperationsPerformed()).isEqualTo(1);

        UserInformation notProposed = StorageNegotiation.accept(request(List.of(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE))),
                user(null, null, List.of())), 16384).userInformation();
        assertThat(notProposed.maxOperationsInvoked()).isNull();
    }

    @Test
    void roleSelectionIsAnsweredForStorageClassesTheRequestorAsSCUOnly() throws AssociationRejectedException {
        UserInformation answered = StorageNegotiation.accept(request(List.of(new PresentationContext(1, MR_IMAGE_STORAGE, List.of(EXPLICIT_LE))),
                user(null, null, List.of(new RoleSelection(MR_IMAGE_STORAGE, true, true), new RoleSelection(SECONDARY_CAPTURE, false, true),
                        new RoleSelection(MODALITY_WORKLIST_FIND, true, false)))), 16384).userInformation();
        assertThat(answered.roles()).containsExactly(new RoleSelection(MR_IMAGE_STORAGE, true, false),
                new RoleSelection(SECONDARY_CAPTURE, false, false));
    }

    @Test
    void anotherApplicationContextIsRejected() {
        AssociateRequest rq = new AssociateRequest("DEIDQ", "MODALITY", "1.2.840.10008.3.1.1.2",
                List.of(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE))), user(null, null, List.of()));
        assertThatThrownBy(() -> StorageNegotiation.accept(rq, 16384)).isInstanceOfSatisfying(AssociationRejectedException.class,
                e -> assertThat(e.reject()).isEqualTo(new AssociateReject(AssociateReject.PERMANENT, AssociateReject.SERVICE_USER, 2)));
    }

    private static String chosen(String abstractSyntax, String... transferSyntaxes) throws AssociationRejectedException {
        PresentationContextResult result = answer(new PresentationContext(1, abstractSyntax, List.of(transferSyntaxes)));
        assertThat(result.accepted()).as("accepted").isTrue();
        return result.transferSyntax();
    }

    private static PresentationContextResult answer(PresentationContext pc) throws AssociationRejectedException {
        return StorageNegotiation.accept(request(List.of(pc), user(null, null, List.of())), 16384).results().get(0);
    }

    private static AssociateRequest request(List<PresentationContext> contexts, UserInformation user) {
        return new AssociateRequest("DEIDQ", "MODALITY", DICOM_APPLICATION_CONTEXT, contexts, user);
    }

    private static UserInformation user(Integer invoked, Integer performed, List<RoleSelection> roles) {
        return new UserInformation(16384, "1.2.3", null, invoked, performed, roles);
    }
}
