package io.deidq.dicom.net;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.deidq.dicom.net.Pdus.DICOM_APPLICATION_CONTEXT;
import static io.deidq.dicom.net.Pdus.EXPLICIT_LE;
import static io.deidq.dicom.net.Pdus.IMPLICIT_LE;
import static io.deidq.dicom.net.Pdus.MR_IMAGE_STORAGE;
import static io.deidq.dicom.net.Pdus.VERIFICATION;
import static io.deidq.dicom.net.Pdus.applicationContext;
import static io.deidq.dicom.net.Pdus.associateRq;
import static io.deidq.dicom.net.Pdus.concat;
import static io.deidq.dicom.net.Pdus.item;
import static io.deidq.dicom.net.Pdus.maxLength;
import static io.deidq.dicom.net.Pdus.pDataTf;
import static io.deidq.dicom.net.Pdus.pdu;
import static io.deidq.dicom.net.Pdus.pdv;
import static io.deidq.dicom.net.Pdus.presentationContext;
import static io.deidq.dicom.net.Pdus.userInformation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's upper layer against a peer that writes raw bytes: every breach of PS3.8 is
 * answered by an A-ABORT (source 2, the service provider) with the reason of PS3.8 9.3.8, the
 * timers end connections that have gone quiet, and association, rejection and release go as
 * the state machine says.
 */
class UpperLayerProtocolTest {

    private static final int SERVER_MAX_PDU = 16384;
    /** Short, because the timers are what some of these tests are about. */
    private static final int TIMER_MILLIS = 300;

