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
import java.util.Objects;
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
    /**
     * The longest P-DATA-TF sent, whatever the peer takes: 128 KiB with the PDU header, which the
     * JDK's socket writes in one system call (it cuts longer writes into 128 KiB pieces, and the
     * few bytes left over would go out as a segment of their own).
     */
    static final int MAX_SENT_PDU = 128 * 1024 - 6;
    /** Far above any command set of PS3.7, which are a few hundred bytes. */
    private static final int MAX_COMMAND = 1 << 20;

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
    /** Every message goes out through this one stream, whose PDU buffer serves message after message. */
    private PDataOutputStream outgoing;

    /** The PDV being read: its presentation context, whether it is a command and the last fragment, and its bytes left. */
    private final byte[] pdvHeader = new byte[6];
    private int pdvContext;
    private boolean pdvCommand;
    private boolean pdvLast;
    private int pdvLeft;
    /** The data set of the command last read, null when it has none. */
    private DataSetInput dataSet;

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
        PduCodec.Request decoded = transfer(() -> PduCodec.decodeRequest(in.body()));
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
            LOG.log(System.Logger.Level.INFO, "association {0} from {1} ({2}) {3}", id, request.callingAeTitle(),
                    socket.getInetAddress().getHostAddress(), e.getMessage());
            reject(e.reject());
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
                AssociateAccept ac = transfer(() -> PduCodec.decodeAccept(in.body()));
                established(ac);
                socket.setSoTimeout(timeouts.idleMillis());
                state = State.Sta6;
            }
            case PduCodec.A_ASSOCIATE_RJ -> {
                AssociateReject rj = transfer(() -> PduCodec.decodeReject(in.body()));
                closeTransport();
                state = State.Sta1;
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
        int sentPdu = peerMax == 0 || peerMax > MAX_SENT_PDU ? MAX_SENT_PDU : Math.max(8, (int) peerMax);
        outgoing = new PDataOutputStream(out, sentPdu, socket.getChannel());
    }

    /** PS3.8 AE-8: the A-ASSOCIATE-RJ, then Sta13 until the peer closes or ARTIM expires. */
    private void reject(AssociateReject rj) throws IOException {
        send(PduCodec.encode(rj));
        state = State.Sta13;
        awaitClose();
    }

    /**
     * Reads the next command (Sta6). Returns null when the peer released the association, which
     * this side has then answered and closed. The command's data set, if it has one, follows
     * through {@link #data()}; what of it is left unread when the next command is read is dropped.
     */
    public Command readCommand() throws IOException {
        if (dataSet != null && !dataSet.ended) {
            dataSet.transferTo(OutputStream.nullOutputStream());
        }
        dataSet = null;
        ByteArrayOutputStream command = new ByteArrayOutputStream(256);
        int context = -1;
        do {
            if (!nextPdv(context < 0)) {
                return null;
            }
            if (!pdvCommand) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a data set fragment where a command should begin");
            }
            if (context >= 0 && pdvContext != context) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a command's fragments change presentation context");
            }
            requireAccepted(pdvContext);
            context = pdvContext;
            if (command.size() + pdvLeft > MAX_COMMAND) {
                throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "a command longer than " + MAX_COMMAND + " bytes");
            }
            byte[] fragment = new byte[pdvLeft];
            readBody(fragment, 0, fragment.length, true);
            pdvLeft = 0;
            command.writeBytes(fragment);
        } while (!pdvLast);
        Command read;
        try {
            read = new Command(context, DicomReader.readCommand(command.toByteArray(), "command from " + request.callingAeTitle()));
        } catch (DicomParseException e) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "unreadable command: " + e.getMessage());
        }
        dataSet = read.hasDataSet() ? new DataSetInput(context) : null;
        return read;
    }

    /**
     * The data set of the command just read, as it arrives: the stream ends with the fragment that
     * says it is the last (at once for a command without a data set). Nothing of it is held beyond
     * the caller's buffer.
     */
    public InputStream data() {
        return dataSet == null ? InputStream.nullInputStream() : dataSet;
    }

    /** Sends a command (Sta6) on an accepted presentation context. */
    public void writeCommand(int presentationContext, Dataset command) throws IOException {
        requireState(State.Sta6, "send a command");
        try (PDataOutputStream pdvs = outgoing.begin(presentationContext, true)) {
            DicomWriter.writeDataset(Channels.newChannel(pdvs), command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    /** A stream for the data set of the command just sent; closing it sends the last fragment. */
    public OutputStream writeData(int presentationContext) {
        return outgoing.begin(presentationContext, false);
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
                    // Sta7 still takes data (PS3.8 AR-6); nothing is owed to it after our release request.
                    transfer(() -> {
                        in.skipBody();
                        return null;
                    });
                }
                case PduCodec.A_RELEASE_RP -> {
                    releasePdu("A-RELEASE-RP");
                    closeTransport();
                    state = State.Sta1;
                    return;
                }
                case PduCodec.A_RELEASE_RQ -> {
                    // Release collision, requestor side (Sta9 -> Sta11): answer, then await the peer's answer.
                    releasePdu("A-RELEASE-RQ");
                    state = State.Sta9;
                    send(PduCodec.releaseResponse());
                    state = State.Sta11;
                    int answer = readPdu();
                    if (answer != PduCodec.A_RELEASE_RP) {
                        throw abortUnexpected(answer, "the A-RELEASE-RP of a release collision");
                    }
                    releasePdu("A-RELEASE-RP");
                    closeTransport();
                    state = State.Sta1;
                    return;
                }
                default -> throw abortUnexpected(type, "A-RELEASE-RP");
            }
        }
    }

    /**
     * Aborts the association as its service user (or provider): the A-ABORT, then, as PS3.8 AA-1
     * and AA-8 say, the peer is given ARTIM to close the connection, so that it reads the A-ABORT
     * rather than a connection reset.
     */
    public void abort(int source, int reason) {
        if (state != State.Sta1 && state != State.Sta13) {
            try {
                send(PduCodec.encode(new Abort(source, reason)));
                state = State.Sta13;
                awaitClose();
            } catch (IOException cannotTellThePeer) {
                // The connection is gone already; closing it is all that is left to do.
            }
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

    /**
     * Reads the header of the next PDV, reading P-DATA-TF PDUs as needed; false once the peer has
     * released. A release is only in order between messages ({@code messageBoundary}).
     */
    private boolean nextPdv(boolean messageBoundary) throws IOException {
        while (in.remaining() == 0) {
            int type = readPdu();
            if (type == PduCodec.A_RELEASE_RQ && !requestor && messageBoundary) {
                releasePdu("A-RELEASE-RQ");
                state = State.Sta8;
                send(PduCodec.releaseResponse());
                state = State.Sta13;
                awaitClose();
                return false;
            }
            if (type != PduCodec.P_DATA_TF) {
                throw abortUnexpected(type, messageBoundary ? "P-DATA-TF" : "the rest of a message");
            }
        }
        if (in.remaining() < pdvHeader.length) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "a PDV item header is cut off by the end of its P-DATA-TF");
        }
        readBody(pdvHeader, 0, pdvHeader.length, true);
        long length = ((pdvHeader[0] & 0xFFL) << 24) | ((pdvHeader[1] & 0xFF) << 16) | ((pdvHeader[2] & 0xFF) << 8) | (pdvHeader[3] & 0xFF);
        if (length < 2 || length - 2 > in.remaining()) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "a PDV item of length " + length + " does not fit its P-DATA-TF");
        }
        pdvContext = pdvHeader[4] & 0xFF;
        pdvCommand = (pdvHeader[5] & 1) != 0;
        pdvLast = (pdvHeader[5] & 2) != 0;
        pdvLeft = (int) (length - 2);
        return true;
    }

    private void requireAccepted(int pcid) throws IOException {
        if (!accepted.containsKey(pcid)) {
            throw abort(Abort.INVALID_PDU_PARAMETER_VALUE, "presentation context " + pcid + " was not accepted");
        }
    }

    /** Reads a PDU's header; an A-ABORT from the peer, a protocol error or a timer end the association. */
    private int readPdu() throws IOException {
        int type = transfer(in::read);
        if (type == PduCodec.A_ABORT) {
            byte[] body = transfer(in::body);
            closeTransport();
            state = State.Sta1;
            if (body.length != 4) {
                throw new AssociationAbortedException(new Abort(Abort.SERVICE_USER, Abort.NOT_SPECIFIED),
                        "an A-ABORT of " + body.length + " bytes");
            }
            throw new AssociationAbortedException(new Abort(body[2] & 0xFF, body[3] & 0xFF), null);
        }
        return type;
    }

    /** Reads {@code count} bytes of the current P-DATA-TF (all of them when {@code fully}); returns how many. */
    private int readBody(byte[] buffer, int offset, int count, boolean fully) throws IOException {
        return transfer((Transfer<Integer>) () -> {
            if (!fully) {
                return in.readSome(buffer, offset, count);
            }
            in.readFully(buffer, offset, count);
            return count;
        });
    }

    /** The body of an A-RELEASE-RQ or -RP, which is four reserved bytes. */
    private void releasePdu(String name) throws IOException {
        transfer(() -> {
            PduCodec.requireLength(in.body(), 4, name);
            return null;
        });
    }

    private interface Transfer<T> {
        T run() throws IOException;
    }

    /**
     * A read off the connection, and the decoding of what was read: a protocol error aborts, a
     * timer expiring ends the association, a broken connection closes it.
     */
    private <T> T transfer(Transfer<T> transfer) throws IOException {
        try {
            return transfer.run();
        } catch (PduException e) {
            throw abort(e.abortReason(), e.getMessage());
        } catch (SocketTimeoutException e) {
            throw timerExpired();
        } catch (IOException e) {
            closeTransport();
            state = State.Sta1;
            throw e;
        }
    }

    private IOException timerExpired() {
        if (state == State.Sta2) {
            // PS3.8 AA-2: a connection that never brought an A-ASSOCIATE-RQ is closed, not aborted.
            closeTransport();
            state = State.Sta1;
            return new SocketTimeoutException("no A-ASSOCIATE-RQ within " + timeouts.artimMillis() + " ms (ARTIM timer)");
        }
        return abort(Abort.NOT_SPECIFIED, state == State.Sta6 ? "no PDU for " + timeouts.idleMillis() + " ms (idle timer)"
                : "no answer within " + timeouts.artimMillis() + " ms (ARTIM timer)");
    }

    private IOException abortUnexpected(int type, String expected) {
        return abort(Abort.UNEXPECTED_PDU, String.format("PDU of type %02XH where %s was due, in %s", type, expected, state));
    }

    /** Aborts as the service provider, for a protocol error or a timer, and returns what to throw. */
    private AssociationAbortedException abort(int reason, String detail) {
        State was = state;
        Abort abort = new Abort(Abort.SERVICE_PROVIDER, reason);
        LOG.log(System.Logger.Level.WARNING, "association {0} with {1} aborted in {2}: {3}", id,
                request == null ? "?" : request.callingAeTitle(), was, detail);
        abort(abort.source(), abort.reason());
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
        long deadline = System.nanoTime() + timeouts.artimMillis() * 1_000_000L;
        try {
            do {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (timeouts.artimMillis() > 0 && left <= 0) {
                    break;
                }
                socket.setSoTimeout(timeouts.artimMillis() == 0 ? 0 : (int) left);
            } while (in.skipSome());
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
        private boolean started;
        private boolean ended;

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
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            while (pdvLeft == 0) {
                if (ended) {
                    return -1;
                }
                nextFragment();
            }
            int n = readBody(buffer, offset, Math.min(length, pdvLeft), false);
            pdvLeft -= n;
            return n;
        }

        private void nextFragment() throws IOException {
            nextPdv(false);
            if (pdvCommand) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a command fragment in the middle of a data set");
            }
            if (pdvContext != context) {
                throw abort(Abort.UNEXPECTED_PDU_PARAMETER, "a data set fragment on presentation context " + pdvContext
                        + (started ? " in the middle of a data set on " : " after a command on ") + context);
            }
            started = true;
            ended = pdvLast;
        }
    }
}
