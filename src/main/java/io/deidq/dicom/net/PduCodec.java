package io.deidq.dicom.net;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes the association PDUs of PS3.8 9.3 (everything but P-DATA-TF, which
 * {@link PDataOutputStream} and {@link PduInput} stream). Multi-byte fields are big endian. A PDU that
 * breaks the structure is a {@link PduException} carrying the A-ABORT reason it deserves.
 */
final class PduCodec {

    static final int A_ASSOCIATE_RQ = 0x01;
    static final int A_ASSOCIATE_AC = 0x02;
    static final int A_ASSOCIATE_RJ = 0x03;
    static final int P_DATA_TF = 0x04;
    static final int A_RELEASE_RQ = 0x05;
    static final int A_RELEASE_RP = 0x06;
    static final int A_ABORT = 0x07;

    private static final int APPLICATION_CONTEXT = 0x10;
    private static final int PRESENTATION_CONTEXT_RQ = 0x20;
    private static final int PRESENTATION_CONTEXT_AC = 0x21;
    private static final int ABSTRACT_SYNTAX = 0x30;
    private static final int TRANSFER_SYNTAX = 0x40;
    private static final int USER_INFORMATION = 0x50;
    private static final int MAX_LENGTH = 0x51;
    private static final int IMPLEMENTATION_CLASS_UID = 0x52;
    private static final int ASYNCHRONOUS_OPERATIONS_WINDOW = 0x53;
    private static final int ROLE_SELECTION = 0x54;
    private static final int IMPLEMENTATION_VERSION_NAME = 0x55;
    private static final int PROTOCOL_VERSION = 1;
    private static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";

    private PduCodec() {
    }

    /** A parsed A-ASSOCIATE-RQ and whether its protocol version is one deidq speaks (bit 0 set). */
    record Request(AssociateRequest request, boolean versionSupported) {
    }

