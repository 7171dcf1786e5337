package io.deidq.dicom.net;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads PDUs off the connection: the 6-byte header, whose length is checked before anything of
 * the body is read (a P-DATA-TF longer than the maximum this side announced, or any other PDU
 * longer than an association PDU can sensibly be, is refused), then the body. The body of a
 * P-DATA-TF is never held whole: it is read as the caller asks, PDV header by PDV header and
 * fragment by fragment, so a PDU costs no more memory than the caller's buffer, whatever length
 * it claims and whatever maximum (none, even) was announced.
 */
final class PduInput {

    /** Larger than any A-ASSOCIATE-RQ of 128 presentation contexts with extended negotiation. */
    static final int MAX_ASSOCIATION_PDU = 1 << 20;

    private static final long NO_LIMIT = 0xFFFFFFFFL;

    private final InputStream in;
    private final long maxDataPdu;
    private final byte[] header = new byte[6];
    private final byte[] skipped = new byte[8192];
    private long remaining;

    /** @param maxDataPdu the maximum P-DATA-TF length this side announced; 0 for none */
    PduInput(InputStream in, long maxDataPdu) {
        this.in = new BufferedInputStream(in, 16 * 1024);
        this.maxDataPdu = maxDataPdu;
    }

    /**
     * Reads the header of the next PDU; returns its type. The body of the one before must have been
     * read or skipped. The body follows: {@link #body()} for an association PDU, {@link #readFully}
     * and {@link #readSome} for a P-DATA-TF, {@link #skipBody()} for one to ignore.
     */
    int read() throws IOException {
        if (remaining != 0) {
            throw new IllegalStateException(remaining + " bytes of the previous PDU are unread");
        }
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the peer closed the connection");
        }
        header[0] = (byte) first;
        readExactly(header, 1, 5);
        int type = header[0] & 0xFF;
        long bodyLength = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (type < PduCodec.A_ASSOCIATE_RQ || type > PduCodec.A_ABORT) {
            throw new PduException(Abort.UNRECOGNIZED_PDU, String.format("PDU of unknown type %02XH", type));
        }
        long limit = type == PduCodec.P_DATA_TF ? (maxDataPdu == 0 ? NO_LIMIT : maxDataPdu) : MAX_ASSOCIATION_PDU;
        if (bodyLength > limit) {
            throw new PduException(Abort.INVALID_PDU_PARAMETER_VALUE, String.format(
                    "%s PDU of %d bytes is longer than the %d allowed", type == PduCodec.P_DATA_TF ? "P-DATA-TF" : "association", bodyLength, limit));
        }
        remaining = bodyLength;
        return type;
    }

    /**
     * The body of the association PDU just read. Room is made as its bytes arrive, not for the
     * length the header claims, so that a header alone cannot make this side allocate a megabyte.
     */
    byte[] body() throws IOException {
        byte[] body = in.readNBytes((int) remaining);
        if (body.length < remaining) {
            throw new EOFException("the peer closed the connection inside a PDU");
        }
        remaining = 0;
        return body;
    }

    /** The bytes of the current PDU not read yet. */
    long remaining() {
        return remaining;
    }

    /** Reads {@code count} bytes of the current PDU's body, which must hold that many. */
    void readFully(byte[] buffer, int offset, int count) throws IOException {
        requireRemaining(count);
        readExactly(buffer, offset, count);
        remaining -= count;
    }

    /** Reads at least one and at most {@code count} bytes of the current PDU's body, which must hold that many. */
    int readSome(byte[] buffer, int offset, int count) throws IOException {
        requireRemaining(count);
        int n = in.read(buffer, offset, count);
        if (n < 0) {
            throw new EOFException("the peer closed the connection inside a PDU");
        }
        remaining -= n;
        return n;
    }

    void skipBody() throws IOException {
        while (remaining > 0) {
            long n = in.skip(remaining);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the peer closed the connection inside a PDU");
                }
                n = 1;
            }
            remaining -= n;
        }
    }

    /** Reads and drops what has come, PDU or not, when the peer's PDUs no longer matter; false once the peer has closed. */
    boolean skipSome() throws IOException {
        remaining = 0;
        return in.read(skipped) >= 0;
    }

    private void requireRemaining(int count) {
        if (count > remaining) {
            throw new IllegalStateException("a read of " + count + " bytes where the PDU has " + remaining + " left");
        }
    }

    private void readExactly(byte[] buffer, int offset, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n = in.read(buffer, offset + done, count - done);
            if (n < 0) {
                throw new EOFException("the peer closed the connection inside a PDU");
            }
            done += n;
        }
    }
}
