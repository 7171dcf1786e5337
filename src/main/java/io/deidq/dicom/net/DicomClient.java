package io.deidq.dicom.net;

import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.dict.UID;
import io.deidq.dicom.io.Implementation;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.List;

/** The SCU's side: opens associations and sends C-ECHO and C-STORE requests over them (PS3.4 A and B). */
public final class DicomClient {

    private DicomClient() {
    }

    /** An A-ASSOCIATE-RQ from deidq's implementation, announcing {@code maxPduReceived}. */
    public static AssociateRequest request(String callingAeTitle, String calledAeTitle, List<PresentationContext> contexts,
                                           long maxPduReceived) {
        return new AssociateRequest(calledAeTitle, callingAeTitle, AssociateRequest.DICOM_APPLICATION_CONTEXT, contexts,
                new UserInformation(maxPduReceived, Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, List.of()));
    }

    /** Connects (over TLS when {@code tls} is given) and requests the association. */
    public static Association open(String host, int port, AssociateRequest rq, Timeouts timeouts, long maxPduReceived, SSLContext tls)
            throws IOException {
        // Plain TCP through a channel, so that file bytes can go to the socket without a copy (sendfile).
        Socket socket = tls == null ? SocketChannel.open().socket() : tls.getSocketFactory().createSocket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeouts.connectMillis());
            if (socket instanceof SSLSocket secure) {
                Tls.restrictProtocols(secure);
                secure.setSoTimeout(timeouts.artimMillis());
                secure.startHandshake();
            }
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return Association.request(socket, maxPduReceived, timeouts, rq);
    }

    /** Verification (C-ECHO) on the association; the status of the response. */
    public static int echo(Association association, int messageId) throws IOException {
        int pc = association.contextFor(UID.VerificationSOPClass, null);
        if (pc < 0) {
            throw new IOException("the peer did not accept the Verification SOP Class");
        }
        association.writeCommand(pc, Dimse.echoRequest(messageId));
        return Dimse.status(response(association, messageId).fields());
    }

    /** Sends one instance (C-STORE) on presentation context {@code pc}; the peer's status and error comment. */
    public static StoreResult store(Association association, int pc, int messageId, String sopClassUid, String sopInstanceUid,
                                    DataSetWriter dataSet) throws IOException {
        return store(association, pc, messageId, sopClassUid, sopInstanceUid, null, dataSet);
    }

    /** Sends one instance (C-STORE) on behalf of a C-MOVE ({@code moveOriginator}; null for none). */
    public static StoreResult store(Association association, int pc, int messageId, String sopClassUid, String sopInstanceUid,
                                    MoveOriginator moveOriginator, DataSetWriter dataSet) throws IOException {
        association.writeCommand(pc, Dimse.storeRequest(messageId, sopClassUid, sopInstanceUid, Dimse.PRIORITY_MEDIUM,
                moveOriginator == null ? null : moveOriginator.aeTitle(), moveOriginator == null ? null : moveOriginator.messageId()));
        OutputStream out = association.writeData(pc);
        try {
            dataSet.writeTo(out);
        } catch (IOException | RuntimeException e) {
            // Closing the stream would send the last fragment: the peer would take what was written for the whole.
            association.abort(Abort.SERVICE_USER, Abort.NOT_SPECIFIED);
            throw e;
        }
        out.close();
        Command response = response(association, messageId);
        return new StoreResult(Dimse.status(response.fields()), response.fields().getString(Tag.ErrorComment));
    }

    private static Command response(Association association, int messageId) throws IOException {
        Command response = association.readCommand();
        if (response == null) {
            throw new IOException("the association ended before the response to message " + messageId);
        }
        if (response.fields().getInt(Tag.MessageIDBeingRespondedTo, -1) != messageId) {
            association.abort(Abort.SERVICE_USER, Abort.NOT_SPECIFIED);
            throw new IOException("the peer answered another message than " + messageId);
        }
        return response;
    }
}
