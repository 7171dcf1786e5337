package io.deidq.dicom.net;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.deidq.dicom.net.Pdus.EXPLICIT_LE;
import static io.deidq.dicom.net.Pdus.IMPLICIT_LE;
import static io.deidq.dicom.net.Pdus.MR_IMAGE_STORAGE;
import static io.deidq.dicom.net.Pdus.VERIFICATION;
import static io.deidq.dicom.net.Pdus.associateAc;
import static io.deidq.dicom.net.Pdus.pDataTf;
import static io.deidq.dicom.net.Pdus.pdv;
import static io.deidq.dicom.net.Pdus.presentationContextResult;
import static io.deidq.dicom.net.RecordingHandler.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/** Our requestor (DicomClient) against an acceptor that writes raw bytes: answers, breaches, collisions and limits. */
class RequestorProtocolTest {

    private static final int TIMER_MILLIS = 300;

    private final ExecutorService scu = Executors.newSingleThreadExecutor();
    private ServerSocket listener;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        scu.shutdownNow();
        listener.close();
    }

    @Test
    void aRejectionIsReportedWithItsResultSourceAndReason() throws Exception {
        Future<Association> opening = open(TestServer.PATIENT, 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            assertThat(scp.read().type()).isEqualTo(0x01);
            scp.send(Pdus.pdu(0x03, new byte[] {0, 1, 1, 3}));
            assertThat(failure(opening)).isInstanceOfSatisfying(AssociationRejectedException.class,
                    e -> assertThat(e.reject()).isEqualTo(AssociateReject.callingAeTitleNotRecognized()));
        }
    }

    @Test
    void aMalformedAcceptIsAbortedAsAnInvalidParameterValue() throws Exception {
        Future<Association> opening = open(TestServer.PATIENT, 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            scp.read();
            byte[] ac = associateAc(16384, presentationContextResult(1, 0, IMPLICIT_LE));
            scp.send(Pdus.pdu(0x02, Arrays.copyOfRange(ac, 6, ac.length - 3)));
            RawPeer.Pdu abort = scp.readAbort();
            assertThat(abort.abortSource()).isEqualTo(Abort.SERVICE_PROVIDER);
            assertThat(abort.abortReason()).isEqualTo(Abort.INVALID_PDU_PARAMETER_VALUE);
            scp.close();
            assertThat(failure(opening)).isInstanceOf(AssociationAbortedException.class);
        }
    }

    @Test
    void dataInsteadOfAnAnswerIsAnUnexpectedPdu() throws Exception {
        Future<Association> opening = open(TestServer.PATIENT, 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            scp.read();
            scp.send(pDataTf(pdv(1, true, true, new byte[4])));
            RawPeer.Pdu abort = scp.readAbort();
            assertThat(abort.abortSource()).isEqualTo(Abort.SERVICE_PROVIDER);
            assertThat(abort.abortReason()).isEqualTo(Abort.UNEXPECTED_PDU);
            scp.close();
            assertThat(failure(opening)).isInstanceOf(AssociationAbortedException.class);
        }
    }

    @Test
    void anAcceptorThatNeverAnswersIsAbortedWhenArtimExpires() throws Exception {
        Future<Association> opening = open(new Timeouts(10_000, TIMER_MILLIS, 20_000), 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            scp.read();
            RawPeer.Pdu abort = scp.readAbort();
            assertThat(abort.abortSource()).isEqualTo(Abort.SERVICE_PROVIDER);
            scp.close();
            assertThat(failure(opening)).isInstanceOf(AssociationAbortedException.class).hasMessageContaining("ARTIM");
        }
    }

    @Test
    void aReleaseCollisionIsAnsweredAndCompletes() throws Exception {
        Future<Association> opening = open(TestServer.PATIENT, 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            scp.read();
            scp.send(associateAc(16384, presentationContextResult(1, 0, IMPLICIT_LE)));
            Association association = opening.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Future<State> releasing = scu.submit(() -> {
                association.release();
                return association.state();
            });
            assertThat(scp.read().type()).as("A-RELEASE-RQ").isEqualTo(0x05);
            scp.send(Pdus.releaseRq());
            RawPeer.Pdu answer = scp.read();
            assertThat(answer.type()).as("A-RELEASE-RP to the collision").isEqualTo(0x06);
            assertThat(answer.body()).containsExactly(0, 0, 0, 0);
            scp.send(Pdus.pdu(0x06, new byte[4]));
            assertThat(releasing.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(State.Sta1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4096, 65536, 1 << 20})
    void theDataSetIsCutToTheAcceptorsMaxPduLengthAndNeverPast128KiBInAll(int acceptorMax) throws Exception {
        byte[] data = Pdus.pattern(3 * 1024 * 1024 + 12, 7);
        Future<Association> opening = open(TestServer.PATIENT, 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            scp.read();
            scp.send(associateAc(acceptorMax, presentationContextResult(1, 0, IMPLICIT_LE), presentationContextResult(3, 0, EXPLICIT_LE)));
            Association association = opening.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Future<StoreResult> storing = scu.submit(() -> DicomClient.store(association, 3, 9, MR_IMAGE_STORAGE, "1.2.3.4", out -> out.write(data)));

            Dataset command = scp.readCommand();
            assertThat(command.getInt(Tag.CommandField, -1)).isEqualTo(Dimse.C_STORE_RQ);
            assertThat(scp.readMessage(false)).isEqualTo(data);
            int limit = acceptorMax == 0 ? Association.MAX_SENT_PDU : Math.min(acceptorMax, Association.MAX_SENT_PDU);
            assertThat(scp.dataPduLengths()).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(limit));
            assertThat(scp.dataPduLengths()).hasSizeGreaterThanOrEqualTo(data.length / limit);

            scp.send(pDataTf(pdv(3, true, true, Pdus.command(Dimse.response(new Command(3, command), Status.COERCION_OF_DATA_ELEMENTS, "coerced")))));
            assertThat(storing.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(new StoreResult(Status.COERCION_OF_DATA_ELEMENTS, "coerced"));
        }
    }

    @Test
    void aResponseToAnotherMessageAbortsTheAssociation() throws Exception {
        Future<Association> opening = open(TestServer.PATIENT, 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            scp.read();
            scp.send(associateAc(16384, presentationContextResult(1, 0, IMPLICIT_LE)));
            Association association = opening.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Future<Integer> echo = scu.submit(() -> DicomClient.echo(association, 1));
            scp.readCommand();
            scp.send(pDataTf(pdv(1, true, true, Pdus.command(Dimse.response(new Command(1, Dimse.echoRequest(2)), 0, null)))));
            assertThat(scp.readAbort().abortSource()).isEqualTo(Abort.SERVICE_USER);
            scp.close();
            assertThat(failure(echo)).isInstanceOf(IOException.class).hasMessageContaining("another message");
        }
    }

    @Test
    void anAbortFromTheAcceptorReachesTheScuWithItsSourceAndReason() throws Exception {
        Future<Association> opening = open(TestServer.PATIENT, 16384);
        try (RawPeer scp = RawPeer.accept(listener)) {
            scp.read();
            scp.send(associateAc(16384, presentationContextResult(1, 0, IMPLICIT_LE)));
            Association association = opening.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Future<Integer> echo = scu.submit(() -> DicomClient.echo(association, 1));
            scp.readCommand();
            scp.send(Pdus.abort(Abort.SERVICE_PROVIDER, Abort.UNEXPECTED_PDU_PARAMETER));
            assertThat(failure(echo)).isInstanceOfSatisfying(AssociationAbortedException.class,
                    e -> assertThat(e.abort()).isEqualTo(new Abort(Abort.SERVICE_PROVIDER, Abort.UNEXPECTED_PDU_PARAMETER)));
            assertThat(association.state()).isEqualTo(State.Sta1);
        }
    }

    private Future<Association> open(Timeouts timeouts, long maxPdu) {
        AssociateRequest rq = DicomClient.request("RAW", "DEIDQ", List.of(
                new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE)),
                new PresentationContext(3, MR_IMAGE_STORAGE, List.of(EXPLICIT_LE))), maxPdu);
        return scu.submit(() -> DicomClient.open("127.0.0.1", listener.getLocalPort(), rq, timeouts, maxPdu, null));
    }

    private static Throwable failure(Future<?> future) throws InterruptedException, TimeoutException {
        try {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future);
    }
}