    static byte[] encode(AssociateRequest rq) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        item(items, APPLICATION_CONTEXT, ascii(rq.applicationContext()));
        for (PresentationContext pc : rq.presentationContexts()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(pc.id());
            body.write(0);
            body.write(0);
            body.write(0);
            item(body, ABSTRACT_SYNTAX, ascii(pc.abstractSyntax()));
            for (String ts : pc.transferSyntaxes()) {
                item(body, TRANSFER_SYNTAX, ascii(ts));
            }
            item(items, PRESENTATION_CONTEXT_RQ, body.toByteArray());
        }
        item(items, USER_INFORMATION, userInformation(rq.userInformation()));
        return pdu(A_ASSOCIATE_RQ, associateBody(rq.calledAeTitle(), rq.callingAeTitle(), items.toByteArray()));
    }

    static byte[] encode(AssociateAccept ac) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        item(items, APPLICATION_CONTEXT, ascii(ac.applicationContext()));
        for (PresentationContextResult result : ac.results()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(result.id());
            body.write(0);
            body.write(result.result());
            body.write(0);
            // The sub-item is present even when the context is rejected, and then not significant.
            item(body, TRANSFER_SYNTAX, ascii(result.accepted() ? result.transferSyntax() : IMPLICIT_VR_LITTLE_ENDIAN));
            item(items, PRESENTATION_CONTEXT_AC, body.toByteArray());
        }
        item(items, USER_INFORMATION, userInformation(ac.userInformation()));
        return pdu(A_ASSOCIATE_AC, associateBody(ac.calledAeTitle(), ac.callingAeTitle(), items.toByteArray()));
    }

    static byte[] encode(AssociateReject rj) {
        return pdu(A_ASSOCIATE_RJ, new byte[] {0, (byte) rj.result(), (byte) rj.source(), (byte) rj.reason()});
    }

    static byte[] encode(Abort abort) {
        return pdu(A_ABORT, new byte[] {0, 0, (byte) abort.source(), (byte) abort.reason()});
    }

    static byte[] releaseRequest() {
        return pdu(A_RELEASE_RQ, new byte[4]);
    }

    static byte[] releaseResponse() {
        return pdu(A_RELEASE_RP, new byte[4]);
    }

    static Request decodeRequest(byte[] body) throws PduException {
        return decode(() -> {
            Associate rq = decodeAssociate(body, PRESENTATION_CONTEXT_RQ, "A-ASSOCIATE-RQ");
            List<PresentationContext> contexts = new ArrayList<>();
            for (ByteBuffer item : rq.presentationContextItems()) {
                contexts.add(presentationContext(item));
            }
            return new Request(new AssociateRequest(rq.called(), rq.calling(), rq.applicationContext(), contexts, rq.user()),
                    rq.versionSupported());
        });
    }

    static AssociateAccept decodeAccept(byte[] body) throws PduException {
        return decode(() -> {
            Associate ac = decodeAssociate(body, PRESENTATION_CONTEXT_AC, "A-ASSOCIATE-AC");
            List<PresentationContextResult> results = new ArrayList<>();
            for (ByteBuffer item : ac.presentationContextItems()) {
                results.add(presentationContextResult(item));
            }
            return new AssociateAccept(ac.called(), ac.calling(), ac.applicationContext(), results, ac.user());
        });
    }

    /** What an A-ASSOCIATE-RQ and -AC have alike (PS3.8 9.3.2, 9.3.3); their presentation context items are left to each. */
    private record Associate(boolean versionSupported, String called, String calling, String applicationContext,
                             List<ByteBuffer> presentationContextItems, UserInformation user) {
    }

    private static Associate decodeAssociate(byte[] body, int presentationContextType, String pdu) throws PduException {
        ByteBuffer in = ByteBuffer.wrap(body);
        boolean version = (in.getShort() & PROTOCOL_VERSION) != 0;
        in.getShort();
        String called = aeTitle(in);
        String calling = aeTitle(in);
        in.position(in.position() + 32);
        String context = null;
        List<ByteBuffer> contexts = new ArrayList<>();
        UserInformation user = null;
        while (in.hasRemaining()) {
            int type = in.get() & 0xFF;
            ByteBuffer item = item(in);
            if (type == APPLICATION_CONTEXT) {
                context = uid(item);
            } else if (type == presentationContextType) {
                contexts.add(item);
            } else if (type == USER_INFORMATION) {
                user = userInformation(item);
            } else {
                throw new PduException(Abort.UNRECOGNIZED_PDU_PARAMETER, String.format("%s holds an item of unknown type %02XH", pdu, type));
            }
        }
        requirePresent(context, "Application Context");
        requirePresent(user, "User Information");
        return new Associate(version, called, calling, context, contexts, user);
    }

    static AssociateReject decodeReject(byte[] body) throws PduException {
        requireLength(body, 4, "A-ASSOCIATE-RJ");
        return new AssociateReject(body[1] & 0xFF, body[2] & 0xFF, body[3] & 0xFF);
    }

    static Abort decodeAbort(byte[] body) throws PduException {
        requireLength(body, 4, "A-ABORT");
        return new Abort(body[2] & 0xFF, body[3] & 0xFF);
    }

    static void requireLength(byte[] body, int length, String pdu) throws PduException {
        if (body.length != length) {
            throw new PduException(Abort.INVALID_PDU_PARAMETER_VALUE, pdu + " has length " + body.length + ", not " + length);
        }
    }

    private interface Decoding<T> {
        T decode() throws PduException;
    }

    private static <T> T decode(Decoding<T> decoding) throws PduException {
        try {
            return decoding.decode();
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new PduException(Abort.INVALID_PDU_PARAMETER_VALUE, "malformed PDU: " + (e.getMessage() == null ? "an item runs past its end" : e.getMessage()));
        }
    }

    private static PresentationContext presentationContext(ByteBuffer item) throws PduException {
        int id = item.get() & 0xFF;
        item.position(item.position() + 3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (item.hasRemaining()) {
            int type = item.get() & 0xFF;
            ByteBuffer sub = item(item);
            switch (type) {
                case ABSTRACT_SYNTAX -> abstractSyntax = uid(sub);
                case TRANSFER_SYNTAX -> transferSyntaxes.add(uid(sub));
                default -> throw new PduException(Abort.UNRECOGNIZED_PDU_PARAMETER,
                        String.format("presentation context %d holds a sub-item of unknown type %02XH", id, type));
            }
        }
        if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
            throw new PduException(Abort.INVALID_PDU_PARAMETER_VALUE, "presentation context " + id + " lacks its abstract syntax or transfer syntaxes");
        }
        return new PresentationContext(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextResult presentationContextResult(ByteBuffer item) throws PduException {
        int id = item.get() & 0xFF;
        item.get();
        int result = item.get() & 0xFF;
        item.get();
        String transferSyntax = null;
        while (item.hasRemaining()) {
            int type = item.get() & 0xFF;
            ByteBuffer sub = item(item);
            if (type != TRANSFER_SYNTAX) {
                throw new PduException(Abort.UNRECOGNIZED_PDU_PARAMETER,
                        String.format("presentation context %d of the A-ASSOCIATE-AC holds a sub-item of unknown type %02XH", id, type));
            }
            transferSyntax = uid(sub);
        }
        return new PresentationContextResult(id, result, result == PresentationContextResult.ACCEPTANCE ? transferSyntax : null);
    }

    private static UserInformation userInformation(ByteBuffer item) {
        long maxLength = 0;
        String classUid = null;
        String versionName = null;
        Integer invoked = null;
        Integer performed = null;
        List<RoleSelection> roles = new ArrayList<>();
        while (item.hasRemaining()) {
            int type = item.get() & 0xFF;
            ByteBuffer sub = item(item);
            switch (type) {
                case MAX_LENGTH -> maxLength = sub.getInt() & 0xFFFFFFFFL;
                case IMPLEMENTATION_CLASS_UID -> classUid = uid(sub);
                case IMPLEMENTATION_VERSION_NAME -> versionName = text(sub);
                case ASYNCHRONOUS_OPERATIONS_WINDOW -> {
                    invoked = sub.getShort() & 0xFFFF;
                    performed = sub.getShort() & 0xFFFF;
                }
                case ROLE_SELECTION -> {
                    int length = sub.getShort() & 0xFFFF;
                    byte[] uid = new byte[length];
                    sub.get(uid);
                    roles.add(new RoleSelection(trim(new String(uid, StandardCharsets.US_ASCII)), sub.get() == 1, sub.get() == 1));
                }
                default -> {
                    // Extended negotiation, user identity and what later editions add: not negotiated, so skipped.
                }
            }
        }
        return new UserInformation(maxLength, classUid, versionName, invoked, performed, roles);
    }

    private static byte[] userInformation(UserInformation user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        item(out, MAX_LENGTH, ByteBuffer.allocate(4).putInt((int) user.maxPduLength()).array());
        item(out, IMPLEMENTATION_CLASS_UID, ascii(user.implementationClassUid()));
        if (user.maxOperationsInvoked() != null) {
            item(out, ASYNCHRONOUS_OPERATIONS_WINDOW, ByteBuffer.allocate(4)
                    .putShort((short) (int) user.maxOperationsInvoked()).putShort((short) (int) user.maxOperationsPerformed()).array());
        }
        for (RoleSelection role : user.roles()) {
            byte[] uid = ascii(role.sopClassUid());
            item(out, ROLE_SELECTION, ByteBuffer.allocate(4 + uid.length).putShort((short) uid.length).put(uid)
                    .put((byte) (role.scu() ? 1 : 0)).put((byte) (role.scp() ? 1 : 0)).array());
        }
        if (user.implementationVersionName() != null) {
            item(out, IMPLEMENTATION_VERSION_NAME, ascii(user.implementationVersionName()));
        }
        return out.toByteArray();
    }

    private static byte[] associateBody(String called, String calling, byte[] items) {
        ByteBuffer body = ByteBuffer.allocate(68 + items.length);
        body.putShort((short) PROTOCOL_VERSION).putShort((short) 0);
        body.put(aeTitle(called)).put(aeTitle(calling));
        body.put(new byte[32]).put(items);
        return body.array();
    }

    static byte[] pdu(int type, byte[] body) {
        return ByteBuffer.allocate(6 + body.length).put((byte) type).put((byte) 0).putInt(body.length).put(body).array();
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    /** The value of the item whose type was just read: a view of its bytes, the input moved past it. */
    private static ByteBuffer item(ByteBuffer in) {
        in.get();
        int length = in.getShort() & 0xFFFF;
        if (length > in.remaining()) {
            throw new IllegalArgumentException("an item of length " + length + " runs past the end of its PDU (" + in.remaining() + " bytes left)");
        }
        ByteBuffer item = in.slice(in.position(), length);
        in.position(in.position() + length);
        return item;
    }

    private static void requirePresent(Object item, String name) throws PduException {
        if (item == null) {
            throw new PduException(Abort.INVALID_PDU_PARAMETER_VALUE, "the PDU has no " + name + " item");
        }
    }

    private static byte[] aeTitle(String title) {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) ' ');
        byte[] text = title.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, Math.min(16, text.length));
        return bytes;
    }

    private static String aeTitle(ByteBuffer in) {
        byte[] bytes = new byte[16];
        in.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII).trim();
    }

    private static String uid(ByteBuffer item) {
        return trim(text(item));
    }

    private static String text(ByteBuffer item) {
        byte[] bytes = new byte[item.remaining()];
        item.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** UIDs are not padded in items (PS3.8 9.3.2.2.1), but some peers pad them with NUL or space. */
    private static String trim(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\0' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
