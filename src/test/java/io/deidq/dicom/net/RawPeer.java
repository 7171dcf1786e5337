package io.deidq.dicom.net;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.io.DicomReader;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DICOM peer that is nothing but a plain socket: it writes the bytes a test composes and reads
 * PDUs as they come, so that a test can break the protocol on purpose and see what the server answers.
 */
final class RawPeer implements Closeable {

    /** Generous, for a loaded machine: only the server's timers are under test, never this side's patience. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    record Pdu(int type, byte[] body) {

        int abortSource() {
            assertThat(type).as("PDU type").isEqualTo(0x07);
            return body[2] & 0xFF;
        }

        int abortReason() {
            return body[3] & 0xFF;
        }
    }

    /** One PDV of a P-DATA-TF read. */
    record Pdv(int presentationContext, int header, byte[] fragment) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<Integer> dataPduLengths = new ArrayList<>();

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawPeer connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new RawPeer(socket);
    }

    /** Waits for a connection on {@code listener}: this peer is then the acceptor. */
    static RawPeer accept(ServerSocket listener) throws IOException {
        listener.setSoTimeout(READ_TIMEOUT_MILLIS);
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new RawPeer(socket);
    }

    /** Connects and establishes an association with {@code rq}, which the server must accept. */
    static RawPeer associated(int port, byte[] rq) throws IOException {
        RawPeer peer = connect(port);
        peer.send(rq);
        Pdu answer = peer.read();
        assertThat(answer.type()).as("answer to the A-ASSOCIATE-RQ").isEqualTo(0x02);
        return peer;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Pdu read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        in.readByte();
        long length = in.readInt() & 0xFFFFFFFFL;
        byte[] body = new byte[(int) length];
        in.readFully(body);
        if (type == 0x04) {
            dataPduLengths.add(body.length);
        }
        return new Pdu(type, body);
    }

    /** Reads the next PDU, which must be an A-ABORT. */
    Pdu readAbort() throws IOException {
        Pdu pdu = read();
        assertThat(pdu.type()).as("PDU type (expected an A-ABORT)").isEqualTo(0x07);
        assertThat(pdu.body()).as("A-ABORT body length").hasSize(4);
        return pdu;
    }

    /** Whether the server has closed the connection, having sent nothing more. */
    boolean closedWithoutAnotherPdu() throws IOException {
        return in.read() < 0;
    }

    /** Reads P-DATA-TF PDUs until a message's last fragment; returns the message's bytes. */
    byte[] readMessage(boolean command) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Pdu pdu = read();
            assertThat(pdu.type()).as("PDU type (expected a P-DATA-TF)").isEqualTo(0x04);
            for (Pdv pdv : pdvs(pdu.body())) {
                assertThat(pdv.header() & 1).as("command bit").isEqualTo(command ? 1 : 0);
                message.writeBytes(pdv.fragment());
                if ((pdv.header() & 2) != 0) {
                    return message.toByteArray();
                }
            }
        }
    }

    Dataset readCommand() throws IOException {
        return DicomReader.readCommand(readMessage(true), "command from the server");
    }

    /** The lengths of the P-DATA-TF PDUs read so far. */
    List<Integer> dataPduLengths() {
        return dataPduLengths;
    }

    static List<Pdv> pdvs(byte[] body) {
        List<Pdv> pdvs = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(body);
        while (in.hasRemaining()) {
            int length = in.getInt();
            int pc = in.get() & 0xFF;
            int header = in.get() & 0xFF;
            byte[] fragment = new byte[length - 2];
            in.get(fragment);
            pdvs.add(new Pdv(pc, header, fragment));
        }
        return pdvs;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
