package io.deidq.receiver;

import io.deidq.testing.ServiceProperties;
import io.deidq.DeidqApplication;
import io.deidq.dicom.dict.UID;
import io.deidq.dicom.net.AssociateReject;
import io.deidq.dicom.net.AssociateRequest;
import io.deidq.dicom.net.Association;
import io.deidq.dicom.net.AssociationRejectedException;
import io.deidq.dicom.net.DicomClient;
import io.deidq.dicom.net.PresentationContext;
import io.deidq.dicom.net.Status;
import io.deidq.testing.Dcmtk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Who may send: deidq's called AE title, calling AE titles on the allow-list, from the listed host when one is. */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ReceiverAccessTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir.resolve("data"));
        registry.add("deidq.receiver.accept-any-on-loopback", () -> false);
        registry.add("deidq.receiver.allowed-peers[0].ae-title", () -> "ALLOWED");
        registry.add("deidq.receiver.allowed-peers[1].ae-title", () -> "BOUND");
        registry.add("deidq.receiver.allowed-peers[1].host", () -> "127.0.0.2");
    }

    @Autowired
    DicomReceiver receiver;

    @TempDir
    Path work;

    @Test
    void anAllowedCallingAeTitleIsAccepted() {
        Dcmtk.run(work, "echoscu", "-aet", "ALLOWED", "-aec", "DEIDQ", "127.0.0.1", String.valueOf(receiver.port())).assertClean();
    }

    @Test
    void anUnknownCallingAeTitleIsRejectedAsNotRecognized(CapturedOutput output) throws IOException {
        Dcmtk.Result echo = Dcmtk.run(work, "echoscu", "-aet", "INTRUDER", "-aec", "DEIDQ", "127.0.0.1", String.valueOf(receiver.port()));
        assertThat(echo.clean()).isFalse();
        assertThat(echo.stderr()).contains("Association Rejected").contains("Calling AE Title Not Recognized");
        assertThat(rejectionOf("INTRUDER", "DEIDQ")).isEqualTo(new AssociateReject(1, 1, 3));
        assertThat(output.getOut()).contains("refused association from INTRUDER (127.0.0.1)");
    }

    @Test
    void aWrongCalledAeTitleIsRejectedAsNotRecognized() throws IOException {
        Dcmtk.Result echo = Dcmtk.run(work, "echoscu", "-aet", "ALLOWED", "-aec", "PACS", "127.0.0.1", String.valueOf(receiver.port()));
        assertThat(echo.clean()).isFalse();
        assertThat(echo.stderr()).contains("Association Rejected").contains("Called AE Title Not Recognized");
        assertThat(rejectionOf("ALLOWED", "PACS")).isEqualTo(new AssociateReject(1, 1, 7));
    }

    @Test
    void anAeTitleBoundToAHostIsAcceptedFromThatHostOnly() throws IOException {
        assertThat(catchThrowableOfType(() -> echoFrom("127.0.0.1", "BOUND"), AssociationRejectedException.class).reject())
                .isEqualTo(new AssociateReject(1, 1, 3));
        assertThat(echoFrom("127.0.0.2", "BOUND")).isEqualTo(Status.SUCCESS);
        assertThat(echoFrom("127.0.0.2", "ALLOWED")).as("an unbound title, from any host").isEqualTo(Status.SUCCESS);
    }

    private AssociateReject rejectionOf(String callingAeTitle, String calledAeTitle) {
        return catchThrowableOfType(() -> DicomClient.open("127.0.0.1", receiver.port(), echoRequest(callingAeTitle, calledAeTitle),
                Scu.TIMEOUTS, 16_384, null), AssociationRejectedException.class).reject();
    }

    /** C-ECHO over an association from {@code localAddress}, one of the loopback addresses 127/8. */
    private int echoFrom(String localAddress, String callingAeTitle) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", receiver.port()), 10_000);
        try (Association association = Association.request(socket, 16_384, Scu.TIMEOUTS, echoRequest(callingAeTitle, "DEIDQ"))) {
            int status = DicomClient.echo(association, 1);
            association.release();
            return status;
        }
    }

    private static AssociateRequest echoRequest(String callingAeTitle, String calledAeTitle) {
        return DicomClient.request(callingAeTitle, calledAeTitle,
                List.of(new PresentationContext(1, UID.VerificationSOPClass, List.of(UID.LittleEndianImplicitTransferSyntax))), 16_384);
    }
}
