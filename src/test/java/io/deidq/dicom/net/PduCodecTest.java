package io.deidq.dicom.net;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.deidq.dicom.net.Pdus.DICOM_APPLICATION_CONTEXT;
import static io.deidq.dicom.net.Pdus.EXPLICIT_LE;
import static io.deidq.dicom.net.Pdus.IMPLICIT_LE;
import static io.deidq.dicom.net.Pdus.MR_IMAGE_STORAGE;
import static io.deidq.dicom.net.Pdus.VERIFICATION;
import static io.deidq.dicom.net.Pdus.applicationContext;
import static io.deidq.dicom.net.Pdus.ascii;
import static io.deidq.dicom.net.Pdus.concat;
import static io.deidq.dicom.net.Pdus.item;
import static io.deidq.dicom.net.Pdus.maxLength;
import static io.deidq.dicom.net.Pdus.presentationContext;
import static io.deidq.dicom.net.Pdus.userInformation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The association PDUs of PS3.8 9.3, byte for byte, and what decoding refuses. */
class PduCodecTest {

    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    @Test
    void associateRequestHasThePs38Layout() {
        AssociateRequest rq = new AssociateRequest("STORESCP", "DEIDQ", DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE))),
                new UserInformation(16384, "1.2.3", "V1", null, null, List.of()));

        byte[] expected = concat(
                hex("01 00 000000AA"),                          // A-ASSOCIATE-RQ, reserved, PDU length 170
                hex("0001 0000"),                               // protocol version 1, reserved
                ascii("STORESCP        "), ascii("DEIDQ           "), // called, calling: space-padded to 16
                new byte[32],                                   // reserved
                hex("10 00 0015"), ascii(DICOM_APPLICATION_CONTEXT),
                hex("20 00 002E 01 00 00 00"),                  // presentation context 1, reserved bytes
                hex("30 00 0011"), ascii(VERIFICATION),
                hex("40 00 0011"), ascii(IMPLICIT_LE),
                hex("50 00 0017"),                              // user information
                hex("51 00 0004 00004000"),                     // maximum length 16384
                hex("52 00 0005"), ascii("1.2.3"),
                hex("55 00 0002"), ascii("V1"));
        assertThat(PduCodec.encode(rq)).isEqualTo(expected);
    }

    @Test
    void associateAcceptHasThePs38Layout() {
        AssociateAccept ac = new AssociateAccept("STORESCP", "DEIDQ", DICOM_APPLICATION_CONTEXT,
                List.of(PresentationContextResult.accept(1, EXPLICIT_LE),
                        PresentationContextResult.reject(3, PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED)),
                new UserInformation(32768, "1.2.3", null, 1, 1, List.of(new RoleSelection(MR_IMAGE_STORAGE, true, false))));

        byte[] items = concat(applicationContext(DICOM_APPLICATION_CONTEXT),
                item(0x21, concat(hex("01 00 00 00"), item(0x40, ascii(EXPLICIT_LE)))),
                // A rejected context still has its one transfer syntax sub-item, not significant (PS3.8 9.3.3.2).
                item(0x21, concat(hex("03 00 03 00"), item(0x40, ascii(IMPLICIT_LE)))),
                userInformation(maxLength(32768), item(0x52, ascii("1.2.3")), item(0x53, hex("0001 0001")),
                        item(0x54, concat(hex("0019"), ascii(MR_IMAGE_STORAGE), hex("01 00")))));
        byte[] expected = Pdus.pdu(0x02, concat(hex("0001 0000"), ascii("STORESCP        "), ascii("DEIDQ           "),
                new byte[32], items));
        assertThat(PduCodec.encode(ac)).isEqualTo(expected);
    }

    @Test
    void rejectAbortAndReleaseHaveThePs38Layout() {
        assertThat(PduCodec.encode(AssociateReject.localLimitExceeded())).isEqualTo(hex("03 00 00000004 00 02 03 02"));
        assertThat(PduCodec.encode(AssociateReject.applicationContextNotSupported())).isEqualTo(hex("03 00 00000004 00 01 01 02"));
        assertThat(PduCodec.encode(new Abort(Abort.SERVICE_PROVIDER, Abort.INVALID_PDU_PARAMETER_VALUE)))
                .isEqualTo(hex("07 00 00000004 00 00 02 06"));
        assertThat(PduCodec.releaseRequest()).isEqualTo(hex("05 00 00000004 00000000"));
        assertThat(PduCodec.releaseResponse()).isEqualTo(hex("06 00 00000004 00000000"));
    }

    @Test
    void aeTitlesLongerThan16AreCut() {
        AssociateRequest rq = request(List.of(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE))),
                new UserInformation(0, "1.2.3", null, null, null, List.of()));
        AssociateRequest longTitles = new AssociateRequest("A_CALLED_AE_TITLE_OF_20", "CALLING", rq.applicationContext(),
                rq.presentationContexts(), rq.userInformation());
        byte[] pdu = PduCodec.encode(longTitles);
        assertThat(Arrays.copyOfRange(pdu, 10, 26)).isEqualTo(ascii("A_CALLED_AE_TITL"));
    }

    @Test
    void requestRoundTripsWithEverySubItem() throws PduException {
        AssociateRequest rq = request(List.of(
                        new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE)),
                        new PresentationContext(3, MR_IMAGE_STORAGE, List.of(JPEG_BASELINE, EXPLICIT_LE, IMPLICIT_LE)),
                        new PresentationContext(255, MR_IMAGE_STORAGE, List.of(IMPLICIT_LE))),
                new UserInformation(0xFFFFFFFFL, "1.2.826.0.1.3680043.9", "SOME_NAME_16CHAR", 5, 7,
                        List.of(new RoleSelection(MR_IMAGE_STORAGE, true, false), new RoleSelection(VERIFICATION, false, true))));

        PduCodec.Request decoded = PduCodec.decodeRequest(body(PduCodec.encode(rq)));

        assertThat(decoded.versionSupported()).isTrue();
        assertThat(decoded.request()).isEqualTo(rq);
    }

    @Test
    void acceptRoundTripsAndARejectedContextHasNoTransferSyntax() throws PduException {
        AssociateAccept ac = new AssociateAccept("CALLED", "CALLING", DICOM_APPLICATION_CONTEXT,
                List.of(PresentationContextResult.accept(1, EXPLICIT_LE),
                        PresentationContextResult.reject(3, PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED),
                        PresentationContextResult.reject(5, PresentationContextResult.USER_REJECTION)),
                new UserInformation(131072, "1.2.3", "V", 1, 1, List.of(new RoleSelection(MR_IMAGE_STORAGE, true, false))));

        AssociateAccept decoded = PduCodec.decodeAccept(body(PduCodec.encode(ac)));

        assertThat(decoded).isEqualTo(ac);
        assertThat(decoded.results().get(1).transferSyntax()).isNull();
    }

    @Test
    void rejectAndAbortRoundTrip() throws PduException {
        AssociateReject rj = AssociateReject.calledAeTitleNotRecognized();
        assertThat(PduCodec.decodeReject(body(PduCodec.encode(rj)))).isEqualTo(rj);
        Abort abort = new Abort(Abort.SERVICE_PROVIDER, Abort.UNEXPECTED_PDU);
        assertThat(PduCodec.decodeAbort(body(PduCodec.encode(abort)))).isEqualTo(abort);
    }

    @Test
    void unknownUserInformationSubItemsAreSkipped() throws PduException {
        byte[] rq = associateRqBody(applicationContext(DICOM_APPLICATION_CONTEXT),
                presentationContext(1, VERIFICATION, IMPLICIT_LE),
                userInformation(maxLength(16384),
                        item(0x56, concat(hex("0011"), ascii(VERIFICATION), hex("01"))),          // SOP class extended negotiation
                        item(0x52, ascii("1.2.3")),
                        item(0x58, concat(hex("01 01 0004"), ascii("user"), hex("0000"))),      // user identity
                        item(0x57, concat(hex("0011"), ascii(VERIFICATION), hex("0000 0000"))), // common extended negotiation
                        item(0x7E, new byte[0]),
                        item(0x55, ascii("PEER"))));

        UserInformation user = PduCodec.decodeRequest(rq).request().userInformation();

        assertThat(user).isEqualTo(new UserInformation(16384, "1.2.3", "PEER", null, null, List.of()));
    }

    @Test
    void paddedAeTitlesAndUidsAreTrimmed() throws PduException {
        byte[] rq = concat(hex("0001 0000"), ascii("  CALLED        "), ascii("CALLING         "), new byte[32],
                item(0x10, ascii(DICOM_APPLICATION_CONTEXT + "\0")),
                item(0x20, concat(hex("01 00 00 00"), item(0x30, ascii(VERIFICATION + "\0")), item(0x40, ascii(IMPLICIT_LE + " ")))),
                userInformation(maxLength(0), item(0x52, ascii("1.2.3\0"))));

        AssociateRequest decoded = PduCodec.decodeRequest(rq).request();

        assertThat(decoded.calledAeTitle()).isEqualTo("CALLED");
        assertThat(decoded.callingAeTitle()).isEqualTo("CALLING");
        assertThat(decoded.applicationContext()).isEqualTo(DICOM_APPLICATION_CONTEXT);
        assertThat(decoded.presentationContexts()).containsExactly(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE)));
        assertThat(decoded.userInformation().implementationClassUid()).isEqualTo("1.2.3");
        assertThat(decoded.userInformation().maxPduLength()).isZero();
    }

    @Test
    void anotherProtocolVersionIsReportedNotRefused() throws PduException {
        byte[] rq = body(PduCodec.encode(request(List.of(new PresentationContext(1, VERIFICATION, List.of(IMPLICIT_LE))),
                new UserInformation(0, "1.2.3", null, null, null, List.of()))));
        rq[1] = 0x02;
        assertThat(PduCodec.decodeRequest(rq).versionSupported()).isFalse();
    }

    @Test
    void anItemRunningPastItsPduIsAnInvalidParameterValue() {
        byte[] rq = associateRqBody(applicationContext(DICOM_APPLICATION_CONTEXT), presentationContext(1, VERIFICATION, IMPLICIT_LE),
                userInformation(maxLength(16384)));
        byte[] truncated = Arrays.copyOf(rq, rq.length - 3);
        assertAbortReason(() -> PduCodec.decodeRequest(truncated), Abort.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void aFixedPartCutShortIsAnInvalidParameterValue() {
        assertAbortReason(() -> PduCodec.decodeRequest(hex("0001 0000 41 42 43")), Abort.INVALID_PDU_PARAMETER_VALUE);
        assertAbortReason(() -> PduCodec.decodeAccept(new byte[60]), Abort.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void aSubItemCutShortIsAnInvalidParameterValue() {
        byte[] rq = associateRqBody(applicationContext(DICOM_APPLICATION_CONTEXT), presentationContext(1, VERIFICATION, IMPLICIT_LE),
                userInformation(item(0x51, hex("0000"))));
        assertAbortReason(() -> PduCodec.decodeRequest(rq), Abort.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void anUnknownItemTypeIsAnUnrecognizedParameter() {
        byte[] rq = associateRqBody(applicationContext(DICOM_APPLICATION_CONTEXT), item(0x60, hex("00")),
                presentationContext(1, VERIFICATION, IMPLICIT_LE), userInformation(maxLength(16384)));
        assertAbortReason(() -> PduCodec.decodeRequest(rq), Abort.UNRECOGNIZED_PDU_PARAMETER);
    }

    @Test
    void anUnknownPresentationContextSubItemIsAnUnrecognizedParameter() {
        byte[] rq = associateRqBody(applicationContext(DICOM_APPLICATION_CONTEXT),
                item(0x20, concat(hex("01 00 00 00"), item(0x30, ascii(VERIFICATION)), item(0x41, ascii(IMPLICIT_LE)))),
                userInformation(maxLength(16384)));
        assertAbortReason(() -> PduCodec.decodeRequest(rq), Abort.UNRECOGNIZED_PDU_PARAMETER);
    }

    @Test
    void missingMandatoryItemsAreInvalidParameterValues() {
        byte[] noApplicationContext = associateRqBody(presentationContext(1, VERIFICATION, IMPLICIT_LE), userInformation(maxLength(0)));
        byte[] noUserInformation = associateRqBody(applicationContext(DICOM_APPLICATION_CONTEXT), presentationContext(1, VERIFICATION, IMPLICIT_LE));
        byte[] noTransferSyntax = associateRqBody(applicationContext(DICOM_APPLICATION_CONTEXT),
                item(0x20, concat(hex("01 00 00 00"), item(0x30, ascii(VERIFICATION)))), userInformation(maxLength(0)));
        assertAbortReason(() -> PduCodec.decodeRequest(noApplicationContext), Abort.INVALID_PDU_PARAMETER_VALUE);
        assertAbortReason(() -> PduCodec.decodeRequest(noUserInformation), Abort.INVALID_PDU_PARAMETER_VALUE);
        assertAbortReason(() -> PduCodec.decodeRequest(noTransferSyntax), Abort.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void fixedLengthPdusOfAnotherLengthAreInvalidParameterValues() {
        assertAbortReason(() -> PduCodec.decodeReject(hex("00 01 01")), Abort.INVALID_PDU_PARAMETER_VALUE);
        assertAbortReason(() -> PduCodec.decodeAbort(hex("00 00 02 06 00")), Abort.INVALID_PDU_PARAMETER_VALUE);
    }

    private static AssociateRequest request(List<PresentationContext> contexts, UserInformation user) {
        return new AssociateRequest("CALLED", "CALLING", DICOM_APPLICATION_CONTEXT, contexts, user);
    }

    private static byte[] associateRqBody(byte[]... items) {
        return body(Pdus.associateRq("CALLED", "CALLING", items));
    }

    /** The PDU's variable part: what follows its type, reserved byte and 4-byte length, which must be right. */
    private static byte[] body(byte[] pdu) {
        assertThat(ByteBuffer.wrap(pdu, 2, 4).getInt()).as("PDU length").isEqualTo(pdu.length - 6);
        return Arrays.copyOfRange(pdu, 6, pdu.length);
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private interface Decoding {
        void run() throws PduException;
    }

    private static void assertAbortReason(Decoding decoding, int reason) {
        assertThatThrownBy(decoding::run).isInstanceOfSatisfying(PduException.class,
                e -> assertThat(e.abortReason()).as("abort reason of: %s", e.getMessage()).isEqualTo(reason));
    }
}
