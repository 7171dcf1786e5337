package io.deidq.dicom.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * Cuts a command or data set into PDVs, one P-DATA-TF each, no longer than the peer's maximum PDU
 * length (PS3.8 9.3.5); the last PDV carries the last-fragment bit. Every fragment has an even
 * length (PS3.8 E.1), which peers such as dcmtk insist on. Each PDU goes out in one write, which
 * with TCP_NODELAY is one segment train, not a wait for the peer's ACK. One stream serves an
 * association's messages one after another ({@link #begin}); its buffer grows with the messages up
 * to the PDU size, so that an association that only exchanges commands costs kilobytes.
 */
final class PDataOutputStream extends OutputStream {

    private static final int HEADER = 12;
    private static final int INITIAL_BUFFER = 4096;

    private final OutputStream out;
    /** The connection's own channel when it has one (plain TCP opened by this side), for sending file bytes without copying them. */
    private final WritableByteChannel channel;
    private final int capacity;
    private byte[] pdu;
    private int presentationContext;
    private boolean command;
    private int filled = HEADER;
    private long written;
    private boolean closed = true;

    /**
     * @param maxPdu  the longest PDU to send (its variable part): at most the peer's maximum, at least 8
     * @param channel the channel under {@code out}, or null when there is none (TLS, an accepted socket)
     */
    PDataOutputStream(OutputStream out, int maxPdu, WritableByteChannel channel) {
        this.out = out;
        this.channel = channel;
        this.capacity = HEADER + ((maxPdu - 6) & ~1);
        this.pdu = new byte[Math.min(capacity, INITIAL_BUFFER)];
    }

    /** A stream for one message. */
    PDataOutputStream(OutputStream out, int presentationContext, boolean command, int maxPdu) {
        this(out, maxPdu, null);
        begin(presentationContext, command);
    }

    /** Starts the next message, once the one before has been closed (sent whole). */
    PDataOutputStream begin(int presentationContext, boolean command) {
        if (!closed) {
            throw new IllegalStateException("a message is still being written on presentation context " + this.presentationContext);
        }
        this.presentationContext = presentationContext;
        this.command = command;
        this.filled = HEADER;
        this.written = 0;
        this.closed = false;
        return this;
    }

    @Override
    public void write(int b) throws IOException {
        makeRoom();
        pdu[filled++] = (byte) b;
        written++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            makeRoom();
            int n = Math.min(length, pdu.length - filled);
            System.arraycopy(bytes, offset, pdu, filled, n);
            filled += n;
            written += n;
            offset += n;
            length -= n;
        }
    }

    /**
     * Sends what is left as the last fragment. Every message ends in one, even an empty one. A
     * message of odd length can only be a deflated data set whose writer left out the NUL that
     * pads it to even length (PS3.5 A.5): the NUL is added.
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            if (written % 2 != 0) {
                write(0);
            }
            closed = true;
            send(true);
        }
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} on as the rest of the message,
     * and ends it. Over a connection with a channel each fragment goes from the file to the socket
     * without passing through this process (sendfile), its PDU header written just before it;
     * otherwise, or for bytes already buffered and for a last fragment of odd length (which
     * {@link #close()} pads), the bytes are read straight into the PDU buffer.
     */
    void finishFrom(FileChannel file, long position, long count) throws IOException {
        while (count > 0) {
            int fragment = capacity - HEADER;
            boolean last = count <= fragment;
            boolean oddEnd = last && (written + count) % 2 != 0;
            if (channel == null || filled > HEADER || oddEnd) {
                makeRoom();
                int n = (int) Math.min(count, pdu.length - filled);
                readFully(file, position, n);
                position += n;
                count -= n;
                continue;
            }
            int n = (int) Math.min(count, fragment);
            header(n, last);
            out.write(pdu, 0, HEADER);
            out.flush();
            for (long sent = 0; sent < n; ) {
                sent += file.transferTo(position + sent, n - sent, channel);
            }
            written += n;
            position += n;
            count -= n;
            if (last) {
                closed = true;
            }
        }
        close();
    }

    private void readFully(FileChannel file, long position, int n) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(pdu, filled, n);
        while (into.hasRemaining()) {
            if (file.read(into, position + into.position() - filled) < 0) {
                throw new EOFException("the file ends " + (n - (into.position() - filled)) + " bytes short of the data set");
            }
        }
        filled += n;
        written += n;
    }

    /** A full buffer grows until it holds a whole PDU; a full PDU is sent. */
    private void makeRoom() throws IOException {
        if (filled < pdu.length) {
            return;
        }
        if (pdu.length < capacity) {
            pdu = Arrays.copyOf(pdu, (int) Math.min(capacity, 2L * pdu.length));
        } else {
            send(false);
        }
    }

    private void send(boolean last) throws IOException {
        header(filled - HEADER, last);
        out.write(pdu, 0, filled);
        out.flush();
        filled = HEADER;
    }

    /** The P-DATA-TF and PDV headers, at the start of the buffer, for a fragment of {@code data} bytes. */
    private void header(int data, boolean last) {
        int pdvLength = data + 2;
        int pduLength = pdvLength + 4;
        pdu[0] = PduCodec.P_DATA_TF;
        pdu[1] = 0;
        putInt(2, pduLength);
        putInt(6, pdvLength);
        pdu[10] = (byte) presentationContext;
        pdu[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
    }

    private void putInt(int at, int value) {
        pdu[at] = (byte) (value >>> 24);
        pdu[at + 1] = (byte) (value >>> 16);
        pdu[at + 2] = (byte) (value >>> 8);
        pdu[at + 3] = (byte) value;
    }
}
