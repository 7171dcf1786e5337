package io.deidq.dicom.net;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.io.DicomWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PDUs composed byte by byte from the layouts of PS3.8 9.3, independently of {@link PduCodec},
 * so that the tests hold the codec and the state machine against the standard, not against themselves.
 */
final class Pdus {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    private Pdus() {
    }

    static byte[] pdu(int type, byte[] body) {
        return ByteBuffer.allocate(6 + body.length).put((byte) type).put((byte) 0).putInt(body.length).put(body).array();
    }

    /** An item or sub-item: type, a reserved byte, a 2-byte length, the value. */
    static byte[] item(int type, byte[] value) {
        return ByteBuffer.allocate(4 + value.length).put((byte) type).put((byte) 0).putShort((short) value.length).put(value).array();
    }

    /** The A-ASSOCIATE-RQ fixed part (protocol version 1, AE titles space-padded to 16, 32 reserved bytes) and the items. */
    static byte[] associateRq(String called, String calling, byte[]... items) {
        return pdu(0x01, concat(new byte[] {0, 1, 0, 0}, aeTitle(called), aeTitle(calling), new byte[32], concat(items)));
    }

    /** An A-ASSOCIATE-RQ from "RAW" to "DEIDQ" proposing {@code contexts}, announcing {@code maxPdu}. */
    static byte[] associateRq(long maxPdu, byte[]... contexts) {
        return associateRq("DEIDQ", "RAW", applicationContext(DICOM_APPLICATION_CONTEXT), concat(contexts),
                userInformation(maxLength(maxPdu), item(0x52, ascii("1.2.3.4"))));
    }

    /** An A-ASSOCIATE-AC from "DEIDQ" to "RAW" answering with {@code results}, announcing {@code maxPdu}. */
    static byte[] associateAc(long maxPdu, byte[]... results) {
        return pdu(0x02, concat(new byte[] {0, 1, 0, 0}, aeTitle("DEIDQ"), aeTitle("RAW"), new byte[32],
                applicationContext(DICOM_APPLICATION_CONTEXT), concat(results),
                userInformation(maxLength(maxPdu), item(0x52, ascii("1.2.3.4")))));
    }

    static byte[] presentationContextResult(int id, int result, String transferSyntax) {
        return item(0x21, concat(new byte[] {(byte) id, 0, (byte) result, 0}, item(0x40, ascii(transferSyntax))));
    }

    static byte[] applicationContext(String uid) {
        return item(0x10, ascii(uid));
    }

    static byte[] presentationContext(int id, String abstractSyntax, String... transferSyntaxes) {
        byte[][] ts = new byte[transferSyntaxes.length][];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = item(0x40, ascii(transferSyntaxes[i]));
        }
        return item(0x20, concat(new byte[] {(byte) id, 0, 0, 0}, item(0x30, ascii(abstractSyntax)), concat(ts)));
    }

    static byte[] userInformation(byte[]... subItems) {
        return item(0x50, concat(subItems));
    }

    static byte[] maxLength(long length) {
        return item(0x51, ByteBuffer.allocate(4).putInt((int) length).array());
    }

    static byte[] pDataTf(byte[]... pdvs) {
        return pdu(0x04, concat(pdvs));
    }

    /** A PDV item: its length counts the message control header and the fragment (PS3.8 9.3.5.1). */
    static byte[] pdv(int presentationContext, boolean command, boolean last, byte[] fragment) {
        return ByteBuffer.allocate(6 + fragment.length).putInt(fragment.length + 2).put((byte) presentationContext)
                .put((byte) ((command ? 1 : 0) | (last ? 2 : 0))).put(fragment).array();
    }

    static byte[] releaseRq() {
        return pdu(0x05, new byte[4]);
    }

    static byte[] abort(int source, int reason) {
        return pdu(0x07, new byte[] {0, 0, (byte) source, (byte) reason});
    }

    /** A command set encoded as DIMSE wants it: implicit VR little endian, group length computed. */
    static byte[] command(Dataset command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeDataset(Channels.newChannel(out), command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] aeTitle(String title) {
        byte[] padded = new byte[16];
        Arrays.fill(padded, (byte) ' ');
        byte[] text = ascii(title);
        System.arraycopy(text, 0, padded, 0, text.length);
        return padded;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code length} bytes that differ from one offset to the next, so that a misplaced fragment shows. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        long state = seed;
        for (int i = 0; i < length; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            bytes[i] = (byte) (state >>> 56);
        }
        return bytes;
    }
}
