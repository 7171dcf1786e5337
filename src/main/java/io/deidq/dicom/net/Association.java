package io.deidq.dicom.net;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.io.DicomParseException;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One DICOM association over a connection: negotiation, the exchange of DIMSE messages in
 * P-DATA-TF PDUs, release and abort, following the state machine of PS3.8 9.2 ({@link State}).
 * It is used by one thread at a time: the thread that serves it (acceptor) or uses it (requestor).
 * Any PDU that breaks the protocol aborts the association with the reason PS3.8 gives, and the
 * idle timer aborts one whose peer has gone quiet.
 */
public final class Association implements Closeable {

    private static final System.Logger LOG = System.getLogger(Association.class.getName());
    private static final int DEFAULT_PEER_MAX_PDU = 1 << 20;

    private final String id = UUID.randomUUID().toString();
    private final Socket socket;
    private final OutputStream out;
    private final PduInput in;
    private final Timeouts timeouts;
    private final boolean requestor;
    private final Map<Integer, PresentationContextResult> accepted = new HashMap<>();
    private final Map<Integer, String> abstractSyntaxes = new HashMap<>();
    private AssociateRequest request;
    private AssociateAccept acceptance;
    private State state;
    private int peerMaxPdu = DEFAULT_PEER_MAX_PDU;

    /** Where the PDVs of the P-DATA-TF last read stand: the next one's offset, the end of the PDU. */
    private int pdvAt;
    private int pduEnd;
    private int messageContext;