    private final RecordingHandler handler = new RecordingHandler();
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(handler, 16, SERVER_MAX_PDU, TestServer.PATIENT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x08, 0x0A, 0xFF})
    void anUnknownPduTypeBeforeAssociationIsAbortedAsUnrecognized(int type) throws IOException {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(pdu(type, new byte[4]));
            assertAbort(peer, Abort.UNRECOGNIZED_PDU);
        }
    }

    @Test
    void anUnknownPduTypeInAnAssociationIsAbortedAsUnrecognized() throws IOException, InterruptedException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(pdu(0x09, new byte[0]));
            assertAbort(peer, Abort.UNRECOGNIZED_PDU);
        }
        assertThat(handler.nextClosing()).as("released").isFalse();
    }

    @Test
    void dataBeforeAssociationIsAnUnexpectedPdu() throws IOException {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(pDataTf(pdv(1, true, true, echoCommand(1))));
            assertAbort(peer, Abort.UNEXPECTED_PDU);
        }
    }

    @Test
    void aReleaseRequestBeforeAssociationIsAnUnexpectedPdu() throws IOException {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(Pdus.releaseRq());
            assertAbort(peer, Abort.UNEXPECTED_PDU);
        }
    }

    @Test
    void aSecondAssociateRequestIsAnUnexpectedPdu() throws IOException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(verificationRq(SERVER_MAX_PDU));
            assertAbort(peer, Abort.UNEXPECTED_PDU);
        }
    }

    @Test
    void aPDataTfLongerThanAnnouncedIsAnInvalidParameterValue() throws IOException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            byte[] pdu = pDataTf(pdv(1, true, true, new byte[SERVER_MAX_PDU - 6 + 1]));
            assertThat(pdu.length - 6).isEqualTo(SERVER_MAX_PDU + 1);
            peer.send(pdu);
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void aPDataTfClaimingGigabytesIsRefusedOnItsHeaderAlone() throws IOException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            // Only the header is sent: the abort must come without the server waiting for (or making room for) 4 GB.
            peer.send(new byte[] {0x04, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void anAssociationPduClaimingGigabytesIsRefusedOnItsHeaderAlone() throws IOException {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(new byte[] {0x01, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void aServerWithoutLimitStreamsAHugePDataTfInsteadOfMakingRoomForIt() throws IOException {
        server.close();
        server = TestServer.start(handler, 16, 0, TestServer.PATIENT);
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            byte[] echo = pdv(1, true, true, echoCommand(5));
            // The PDU announces 2 GB, of which only its first PDV, a whole C-ECHO-RQ, is ever sent.
            peer.send(concat(new byte[] {0x04, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0}, echo));
            Dataset response = peer.readCommand();
            assertThat(response.getInt(Tag.MessageIDBeingRespondedTo, -1)).isEqualTo(5);
            assertThat(response.getInt(Tag.Status, -1)).isEqualTo(Status.SUCCESS);
        }
    }

    @Test
    void aPdvOnAContextThatWasRejectedIsAnInvalidParameterValue() throws IOException {
        byte[] rq = associateRq(SERVER_MAX_PDU, presentationContext(1, VERIFICATION, IMPLICIT_LE),
                presentationContext(3, "1.2.826.0.1.3680043.9.7433.99.2", IMPLICIT_LE));
        try (RawPeer peer = RawPeer.associated(server.port(), rq)) {
            peer.send(pDataTf(pdv(3, true, true, echoCommand(1))));
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void aPdvOnAContextNeverProposedIsAnInvalidParameterValue() throws IOException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(pDataTf(pdv(7, true, true, echoCommand(1))));
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void aPdvLengthThatDoesNotFitItsPduIsAnInvalidParameterValue() throws IOException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            byte[] pdv = pdv(1, true, true, echoCommand(1));
            ByteBuffer.wrap(pdv).putInt(0, pdv.length - 4 + 1);
            peer.send(pDataTf(pdv));
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void aDataSetFragmentWhereACommandShouldBeginIsAnUnexpectedParameter() throws IOException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(pDataTf(pdv(1, false, true, new byte[10])));
            assertAbort(peer, Abort.UNEXPECTED_PDU_PARAMETER);
        }
    }

    @Test
    void aCommandFragmentInsideADataSetIsAnUnexpectedParameter() throws IOException, InterruptedException {
        try (RawPeer peer = RawPeer.associated(server.port(), storageRq())) {
            peer.send(pDataTf(pdv(1, true, true, storeCommand(1))));
            peer.send(pDataTf(pdv(1, false, false, new byte[100])));
            peer.send(pDataTf(pdv(1, true, true, echoCommand(2))));
            assertAbort(peer, Abort.UNEXPECTED_PDU_PARAMETER);
        }
        assertThat(handler.nextStreamFailure()).isInstanceOf(AssociationAbortedException.class);
    }

    @Test
    void aTruncatedAssociateRequestIsAnInvalidParameterValue() throws IOException {
        byte[] rq = verificationRq(SERVER_MAX_PDU);
        byte[] cut = Arrays.copyOf(rq, rq.length - 5);
        ByteBuffer.wrap(cut).putInt(2, cut.length - 6);
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(cut);
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void anAssociateRequestShorterThanItsFixedPartIsAnInvalidParameterValue() throws IOException {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(pdu(0x01, new byte[] {0, 1, 0, 0, 'D', 'E'}));
            assertAbort(peer, Abort.INVALID_PDU_PARAMETER_VALUE);
        }
    }

    @Test
    void anUnknownItemInTheAssociateRequestIsAnUnrecognizedParameter() throws IOException {
        byte[] rq = associateRq("DEIDQ", "RAW", applicationContext(DICOM_APPLICATION_CONTEXT), item(0x33, new byte[2]),
                presentationContext(1, VERIFICATION, IMPLICIT_LE), userInformation(maxLength(SERVER_MAX_PDU)));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(rq);
            assertAbort(peer, Abort.UNRECOGNIZED_PDU_PARAMETER);
        }
    }

    @Test
    void anAbortInTheMiddleOfADataSetMakesTheHandlersStreamThrow() throws IOException, InterruptedException {
        try (RawPeer peer = RawPeer.associated(server.port(), storageRq())) {
            peer.send(pDataTf(pdv(1, true, true, storeCommand(1))));
            peer.send(pDataTf(pdv(1, false, false, Pdus.pattern(1000, 1))));
            peer.send(Pdus.abort(Abort.SERVICE_USER, 0));
            IOException failure = handler.nextStreamFailure();
            assertThat(failure).isInstanceOfSatisfying(AssociationAbortedException.class,
                    e -> assertThat(e.abort()).isEqualTo(new Abort(Abort.SERVICE_USER, 0)));
            assertThat(peer.closedWithoutAnotherPdu()).as("closed, nothing answered to an abort").isTrue();
        }
        assertThat(handler.nextClosing()).as("released").isFalse();
        assertThat(handler.received()).isEmpty();
    }

    @Test
    void aReleaseInTheMiddleOfADataSetIsAnUnexpectedPdu() throws IOException, InterruptedException {
        try (RawPeer peer = RawPeer.associated(server.port(), storageRq())) {
            peer.send(pDataTf(pdv(1, true, true, storeCommand(1))));
            peer.send(pDataTf(pdv(1, false, false, Pdus.pattern(1000, 1))));
            peer.send(Pdus.releaseRq());
            assertAbort(peer, Abort.UNEXPECTED_PDU);
        }
        assertThat(handler.nextStreamFailure()).isInstanceOf(AssociationAbortedException.class);
        assertThat(handler.nextClosing()).as("released").isFalse();
    }

    @Test
    void aConnectionClosedInTheMiddleOfADataSetMakesTheHandlersStreamThrow() throws IOException, InterruptedException {
        try (RawPeer peer = RawPeer.associated(server.port(), storageRq())) {
            peer.send(pDataTf(pdv(1, true, true, storeCommand(1))));
            peer.send(pDataTf(pdv(1, false, false, Pdus.pattern(1000, 1))));
        }
        assertThat(handler.nextStreamFailure()).isNotNull();
        assertThat(handler.nextClosing()).as("released").isFalse();
    }

    @Test
    void afterAnAbortTheServerClosesWithinArtimIfThePeerDoesNot() throws IOException {
        server.close();
        server = TestServer.start(handler, 16, SERVER_MAX_PDU, new Timeouts(10_000, TIMER_MILLIS, 20_000));
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(pdu(0x09, new byte[0]));
            assertAbort(peer, Abort.UNRECOGNIZED_PDU);
            assertThat(peer.closedWithoutAnotherPdu()).isTrue();
        }
    }

    @Test
    void silenceAfterConnectingIsEndedByArtim() throws IOException {
        server.close();
        server = TestServer.start(handler, 16, SERVER_MAX_PDU, new Timeouts(10_000, TIMER_MILLIS, 20_000));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            // PS3.8 Sta2, ARTIM expired: AA-2, the connection is closed without an A-ABORT.
            assertThat(peer.closedWithoutAnotherPdu()).isTrue();
        }
    }

    @Test
    void silenceInAnAssociationIsAbortedByTheIdleTimer() throws IOException, InterruptedException {
        server.close();
        server = TestServer.start(handler, 16, SERVER_MAX_PDU, new Timeouts(10_000, 10_000, TIMER_MILLIS));
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            RawPeer.Pdu abort = peer.readAbort();
            assertThat(abort.abortSource()).isEqualTo(Abort.SERVICE_PROVIDER);
            assertThat(abort.abortReason()).isEqualTo(Abort.NOT_SPECIFIED);
        }
        assertThat(handler.nextClosing()).as("released").isFalse();
    }

    @Test
    void silenceInTheMiddleOfADataSetIsAbortedByTheIdleTimerAndTheStreamThrows() throws IOException, InterruptedException {
        server.close();
        server = TestServer.start(handler, 16, SERVER_MAX_PDU, new Timeouts(10_000, 10_000, TIMER_MILLIS));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            // All in one write, so that only the silence after it can be what the timer sees.
            peer.send(concat(storageRq(), pDataTf(pdv(1, true, true, storeCommand(1))), pDataTf(pdv(1, false, false, Pdus.pattern(100, 1)))));
            assertThat(peer.read().type()).isEqualTo(0x02);
            assertThat(peer.readAbort().abortSource()).isEqualTo(Abort.SERVICE_PROVIDER);
        }
        assertThat(handler.nextStreamFailure()).isInstanceOf(AssociationAbortedException.class);
    }

    @Test
    void beyondTheMaximumAssociationsTheRequestIsRejectedTransientLocalLimitExceeded() throws IOException, InterruptedException {
        server.close();
        server = TestServer.start(handler, 1, SERVER_MAX_PDU, TestServer.PATIENT);
        try (RawPeer first = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU));
             RawPeer second = RawPeer.connect(server.port())) {
            second.send(verificationRq(SERVER_MAX_PDU));
            RawPeer.Pdu answer = second.read();
            assertThat(answer.type()).isEqualTo(0x03);
            assertThat(answer.body()).containsExactly(0, AssociateReject.TRANSIENT, AssociateReject.SERVICE_PROVIDER_PRESENTATION, 2);

            first.send(Pdus.releaseRq());
            assertThat(first.read().type()).isEqualTo(0x06);
        }
        assertThat(handler.nextClosing()).isTrue();
        awaitNoAssociation();
        try (RawPeer third = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            third.send(Pdus.releaseRq());
            assertThat(third.read().type()).isEqualTo(0x06);
        }
    }

    @Test
    void anotherApplicationContextIsRejectedPermanently() throws IOException {
        byte[] rq = associateRq("DEIDQ", "RAW", applicationContext("1.2.840.10008.3.1.1.9"),
                presentationContext(1, VERIFICATION, IMPLICIT_LE), userInformation(maxLength(SERVER_MAX_PDU)));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(rq);
            RawPeer.Pdu answer = peer.read();
            assertThat(answer.type()).isEqualTo(0x03);
            assertThat(answer.body()).containsExactly(0, AssociateReject.PERMANENT, AssociateReject.SERVICE_USER, 2);
        }
    }

    @Test
    void anotherProtocolVersionIsRejectedByTheAcse() throws IOException {
        byte[] rq = verificationRq(SERVER_MAX_PDU);
        rq[7] = 0x02;
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(rq);
            RawPeer.Pdu answer = peer.read();
            assertThat(answer.type()).isEqualTo(0x03);
            assertThat(answer.body()).containsExactly(0, AssociateReject.PERMANENT, AssociateReject.SERVICE_PROVIDER_ACSE, 2);
        }
    }

    @Test
    void releaseIsAnsweredThenTheConnectionCloses() throws IOException, InterruptedException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(Pdus.releaseRq());
            RawPeer.Pdu answer = peer.read();
            assertThat(answer.type()).isEqualTo(0x06);
            assertThat(answer.body()).containsExactly(0, 0, 0, 0);
        }
        assertThat(handler.nextClosing()).as("released").isTrue();
    }

    @Test
    void afterTheReleaseResponseTheServerClosesWithinArtimIfThePeerDoesNot() throws IOException {
        server.close();
        server = TestServer.start(handler, 16, SERVER_MAX_PDU, new Timeouts(10_000, TIMER_MILLIS, 20_000));
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(Pdus.releaseRq());
            assertThat(peer.read().type()).isEqualTo(0x06);
            assertThat(peer.closedWithoutAnotherPdu()).isTrue();
        }
    }

    @Test
    void theAcceptAnswersTheWindowAndRolesAndIgnoresSubItemsItDoesNotKnow() throws IOException {
        byte[] rq = associateRq("DEIDQ", "RAW", applicationContext(DICOM_APPLICATION_CONTEXT),
                presentationContext(1, MR_IMAGE_STORAGE, EXPLICIT_LE),
                userInformation(maxLength(SERVER_MAX_PDU), item(0x52, Pdus.ascii("1.2.3.4")),
                        item(0x53, new byte[] {0, 16, 0, 16}),
                        item(0x54, concat(new byte[] {0, (byte) MR_IMAGE_STORAGE.length()}, Pdus.ascii(MR_IMAGE_STORAGE), new byte[] {1, 1})),
                        item(0x56, concat(new byte[] {0, (byte) MR_IMAGE_STORAGE.length()}, Pdus.ascii(MR_IMAGE_STORAGE), new byte[] {1})),
                        item(0x58, concat(new byte[] {1, 0, 0, 4}, Pdus.ascii("user"), new byte[] {0, 0}))));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(rq);
            RawPeer.Pdu answer = peer.read();
            assertThat(answer.type()).isEqualTo(0x02);
            AssociateAccept ac = PduCodec.decodeAccept(answer.body());
            assertThat(ac.results()).containsExactly(PresentationContextResult.accept(1, EXPLICIT_LE));
            assertThat(ac.userInformation().maxPduLength()).isEqualTo(SERVER_MAX_PDU);
            assertThat(ac.userInformation().maxOperationsInvoked()).isEqualTo(1);
            assertThat(ac.userInformation().maxOperationsPerformed()).isEqualTo(1);
            assertThat(ac.userInformation().roles()).containsExactly(new RoleSelection(MR_IMAGE_STORAGE, true, false));
            peer.send(Pdus.releaseRq());
            assertThat(peer.read().type()).isEqualTo(0x06);
        }
    }

    @Test
    void responsesAreCutToTheRequestorsMaxPduLength() throws IOException {
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(40))) {
            peer.send(pDataTf(pdv(1, true, true, echoCommand(3))));
            Dataset response = peer.readCommand();
            assertThat(response.getInt(Tag.Status, -1)).isEqualTo(Status.SUCCESS);
            assertThat(peer.dataPduLengths()).hasSizeGreaterThan(1).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(40));
        }
    }

    @Test
    void aCommandCutIntoManyPdvsAndPdusIsReassembled() throws IOException {
        byte[] command = echoCommand(9);
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            // Two PDVs in the first PDU, the rest in a second one.
            peer.send(pDataTf(pdv(1, true, false, Arrays.copyOfRange(command, 0, 10)),
                    pdv(1, true, false, Arrays.copyOfRange(command, 10, 20))));
            peer.send(pDataTf(pdv(1, true, true, Arrays.copyOfRange(command, 20, command.length))));
            assertThat(peer.readCommand().getInt(Tag.MessageIDBeingRespondedTo, -1)).isEqualTo(9);
        }
    }

    @Test
    void anUnknownCommandIsAnsweredUnrecognizedOperation() throws IOException {
        Dataset find = Dimse.echoRequest(4);
        find.putLong(Tag.CommandField, VR.US, 0x0020);
        try (RawPeer peer = RawPeer.associated(server.port(), verificationRq(SERVER_MAX_PDU))) {
            peer.send(pDataTf(pdv(1, true, true, Pdus.command(find))));
            Dataset response = peer.readCommand();
            assertThat(response.getInt(Tag.CommandField, -1)).isEqualTo(0x8020);
            assertThat(response.getInt(Tag.Status, -1)).isEqualTo(Status.UNRECOGNIZED_OPERATION);
        }
    }

    private void awaitNoAssociation() throws InterruptedException {
        long deadline = System.nanoTime() + RecordingHandler.WAIT_SECONDS * 1_000_000_000L;
        while (server.server().activeAssociations() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.server().activeAssociations()).isZero();
    }

    private static void assertAbort(RawPeer peer, int reason) throws IOException {
        RawPeer.Pdu abort = peer.readAbort();
        assertThat(abort.abortSource()).as("abort source").isEqualTo(Abort.SERVICE_PROVIDER);
        assertThat(abort.abortReason()).as("abort reason").isEqualTo(reason);
    }

    private static byte[] verificationRq(long maxPdu) {
        return associateRq(maxPdu, presentationContext(1, VERIFICATION, IMPLICIT_LE));
    }

    private static byte[] storageRq() {
        return associateRq(SERVER_MAX_PDU, presentationContext(1, MR_IMAGE_STORAGE, EXPLICIT_LE));
    }

    private static byte[] echoCommand(int messageId) {
        return Pdus.command(Dimse.echoRequest(messageId));
    }

    private static byte[] storeCommand(int messageId) {
        return Pdus.command(Dimse.storeRequest(messageId, MR_IMAGE_STORAGE, "1.2.826.0.1.3680043.9.7433.99.3", Dimse.PRIORITY_MEDIUM, null, null));
    }
}
