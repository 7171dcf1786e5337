package io.deidq.dicom.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.deidq.dicom.net.Pdus.EXPLICIT_LE;
import static io.deidq.dicom.net.Pdus.IMPLICIT_LE;
import static io.deidq.dicom.net.Pdus.MR_IMAGE_STORAGE;
import static io.deidq.dicom.net.Pdus.VERIFICATION;
import static io.deidq.dicom.net.RecordingHandler.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our SCU against our SCP: C-ECHO and C-STORE over real connections, their statuses and their data. */
class StorageScuScpTest {

    private static final String UID_ROOT = "1.2.826.0.1.3680043.9.7433.98.";
    private static final int STORAGE_CONTEXT = 3;

    @Test
    void echoSucceedsAndTheReleaseIsSeenAsOne() throws IOException, InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        try (TestServer server = TestServer.start(handler)) {
            Association association = open(server, 16384);
            assertThat(association.socket().getTcpNoDelay()).as("TCP_NODELAY of the SCU").isTrue();
            assertThat(DicomClient.echo(association, 1)).isEqualTo(Status.SUCCESS);
            assertThat(handler.noDelay()).as("TCP_NODELAY of the SCP").containsExactly(true);
            assertThat(DicomClient.echo(association, 2)).isEqualTo(Status.SUCCESS);
            association.release();
            assertThat(association.state()).isEqualTo(State.Sta1);
            assertThat(association.socket().isClosed()).isTrue();
            assertThat(handler.nextClosing()).as("released").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 131072})
    void dataSetsArriveByteForByteWhateverTheirSizeAgainstTheMaxPdu(int maxPdu) throws IOException {
        RecordingHandler handler = new RecordingHandler();
        int[] sizes = {0, 2, maxPdu - 6, maxPdu - 4, 3 * maxPdu + 8, 300_000};
        try (TestServer server = TestServer.start(handler, 4, maxPdu, TestServer.PATIENT)) {
            try (Association association = open(server, maxPdu)) {
                for (int i = 0; i < sizes.length; i++) {
                    byte[] data = Pdus.pattern(sizes[i], i);
                    StoreResult result = DicomClient.store(association, STORAGE_CONTEXT, i + 1, MR_IMAGE_STORAGE, UID_ROOT + i, out -> out.write(data));
                    assertThat(result).isEqualTo(StoreResult.SUCCESS);
                }
                association.release();
            }
        }
        List<RecordingHandler.Received> received = handler.received();
        assertThat(received).hasSize(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            StoreRequest request = received.get(i).request();
            assertThat(request.sopClassUid()).isEqualTo(MR_IMAGE_STORAGE);
            assertThat(request.sopInstanceUid()).isEqualTo(UID_ROOT + i);
            assertThat(request.transferSyntaxUid()).isEqualTo(EXPLICIT_LE);
            assertThat(request.presentationContext()).isEqualTo(STORAGE_CONTEXT);
            assertThat(request.priority()).isEqualTo(Dimse.PRIORITY_MEDIUM);
            assertThat(request.moveOriginatorAeTitle()).isNull();
            assertThat(request.moveOriginatorMessageId()).isNull();
            assertThat(received.get(i).dataSet()).as("data set %d of %d bytes", i, sizes[i]).isEqualTo(Pdus.pattern(sizes[i], i));
        }
    }

    @Test
    void aDataSetOfOddLengthArrivesPaddedToEvenLength() throws IOException {
        RecordingHandler handler = new RecordingHandler();
        byte[] deflatedWithoutItsPad = Pdus.pattern(20_001, 2);
        try (TestServer server = TestServer.start(handler);
             Association association = open(server, 16384)) {
            DicomClient.store(association, STORAGE_CONTEXT, 1, MR_IMAGE_STORAGE, UID_ROOT + "o", out -> out.write(deflatedWithoutItsPad));
            association.release();
        }
        assertThat(handler.received().get(0).dataSet()).isEqualTo(Arrays.copyOf(deflatedWithoutItsPad, 20_002));
    }

    @Test
    void theHandlerReadsTheDataSetWhileItIsStillBeingSent() throws IOException {
        RecordingHandler handler = new RecordingHandler();
        CountDownLatch handlerStarted = new CountDownLatch(1);
        handler.whileStoring(handlerStarted::countDown);
        byte[] data = Pdus.pattern(200_000, 5);
        try (TestServer server = TestServer.start(handler, 4, 4096, TestServer.PATIENT);
             Association association = open(server, 4096)) {
            StoreResult result = DicomClient.store(association, STORAGE_CONTEXT, 1, MR_IMAGE_STORAGE, UID_ROOT + "s", out -> {
                out.write(data, 0, 100_000);
                try {
                    // Were the data set held whole before the handler is called, this would never come.
                    assertThat(handlerStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the handler started with half the data set sent").isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                out.write(data, 100_000, 100_000);
            });
            assertThat(result).isEqualTo(StoreResult.SUCCESS);
            association.release();
        }
        assertThat(handler.received().get(0).dataSet()).isEqualTo(data);
    }

    @Test
    void everyStatusAndErrorCommentOfTheHandlerReachesTheScu() throws IOException {
        int[] statuses = {Status.OUT_OF_RESOURCES, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, Status.CANNOT_UNDERSTAND,
                Status.COERCION_OF_DATA_ELEMENTS, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING, Status.ELEMENTS_DISCARDED, 0xA701, 0xC0FF};
        Map<String, StoreResult> answers = new HashMap<>();
        for (int status : statuses) {
            answers.put(UID_ROOT + status, new StoreResult(status, String.format("answer %04X to this one", status)));
        }
        RecordingHandler handler = new RecordingHandler(request -> answers.get(request.sopInstanceUid()));
        try (TestServer server = TestServer.start(handler);
             Association association = open(server, 16384)) {
            for (int status : statuses) {
                StoreResult result = DicomClient.store(association, STORAGE_CONTEXT, status, MR_IMAGE_STORAGE, UID_ROOT + status,
                        out -> out.write(new byte[100]));
                assertThat(result).isEqualTo(answers.get(UID_ROOT + status));
            }
            assertThat(DicomClient.echo(association, 1)).as("the association survives failures").isEqualTo(Status.SUCCESS);
            association.release();
        }
    }

    @Test
    void aStoreOfAnotherSopClassThanItsPresentationContextIsRefusedWithoutReachingTheHandler() throws IOException {
        RecordingHandler handler = new RecordingHandler();
        try (TestServer server = TestServer.start(handler);
             Association association = open(server, 16384)) {
            StoreResult result = DicomClient.store(association, STORAGE_CONTEXT, 1, "1.2.840.10008.5.1.4.1.1.2", UID_ROOT + "ct",
                    out -> out.write(new byte[20_000]));

            assertThat(result.status()).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED);
            assertThat(result.errorComment()).isEqualTo("not the SOP class negotiated on presentation context " + STORAGE_CONTEXT);
            assertThat(DicomClient.echo(association, 2)).as("the data set was drained: the next command lines up").isEqualTo(Status.SUCCESS);
            association.release();
        }
        assertThat(handler.received()).isEmpty();
    }

    @Test
    void aFailedStoreThatLeftTheDataSetUnreadStillLinesUpTheNextCommand() throws IOException {
        StoreHandler refusing = new StoreHandler() {
            @Override
            public StoreResult store(StoreRequest request, InputStream dataSet) {
                return new StoreResult(Status.OUT_OF_RESOURCES, "spool full");
            }
        };
        DicomServer server = new DicomServer(new ServerSettings("127.0.0.1", 0, 4, 4096, TestServer.PATIENT, null, false),
                (rq, peer) -> StorageNegotiation.accept(rq, 4096), new StorageService(refusing));
        server.start();
        try (Association association = DicomClient.open("127.0.0.1", server.port(), storageRequest(4096), TestServer.PATIENT, 4096, null)) {
            for (int i = 1; i <= 3; i++) {
                StoreResult result = DicomClient.store(association, STORAGE_CONTEXT, i, MR_IMAGE_STORAGE, UID_ROOT + i,
                        out -> out.write(new byte[50_000]));
                assertThat(result.status()).isEqualTo(Status.OUT_OF_RESOURCES);
            }
            association.release();
        } finally {
            server.stop(2_000);
        }
    }

    @Test
    void aDataSetWriterThatFailsAbortsRatherThanSendingWhatItWroteAsWhole() throws IOException, InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        try (TestServer server = TestServer.start(handler);
             Association association = open(server, 16384)) {
            assertThatThrownBy(() -> DicomClient.store(association, STORAGE_CONTEXT, 1, MR_IMAGE_STORAGE, UID_ROOT + "w", out -> {
                out.write(new byte[10_000]);
                throw new IOException("the file cannot be read further");
            })).hasMessage("the file cannot be read further");
            assertThat(association.state()).isEqualTo(State.Sta1);
            assertThat(handler.nextStreamFailure()).isInstanceOf(AssociationAbortedException.class);
            assertThat(handler.nextClosing()).as("released").isFalse();
        }
        assertThat(handler.received()).isEmpty();
    }

    @Test
    void moveOriginatorAttributesReachTheHandler() throws IOException {
        RecordingHandler handler = new RecordingHandler();
        try (TestServer server = TestServer.start(handler);
             Association association = open(server, 16384)) {
            DicomClient.store(association, STORAGE_CONTEXT, 1, MR_IMAGE_STORAGE, UID_ROOT + "m", new MoveOriginator("MOVESCU", 4711),
                    out -> out.write(new byte[10]));
            association.release();
        }
        StoreRequest request = handler.received().get(0).request();
        assertThat(request.moveOriginatorAeTitle()).isEqualTo("MOVESCU");
        assertThat(request.moveOriginatorMessageId()).isEqualTo(4711);
    }

    @Test
    void eightAssociationsStoreAtOnce() throws Exception {
        int associations = 8;
        int perAssociation = 3;
        RecordingHandler handler = new RecordingHandler();
        CyclicBarrier allStoring = new CyclicBarrier(associations);
        handler.whileStoring(() -> {
            try {
                // Each of the eight waits here until all eight are in the middle of a data set.
                allStoring.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the associations were not served at once", e);
            }
        });
        ExecutorService scus = Executors.newFixedThreadPool(associations);
        try (TestServer server = TestServer.start(handler, associations, 16384, TestServer.PATIENT)) {
            List<Future<List<StoreResult>>> results = new ArrayList<>();
            for (int a = 0; a < associations; a++) {
                int scu = a;
                results.add(scus.submit(() -> {
                    List<StoreResult> answered = new ArrayList<>();
                    try (Association association = open(server, 16384)) {
                        for (int i = 0; i < perAssociation; i++) {
                            byte[] data = Pdus.pattern(40_000 + scu * 1000 + 2 * i, scu * 100 + i);
                            answered.add(DicomClient.store(association, STORAGE_CONTEXT, i + 1, MR_IMAGE_STORAGE,
                                    UID_ROOT + scu + "." + i, out -> out.write(data)));
                        }
                        association.release();
                    }
                    return answered;
                }));
            }
            for (Future<List<StoreResult>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).containsOnly(StoreResult.SUCCESS);
            }
        } finally {
            scus.shutdownNow();
        }
        assertThat(handler.received()).hasSize(associations * perAssociation);
        for (RecordingHandler.Received received : handler.received()) {
            String[] scuAndIndex = received.request().sopInstanceUid().substring(UID_ROOT.length()).split("\\.");
            int scu = Integer.parseInt(scuAndIndex[0]);
            int i = Integer.parseInt(scuAndIndex[1]);
            assertThat(received.dataSet()).isEqualTo(Pdus.pattern(40_000 + scu * 1000 + 2 * i, scu * 100 + i));
        }
    }

    @Test
    void beyondTheMaximumTheScuIsRejectedAndAFreedSlotIsUsedAgain() throws IOException, InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        try (TestServer server = TestServer.start(handler, 1, 16384, TestServer.PATIENT)) {
            Association first = open(server, 16384);
            assertThatThrownBy(() -> open(server, 16384)).isInstanceOfSatisfying(AssociationRejectedException.class,
                    e -> assertThat(e.reject()).isEqualTo(AssociateReject.localLimitExceeded()));
            first.release();
            assertThat(handler.nextClosing()).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (server.server().activeAssociations() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            try (Association again = open(server, 16384)) {
                assertThat(DicomClient.echo(again, 1)).isEqualTo(Status.SUCCESS);
                again.release();
            }
        }
    }

    @Test
    void aHandlerThatFailsAbortsTheAssociation() throws IOException, InterruptedException {
        RecordingHandler handler = new RecordingHandler(request -> {
            throw new IllegalStateException("a bug in the handler");
        });
        try (TestServer server = TestServer.start(handler);
             Association association = open(server, 16384)) {
            assertThatThrownBy(() -> DicomClient.store(association, STORAGE_CONTEXT, 1, MR_IMAGE_STORAGE, UID_ROOT + "f",
                    out -> out.write(new byte[10]))).isInstanceOf(AssociationAbortedException.class);
            assertThat(handler.nextClosing()).as("released").isFalse();
        }
    }

    @Test
    void contextsOfOtherServicesAreRejectedAndTheRestAccepted() throws IOException {
        try (TestServer server = TestServer.start(new RecordingHandler())) {
            AssociateRequest rq = DicomClient.request("SCU", "DEIDQ", List.of(
                    new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE)),
                    new PresentationContext(3, "1.2.840.10008.5.1.4.31", List.of(IMPLICIT_LE)),
                    new PresentationContext(5, MR_IMAGE_STORAGE, List.of(IMPLICIT_LE, EXPLICIT_LE))), 16384);
            try (Association association = DicomClient.open("127.0.0.1", server.port(), rq, TestServer.PATIENT, 16384, null)) {
                assertThat(association.acceptedContext(1)).isNotNull();
                assertThat(association.acceptedContext(3)).isNull();
                assertThat(association.acceptedContext(5).transferSyntax()).isEqualTo(EXPLICIT_LE);
                assertThat(association.contextFor(MR_IMAGE_STORAGE, null)).isEqualTo(5);
                assertThat(association.contextFor(MR_IMAGE_STORAGE, IMPLICIT_LE)).isEqualTo(-1);
                association.release();
            }
        }
    }

    private static Association open(TestServer server, long maxPdu) throws IOException {
        return DicomClient.open("127.0.0.1", server.port(), storageRequest(maxPdu), TestServer.PATIENT, maxPdu, null);
    }

    private static AssociateRequest storageRequest(long maxPdu) {
        return DicomClient.request("SCU", "DEIDQ", List.of(
                new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE)),
                new PresentationContext(STORAGE_CONTEXT, MR_IMAGE_STORAGE, List.of(EXPLICIT_LE))), maxPdu);
    }
}