    private Association(Socket socket, long maxPduReceived, Timeouts timeouts, boolean requestor, State state) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = new PduInput(socket.getInputStream(), maxPduReceived);
        this.timeouts = timeouts;
        this.requestor = requestor;
        this.state = state;
        socket.setTcpNoDelay(true);
    }

    /**
     * Accepts an association on a connection just opened (Sta2): reads the A-ASSOCIATE-RQ within
     * ARTIM and answers it as {@code negotiator} decides. Returns the association established, or
     * null when it was rejected, in which case the connection is closed.
     */
    public static Association accept(Socket socket, long maxPduReceived, Timeouts timeouts, AssociationNegotiator negotiator)
            throws IOException {
        Association association = new Association(socket, maxPduReceived, timeouts, false, State.Sta2);
        try {
            return association.acceptRequest(negotiator) ? association : null;
        } catch (IOException | RuntimeException e) {
            association.close();
            throw e;
        }
    }

    /** Requests an association on a connection just opened: throws when the peer rejects or aborts it. */
    public static Association request(Socket socket, long maxPduReceived, Timeouts timeouts, AssociateRequest rq) throws IOException {
        Association association = new Association(socket, maxPduReceived, timeouts, true, State.Sta4);
        try {
            association.sendRequest(rq);
            return association;
        } catch (IOException | RuntimeException e) {
            association.close();
            throw e;
        }
    }

    private boolean acceptRequest(AssociationNegotiator negotiator) throws IOException {
        socket.setSoTimeout(timeouts.artimMillis());
        int type = readPdu();
        if (type != PduCodec.A_ASSOCIATE_RQ) {
            throw abortUnexpected(type, "A-ASSOCIATE-RQ");
        }
        PduCodec.Request decoded = PduCodec.decodeRequest(in.body());
        request = decoded.request();
        state = State.Sta3;
        if (!decoded.versionSupported()) {
            reject(AssociateReject.protocolVersionNotSupported());
            return false;
        }
        AssociateAccept ac;
        try {
            ac = negotiator.negotiate(request, socket.getInetAddress());
        } catch (AssociationRejectedException e) {
            reject(e.reject());
            LOG.log(System.Logger.Level.INFO, "association {0} from {1} ({2}) {3}", id, request.callingAeTitle(),
                    socket.getInetAddress().getHostAddress(), e.getMessage());
            return false;
        }
        established(ac);
        send(PduCodec.encode(ac));
        socket.setSoTimeout(timeouts.idleMillis());
        state = State.Sta6;
        return true;
    }

    private void sendRequest(AssociateRequest rq) throws IOException {
        request = rq;
        for (PresentationContext pc : rq.presentationContexts()) {
            abstractSyntaxes.put(pc.id(), pc.abstractSyntax());
        }
        socket.setSoTimeout(timeouts.artimMillis());
        send(PduCodec.encode(rq));
        state = State.Sta5;
        int type = readPdu();
        switch (type) {
            case PduCodec.A_ASSOCIATE_AC -> {
                AssociateAccept ac = PduCodec.decodeAccept(in.body());
                established(ac);
                socket.setSoTimeout(timeouts.idleMillis());
                state = State.Sta6;
            }
            case PduCodec.A_ASSOCIATE_RJ -> {
                AssociateReject rj = PduCodec.decodeReject(in.body());
                closeTransport();
                throw new AssociationRejectedException(rj, "by " + rq.calledAeTitle());
            }
            default -> throw abortUnexpected(type, "A-ASSOCIATE-AC or -RJ");
        }
    }

    private void established(AssociateAccept ac) {
        acceptance = ac;
        for (PresentationContextResult result : ac.results()) {
            if (result.accepted()) {
                accepted.put(result.id(), result);
            }
        }
        if (!requestor) {
            for (PresentationContext pc : request.presentationContexts()) {
                abstractSyntaxes.put(pc.id(), pc.abstractSyntax());
            }
        }
        long peerMax = requestor ? ac.userInformation().maxPduLength() : request.userInformation().maxPduLength();
        peerMaxPdu = peerMax == 0 || peerMax > DEFAULT_PEER_MAX_PDU ? DEFAULT_PEER_MAX_PDU : Math.max(8, (int) peerMax);
    }

    private void reject(AssociateReject rj) throws IOException {
        send(PduCodec.encode(rj));
        state = State.Sta13;
        awaitClose();
    }

    /**
     * Reads the next command (Sta6). Returns null when the peer released the association, which
     * this side has then answered and closed. The command's data set, if it has one, follows
     * through {@link #data()}, which must be read to its end before the next command.
     */
    public Command readCommand() throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream(256);
        int context = -1;
        while (true) {
            if (!nextPdv()) {
                return null;
            }
            int pcid = in.data()[pdvAt + 4] & 0xFF;
            int header = in.data()[pdvAt + 5] & 0xFF;
            int length = pdvLength() - 2;
            if ((header & 1) == 0) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a data set fragment where a command should begin");
            }
            if (context >= 0 && pcid != context) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a command's fragments change presentation context");
            }
            requireAccepted(pcid);
            context = pcid;
            command.write(in.data(), pdvAt + 6, length);
            pdvAt += 6 + length;
            if ((header & 2) != 0) {
                break;
            }
        }
        messageContext = context;
        try {
            return new Command(context, DicomReader.readCommand(command.toByteArray(), "command from " + request.callingAeTitle()));
        } catch (DicomParseException e) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "unreadable command: " + e.getMessage());
        }
    }

    /**
     * The data set of the command just read, as it arrives: the stream ends with the fragment that
     * says it is the last. Nothing of it is held beyond one PDU.
     */
    public InputStream data() {
        return new DataSetInput(messageContext);
    }

    /** Sends a command (Sta6) on an accepted presentation context. */
    public void writeCommand(int presentationContext, Dataset command) throws IOException {
        requireState(State.Sta6, "send a command");
        try (PDataOutputStream pdvs = new PDataOutputStream(out, presentationContext, true, peerMaxPdu)) {
            DicomWriter.writeDataset(Channels.newChannel(pdvs), command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    /** A stream for the data set of the command just sent; closing it sends the last fragment. */
    public OutputStream writeData(int presentationContext) {
        return new PDataOutputStream(out, presentationContext, false, peerMaxPdu);
    }

    /** Releases the association (requestor, Sta6), waiting within ARTIM for the peer's A-RELEASE-RP. */
    public void release() throws IOException {
        requireState(State.Sta6, "release");
        send(PduCodec.releaseRequest());
        state = State.Sta7;
        socket.setSoTimeout(timeouts.artimMillis());
        while (true) {
            int type = readPdu();
            switch (type) {
                case PduCodec.P_DATA_TF -> {
                    // Sta7 still takes data (PS3.8 AR-7); nothing is owed to it after our release request.
                }
                case PduCodec.A_RELEASE_RP -> {
                    if (state == State.Sta9) {
                        throw abortUnexpected(type, "A-RELEASE-RQ");
                    }
                    closeTransport();
                    state = State.Sta1;
                    return;
                }
                case PduCodec.A_RELEASE_RQ -> {
                    // Release collision, requestor side (Sta9 -> Sta11): answer, then await the peer's answer.
                    state = State.Sta9;
                    send(PduCodec.releaseResponse());
                    state = State.Sta11;
                    socket.setSoTimeout(timeouts.artimMillis());
                    if (readPdu() != PduCodec.A_RELEASE_RP) {
                        throw abort(Abort.UNEXPECTED_PDU, "expected the A-RELEASE-RP of a release collision");
                    }
                    closeTransport();
                    state = State.Sta1;
                    return;
                }
                default -> throw abortUnexpected(type, "A-RELEASE-RP");
            }
        }
    }

    /** Aborts the association as its service user (or provider), and closes the connection. */
    public void abort(int source, int reason) {
        try {
            if (state != State.Sta1 && state != State.Sta13) {
                send(PduCodec.encode(new Abort(source, reason)));
            }
        } catch (IOException cannotTellThePeer) {
            // The connection is gone already; closing it is all that is left to do.
        }
        closeTransport();
        state = State.Sta1;
    }

    public String id() {
        return id;
    }

    public State state() {
        return state;
    }

    public AssociateRequest request() {
        return request;
    }

    public AssociateAccept acceptance() {
        return acceptance;
    }

    public String callingAeTitle() {
        return request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request.calledAeTitle();
    }

    public Socket socket() {
        return socket;
    }

    /** The accepted presentation context {@code id}, or null. */
    public PresentationContextResult acceptedContext(int id) {
        return accepted.get(id);
    }

    public String abstractSyntax(int presentationContext) {
        return abstractSyntaxes.get(presentationContext);
    }

    /** The accepted presentation context for an abstract and a transfer syntax (null: any), or -1. */
    public int contextFor(String abstractSyntax, String transferSyntax) {
        for (PresentationContextResult result : accepted.values()) {
            boolean syntax = transferSyntax == null || result.transferSyntax().equals(transferSyntax);
            if (syntax && abstractSyntax.equals(abstractSyntaxes.get(result.id()))) {
                return result.id();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (state != State.Sta1) {
            abort(Abort.SERVICE_USER, Abort.NOT_SPECIFIED);
        }
    }

    /** The PDV at {@link #pdvAt}, reading P-DATA-TF PDUs as needed; false once the peer has released. */
    private boolean nextPdv() throws IOException {
        while (pdvAt >= pduEnd) {
            int type = readPdu();
            switch (type) {
                case PduCodec.P_DATA_TF -> {
                    pdvAt = 0;
                    pduEnd = in.length();
                }
                case PduCodec.A_RELEASE_RQ -> {
                    PduCodec.requireLength(in.body(), 4, "A-RELEASE-RQ");
                    if (requestor) {
                        throw abortUnexpected(type, "P-DATA-TF");
                    }
                    state = State.Sta8;
                    send(PduCodec.releaseResponse());
                    state = State.Sta13;
                    awaitClose();
                    return false;
                }
                default -> throw abortUnexpected(type, "P-DATA-TF");
            }
        }
        if (pduEnd - pdvAt < 6) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "a PDV item header is cut off by the end of its P-DATA-TF");
        }
        int length = pdvLength();
        if (length < 2 || length > pduEnd - pdvAt - 4) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "a PDV item of length " + length + " does not fit its P-DATA-TF");
        }
        return true;
    }

    private int pdvLength() {
        byte[] d = in.data();
        return ((d[pdvAt] & 0xFF) << 24) | ((d[pdvAt + 1] & 0xFF) << 16) | ((d[pdvAt + 2] & 0xFF) << 8) | (d[pdvAt + 3] & 0xFF);
    }

    private void requireAccepted(int pcid) throws IOException {
        if (!accepted.containsKey(pcid)) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "presentation context " + pcid + " was not accepted");
        }
    }

    /** Reads a PDU; an A-ABORT from the peer, a protocol error or the idle timer end the association. */
    private int readPdu() throws IOException {
        int type;
        try {
            type = in.read();
        } catch (PduException e) {
            throw abort(e.abortReason(), e.getMessage());
        } catch (SocketTimeoutException e) {
            String what = state == State.Sta6 ? "no PDU for " + timeouts.idleMillis() + " ms (idle timer)"
                    : "no answer within " + timeouts.artimMillis() + " ms (ARTIM timer)";
            throw abort(Abort.NOT_SPECIFIED, what);
        } catch (IOException e) {
            closeTransport();
            state = State.Sta1;
            throw e;
        }
        if (type == PduCodec.A_ABORT) {
            Abort abort = PduCodec.decodeAbort(in.body());
            closeTransport();
            state = State.Sta1;
            throw new AssociationAbortedException(abort, null);
        }
        return type;
    }

    private IOException abortUnexpected(int type, String expected) {
        return abort(Abort.UNEXPECTED_PDU, String.format("PDU of type %02XH where %s was due, in %s", type, expected, state));
    }

    /** Aborts as the service provider, for a protocol error or a timer, and returns what to throw. */
    private AssociationAbortedException abort(int reason, String detail) {
        Abort abort = new Abort(Abort.SERVICE_PROVIDER, reason);
        abort(abort.source(), abort.reason());
        LOG.log(System.Logger.Level.WARNING, "association {0} with {1} aborted: {2}", id,
                request == null ? "?" : request.callingAeTitle(), detail);
        return new AssociationAbortedException(abort, detail);
    }

    private void requireState(State required, String action) {
        if (state != required) {
            throw new IllegalStateException("cannot " + action + " in " + state);
        }
    }

    private void send(byte[] pdu) throws IOException {
        out.write(pdu);
        out.flush();
    }

    /** Sta13: the peer is to close the connection; ARTIM bounds the wait, then this side closes it. */
    private void awaitClose() {
        try {
            socket.setSoTimeout(timeouts.artimMillis());
            while (socket.getInputStream().read() >= 0) {
                // Anything after the answer is ignored until the peer closes.
            }
        } catch (IOException closedOrTimedOut) {
            // Either way the connection is done with.
        }
        closeTransport();
        state = State.Sta1;
    }

    private void closeTransport() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that failed already reports nothing of use.
        }
    }

    /** The data set fragments of the current message, in order, until the last one. */
    private final class DataSetInput extends InputStream {

        private final int context;
        private int left;
        private boolean last;
        private boolean started;

        DataSetInput(int context) {
            this.context = context;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (left == 0) {
                if (last) {
                    return -1;
                }
                nextFragment();
            }
            int n = Math.min(length, left);
            System.arraycopy(in.data(), pdvAt, buffer, offset, n);
            pdvAt += n;
            left -= n;
            return n;
        }

        private void nextFragment() throws IOException {
            if (!nextPdv()) {
                throw new AssociationAbortedException(new Abort(Abort.SERVICE_USER, Abort.NOT_SPECIFIED),
                        "the peer released the association in the middle of a data set");
            }
            int pcid = in.data()[pdvAt + 4] & 0xFF;
            int header = in.data()[pdvAt + 5] & 0xFF;
            if ((header & 1) != 0) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a command fragment in the middle of a data set");
            }
            if (pcid != context) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a data set fragment on presentation context " + pcid
                        + (started ? " in the middle of a data set on " : " after a command on ") + context);
            }
            started = true;
            left = pdvLength() - 2;
            last = (header & 2) != 0;
            pdvAt += 6;
        }
    }
}
