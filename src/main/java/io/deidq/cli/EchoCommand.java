package io.deidq.cli;

import io.deidq.dicom.dict.UID;
import io.deidq.dicom.net.Association;
import io.deidq.dicom.net.DicomClient;
import io.deidq.dicom.net.PresentationContext;
import io.deidq.dicom.net.Status;
import io.deidq.dicom.net.StoreScu;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** deidq echo: verifies a DICOM peer (C-ECHO, PS3.4 A), as echoscu does. */
final class EchoCommand implements Command {

    private final Map<String, String> environment;

    EchoCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String summary() {
        return "verify a DICOM peer with C-ECHO, like echoscu";
    }

    @Override
    public String usage() {
        return NetworkOptions.USAGE + " HOST PORT";
    }

    @Override
    public Map<String, Boolean> options() {
        return NetworkOptions.OPTIONS;
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        if (arguments.operands().size() != 2) {
            throw new UsageException("HOST and PORT are needed, and nothing else");
        }
        StoreScu.Peer peer = NetworkOptions.peer(arguments, environment);
        String who = peer.calledAeTitle() + " at " + peer.host() + ":" + peer.port();
        long start = System.nanoTime();
        List<PresentationContext> verification = List.of(
                new PresentationContext(1, UID.VerificationSOPClass, List.of(UID.LittleEndianImplicitTransferSyntax)));
        try (Association association = DicomClient.open(peer.host(), peer.port(),
                DicomClient.request(peer.callingAeTitle(), peer.calledAeTitle(), verification, peer.maxPduReceived()),
                peer.timeouts(), peer.maxPduReceived(), peer.tls())) {
            int status = DicomClient.echo(association, 1);
            association.release();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!Status.isSuccess(status)) {
                err.println("deidq echo: " + who + " answered " + Status.describe(status));
                return 1;
            }
            out.println("echo " + who + ": " + Status.describe(status) + " in " + millis + " ms");
            return 0;
        } catch (IOException e) {
            err.println("deidq echo: " + who + ": " + e.getMessage());
            return 1;
        }
    }
}
