package io.deidq.dicom.net;

import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.net.TestCertificates.Identity;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DcmtkCorpus;
import io.deidq.testing.DcmtkCorpus.Sample;
import io.deidq.testing.DicomFiles;
import io.deidq.testing.Storescp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.deidq.dicom.net.TestCertificates.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Our SCP and SCU against dcmtk's echoscu, storescu and storescp, over TCP and over TLS. */
class DcmtkNetworkTest {

    /**
     * Data sets that storescu sends as they are. Not big endian: storescu proposes it together with
     * implicit VR, of which our SCP takes implicit, and storescu then converts; nor undefined
     * lengths, which storescu re-encodes as defined ones.
     */
    private static final List<String> TO_OUR_SCP = List.of("zoo", "zoo-implicit", "mr16", "big16", "sc8", "sc-from-bmp");
    /** Every transfer syntax that dcmtk 3.6.7 knows, for our SCU to send unchanged. */
    private static final List<String> TO_STORESCP = List.of("zoo", "zoo-implicit", "zoo-big-endian", "zoo-deflated",
            "zoo-undefined-lengths", "zoo-implicit-undefined-lengths", "big16", "jpeg-baseline", "jpeg-extended",
            "jpeg-lossless-sv1", "jpeg-ls-lossless", "jpeg-ls-near-lossless", "rle", "jpeg-2000-lossless", "jpeg-2000", "sc-from-jpeg");

