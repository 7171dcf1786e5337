package io.deidq.dicom.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads PDUs off the connection: the 6-byte header, then the body, whose length is checked
 * before anything is read: a P-DATA-TF longer than the maximum this side announced, or any other
 * PDU longer than an association PDU can sensibly be, is refused. P-DATA-TF bodies are read into
 * one buffer reused PDU after PDU, so receiving costs no garbage per PDU.
 */
final class PduInput {

    /** Larger than any A-ASSOCIATE-RQ of 128 presentation contexts with extended negotiation. */
    static final int MAX_ASSOCIATION_PDU = 1 << 20;

    private final InputStream in;
    private final long maxDataPdu;
    private final byte[] header = new byte[6];
    private byte[] data = new byte[0];
    private int type;
    private int length;

    /** @param maxDataPdu the maximum P-DATA-TF length this side announced; 0 for none */
    PduInput(InputStream in, long maxDataPdu) {
        this.in = in;
        this.maxDataPdu = maxDataPdu;
    }

    /** Reads the next PDU; returns its type. Its body is {@link #body()} (P-DATA-TF: {@link #data()}, {@link #length()}). */
    int read() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the peer closed the connection");
        }
        header[0] = (byte) first;
        readFully(header, 1, 5);
        type = header[0] & 0xFF;
        long bodyLength = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (type < PduCodec.A_ASSOCIATE_RQ || type > PduCodec.A_ABORT) {
            throw new PduException(Abort.UNRECOGNIZED_PDU, String.format("PDU of unknown type %02XH", type));
        }
        long limit = type == PduCodec.P_DATA_TF ? (maxDataPdu == 0 ? Integer.MAX_VALUE - 8 : maxDataPdu) : MAX_ASSOCIATION_PDU;
        if (bodyLength > limit) {
            throw new PduException(Abort.INVALID_PDU_PARAMETER_VALUE, String.format(
                    "%s PDU of %d bytes is longer than the %d allowed", type == PduCodec.P_DATA_TF ? "P-DATA-TF" : "association", bodyLength, limit));
        }
        length = (int) bodyLength;
        if (type == PduCodec.P_DATA_TF) {
            if (data.length < length) {
                data = new byte[length];
            }
            readFully(data, 0, length);
        }
        return type;
    }

    /** The body of an association PDU just read (a fresh array). */
    byte[] body() throws IOException {
        byte[] body = new byte[length];
        readFully(body, 0, length);
        return body;
    }

    /** The buffer holding the body of the P-DATA-TF just read; valid until the next {@link #read()}. */
    byte[] data() {
        return data;
    }

    int length() {
        return length;
    }

    private void readFully(byte[] buffer, int offset, int count) throws IOException {
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
