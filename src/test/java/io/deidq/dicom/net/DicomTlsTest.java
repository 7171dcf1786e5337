package io.deidq.dicom.net;

import io.deidq.dicom.net.TestCertificates.Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.util.List;

import static io.deidq.dicom.net.Pdus.EXPLICIT_LE;
import static io.deidq.dicom.net.Pdus.IMPLICIT_LE;
import static io.deidq.dicom.net.Pdus.MR_IMAGE_STORAGE;
import static io.deidq.dicom.net.Pdus.VERIFICATION;
import static io.deidq.dicom.net.TestCertificates.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DICOM over TLS (PS3.15 B.1): the SCP demands a certificate it trusts, the SCU one it trusts in turn. */
class DicomTlsTest {

    private static Identity scp;
    private static Identity scu;
    private static Identity stranger;
    private static final RecordingHandler HANDLER = new RecordingHandler();
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        scp = TestCertificates.identity("scp");
        scu = TestCertificates.identity("scu");
        stranger = TestCertificates.identity("stranger");
        SSLContext tls = Tls.context(scp.keyStore(), PASSWORD, TestCertificates.trustStore(scu), PASSWORD);
        server = TestServer.start(HANDLER, TestServer.tlsSettings(tls, true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTrustedScuEchoesAndStoresOverTls12Or13() throws IOException {
        byte[] data = Pdus.pattern(250_000, 3);
        try (Association association = open(Tls.context(scu.keyStore(), PASSWORD, TestCertificates.trustStore(scp), PASSWORD))) {
            assertThat(association.socket()).isInstanceOfSatisfying(SSLSocket.class,
                    s -> assertThat(s.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3"));
            assertThat(DicomClient.echo(association, 1)).isEqualTo(Status.SUCCESS);
            StoreResult result = DicomClient.store(association, 3, 2, MR_IMAGE_STORAGE, "1.2.826.0.1.3680043.9.7433.97.1", out -> out.write(data));
            assertThat(result).isEqualTo(StoreResult.SUCCESS);
            association.release();
        }
        assertThat(HANDLER.received()).filteredOn(r -> r.request().sopInstanceUid().equals("1.2.826.0.1.3680043.9.7433.97.1"))
                .singleElement().satisfies(r -> assertThat(r.dataSet()).isEqualTo(data));
    }

    @Test
    void anScuWithACertificateTheScpDoesNotTrustIsRefused() throws IOException {
        assertRefusedByTls(Tls.context(stranger.keyStore(), PASSWORD, TestCertificates.trustStore(scp), PASSWORD));
    }

    @Test
    void anScuWithoutACertificateIsRefused() throws IOException {
        assertRefusedByTls(Tls.context(null, null, TestCertificates.trustStore(scp), PASSWORD));
    }

    @Test
    void anScuThatDoesNotTrustTheScpRefusesIt() throws IOException {
        SSLContext distrustful = Tls.context(scu.keyStore(), PASSWORD, TestCertificates.trustStore(stranger), PASSWORD);
        assertThatThrownBy(() -> open(distrustful)).hasMessageStartingWith("cannot connect").hasCauseInstanceOf(SSLHandshakeException.class);
        assertRefusedByTls(distrustful);
    }

    @Test
    void anScuWithoutTlsGetsNoAssociation() {
        assertThatThrownBy(() -> open(null)).isInstanceOf(IOException.class).isNotInstanceOf(AssociationRejectedException.class);
    }

    /**
     * Under TLS 1.3 the SCU has finished its handshake when the SCP refuses its certificate, so
     * what it sees depends on timing: the SCP's alert, or a broken pipe for the A-ASSOCIATE-RQ.
     * Either way no association may come of it.
     */
    private static void assertRefusedByTls(SSLContext tls) {
        int opened = HANDLER.noDelay().size();
        assertThatThrownBy(() -> {
            try (Association association = open(tls)) {
                DicomClient.echo(association, 1);
            }
        }).isInstanceOf(IOException.class).isNotInstanceOf(AssociationRejectedException.class);
        assertThat(HANDLER.noDelay()).as("associations the SCP opened").hasSize(opened);
    }

    private static Association open(SSLContext tls) throws IOException {
        AssociateRequest rq = DicomClient.request("SCU", "DEIDQ", List.of(
                new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE)),
                new PresentationContext(3, MR_IMAGE_STORAGE, List.of(EXPLICIT_LE))), 16384);
        return DicomClient.open("127.0.0.1", server.port(), rq, TestServer.PATIENT, 16384, tls);
    }
}