    private static DcmtkCorpus corpus;

    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        corpus = DcmtkCorpus.get();
    }

    @Test
    void echoscuEchoesOurScp() throws IOException {
        try (TestServer server = TestServer.start(new RecordingHandler())) {
            Dcmtk.Result echo = Dcmtk.run(tmp, "echoscu", "-v", "-aec", "DEIDQ", "127.0.0.1", Integer.toString(server.port())).assertClean();
            assertThat(echo.stdout() + echo.stderr()).contains("Received Echo Response (Success)");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 131072})
    void storescuStoresToOurScpByteForByte(int maxPdu) throws IOException {
        RecordingHandler handler = new RecordingHandler();
        List<Sample> samples = TO_OUR_SCP.stream().map(corpus::sample).toList();
        try (TestServer server = TestServer.start(handler, 4, maxPdu, TestServer.PATIENT)) {
            List<String> command = new ArrayList<>(List.of("storescu", "-aec", "DEIDQ", "--max-pdu", Integer.toString(maxPdu),
                    "127.0.0.1", Integer.toString(server.port())));
            samples.forEach(s -> command.add(s.file().toString()));
            Dcmtk.run(tmp, command.toArray(String[]::new)).assertClean();
        }
        List<RecordingHandler.Received> received = handler.received();
        assertThat(received).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            try (DicomFile file = DicomReader.readFile(sample.file())) {
                assertThat(received.get(i).request().sopInstanceUid()).isEqualTo(file.dataset().getString(Tag.SOPInstanceUID));
                assertThat(received.get(i).request().transferSyntaxUid()).as(sample.name()).isEqualTo(file.transferSyntax().uid());
            }
            byte[] sent = DicomFiles.datasetBytes(sample.file(), false);
            assertThat(received.get(i).dataSet()).as("%s: %s", sample.name(), DicomFiles.firstDifference(sent, received.get(i).dataSet()))
                    .isEqualTo(sent);
        }
    }

    @Test
    void storescuKeepsItsCompressedTransferSyntaxWithOurScp() throws IOException {
        RecordingHandler handler = new RecordingHandler();
        Sample jpeg = corpus.sample("jpeg-baseline");
        try (TestServer server = TestServer.start(handler)) {
            Dcmtk.run(tmp, "storescu", "-xy", "-aec", "DEIDQ", "127.0.0.1", Integer.toString(server.port()), jpeg.file().toString()).assertClean();
        }
        assertThat(handler.received()).singleElement().satisfies(r -> {
            assertThat(r.request().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.50");
            assertThat(r.dataSet()).isEqualTo(DicomFiles.datasetBytes(jpeg.file(), false));
        });
    }

    @Test
    void ourScuStoresToStorescpInEveryTransferSyntaxByteForByte() throws IOException, InterruptedException {
        Path incoming = Files.createDirectory(tmp.resolve("incoming"));
        List<Sample> samples = TO_STORESCP.stream().map(corpus::sample).toList();
        List<PresentationContext> contexts = new ArrayList<>();
        List<StorableInstance> instances = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            StorableInstance instance = StorableInstance.of(samples.get(i).file());
            instances.add(instance);
            contexts.add(new PresentationContext(2 * i + 1, instance.sopClassUid(), List.of(instance.transferSyntaxUid())));
        }
        try (Storescp storescp = Storescp.start(incoming, "+xa");
             Association association = DicomClient.open("127.0.0.1", storescp.port(), DicomClient.request("DEIDQ", "STORESCP", contexts, 16384),
                     TestServer.PATIENT, 16384, null)) {
            for (int i = 0; i < samples.size(); i++) {
                Sample sample = samples.get(i);
                int pc = 2 * i + 1;
                assertThat(association.acceptedContext(pc)).as("storescp accepts %s", sample.name()).isNotNull();
                StorableInstance instance = instances.get(i);
                StoreResult result = DicomClient.store(association, pc, i + 1, instance.sopClassUid(), instance.sopInstanceUid(),
                        DataSetWriter.fileRegion(sample.file(), instance.datasetOffset()));
                assertThat(result.status()).as("%s: %s", sample.name(), storescp.log()).isEqualTo(Status.SUCCESS);
                assertSameDataSet(sample, instance.transferSyntaxUid(), takeTheOnlyFile(incoming, sample.name()));
            }
            association.release();
        }
    }

    @Test
    void echoscuAndStorescuWorkWithOurScpOverTls() throws IOException {
        Identity scp = TestCertificates.identity("scp");
        Identity scu = TestCertificates.identity("scu");
        SSLContext tls = Tls.context(scp.keyStore(), PASSWORD, TestCertificates.trustStore(scu), PASSWORD);
        RecordingHandler handler = new RecordingHandler();
        Sample big = corpus.sample("big16");
        try (TestServer server = TestServer.start(handler, TestServer.tlsSettings(tls, true))) {
            String port = Integer.toString(server.port());
            String[] tlsOptions = {"+tls", scu.privateKeyPem().toString(), scu.certificatePem().toString(), "-pw",
                    "+cf", scp.certificatePem().toString()};
            Dcmtk.run(tmp, concat(new String[] {"echoscu", "-aec", "DEIDQ"}, tlsOptions, new String[] {"127.0.0.1", port})).assertClean();
            Dcmtk.run(tmp, concat(new String[] {"storescu", "-aec", "DEIDQ"}, tlsOptions, new String[] {"127.0.0.1", port, big.file().toString()}))
                    .assertClean();
        }
        assertThat(handler.received()).singleElement()
                .satisfies(r -> assertThat(r.dataSet()).isEqualTo(DicomFiles.datasetBytes(big.file(), false)));
    }

    @Test
    void echoscuWithoutATrustedCertificateGetsNoTlsAssociation() throws IOException {
        Identity scp = TestCertificates.identity("scp");
        Identity stranger = TestCertificates.identity("stranger");
        SSLContext tls = Tls.context(scp.keyStore(), PASSWORD, TestCertificates.trustStore(TestCertificates.identity("scu")), PASSWORD);
        try (TestServer server = TestServer.start(new RecordingHandler(), TestServer.tlsSettings(tls, true))) {
            Dcmtk.Result echo = Dcmtk.run(tmp, "echoscu", "-aec", "DEIDQ", "+tls", stranger.privateKeyPem().toString(),
                    stranger.certificatePem().toString(), "-pw", "+cf", scp.certificatePem().toString(), "127.0.0.1", Integer.toString(server.port()));
            assertThat(echo.exitCode()).as("echoscu's exit code").isNotZero();
            assertThat(echo.stderr()).contains("Association Request Failed");
        }
    }

    private static void assertSameDataSet(Sample sample, String transferSyntaxUid, Path received) throws IOException {
        boolean deflated = TransferSyntax.of(transferSyntaxUid).deflated();
        try (DicomFile file = DicomReader.readFile(received)) {
            assertThat(file.transferSyntax().uid()).as(sample.name()).isEqualTo(transferSyntaxUid);
        }
        byte[] sent = DicomFiles.datasetBytes(sample.file(), deflated);
        byte[] stored = DicomFiles.datasetBytes(received, deflated);
        assertThat(stored).as("%s: %s", sample.name(), DicomFiles.firstDifference(sent, stored)).isEqualTo(sent);
    }

    /** storescp names files by SOP Instance UID, which samples share: each is moved away as soon as it is stored. */
    private Path takeTheOnlyFile(Path incoming, String name) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(incoming)) {
            files = listing.toList();
        }
        assertThat(files).as("files storescp wrote for %s", name).hasSize(1);
        return Files.move(files.get(0), tmp.resolve(name + ".dcm"));
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }
}
