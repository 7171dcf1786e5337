package io.deidq.dicom.data;

/**
 * Value Representations of PS3.5 Table 6.2-1, with what encoding needs to know about each:
 * whether explicit VR uses the 4-byte length form, the unit in which binary values swap bytes
 * between little and big endian, the padding byte, and whether values are text.
 */
public enum VR {
    AE(Kind.TEXT, false, 1, ' ', true),
    AS(Kind.TEXT, false, 1, ' ', true),
    AT(Kind.BINARY, false, 2, 0, true),
    CS(Kind.TEXT, false, 1, ' ', true),
    DA(Kind.TEXT, false, 1, ' ', true),
    DS(Kind.TEXT, false, 1, ' ', true),
    DT(Kind.TEXT, false, 1, ' ', true),
    FD(Kind.BINARY, false, 8, 0, true),
    FL(Kind.BINARY, false, 4, 0, true),
    IS(Kind.TEXT, false, 1, ' ', true),
    LO(Kind.TEXT, false, 1, ' ', true),
    LT(Kind.TEXT, false, 1, ' ', false),
    OB(Kind.BINARY, true, 1, 0, false),
    OD(Kind.BINARY, true, 8, 0, false),
    OF(Kind.BINARY, true, 4, 0, false),
    OL(Kind.BINARY, true, 4, 0, false),
    OV(Kind.BINARY, true, 8, 0, false),
    OW(Kind.BINARY, true, 2, 0, false),
    PN(Kind.TEXT, false, 1, ' ', true),
    SH(Kind.TEXT, false, 1, ' ', true),
    SL(Kind.BINARY, false, 4, 0, true),
    SQ(Kind.SEQUENCE, true, 1, 0, false),
    SS(Kind.BINARY, false, 2, 0, true),
    ST(Kind.TEXT, false, 1, ' ', false),
    SV(Kind.BINARY, true, 8, 0, true),
    TM(Kind.TEXT, false, 1, ' ', true),
    UC(Kind.TEXT, true, 1, ' ', true),
    UI(Kind.TEXT, false, 1, 0, true),
    UL(Kind.BINARY, false, 4, 0, true),
    UN(Kind.BINARY, true, 1, 0, false),
    UR(Kind.TEXT, true, 1, ' ', false),
    US(Kind.BINARY, false, 2, 0, true),
    UT(Kind.TEXT, true, 1, ' ', false),
    UV(Kind.BINARY, true, 8, 0, true);

    private enum Kind { TEXT, BINARY, SEQUENCE }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    private final Kind kind;
    private final boolean longLength;
    private final int unitSize;
    private final byte padding;
    private final boolean multiValued;
    private final int code;

    VR(Kind kind, boolean longLength, int unitSize, int padding, boolean multiValued) {
        this.kind = kind;
        this.longLength = longLength;
        this.unitSize = unitSize;
        this.padding = (byte) padding;
        this.multiValued = multiValued;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    /** The VR whose two ASCII characters are {@code code} (first character in the high byte), or null. */
    public static VR ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The two characters as they appear in an explicit VR element header, first in the high byte. */
    public int code() {
        return code;
    }

    /** Explicit VR encodes the length of this VR in 4 bytes after 2 reserved ones, not in 2 bytes. */
    public boolean longLength() {
        return longLength;
    }

    /** Bytes of one binary value, the unit that byte order swaps; 1 for text, bytes and sequences. */
    public int unitSize() {
        return unitSize;
    }

    /** The byte that pads an odd-length value to even length. */
    public byte padding() {
        return padding;
    }

    public boolean isText() {
        return kind == Kind.TEXT;
    }

    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    public boolean isSequence() {
        return kind == Kind.SEQUENCE;
    }

    /** A text VR whose value may hold several values separated by backslash; binary VRs by count. */
    public boolean isMultiValued() {
        return multiValued;
    }

    /** Text of this VR is decoded with the Specific Character Set (PS3.5 6.1.2.3); other text is ASCII. */
    public boolean usesSpecificCharacterSet() {
        return switch (this) {
            case SH, LO, ST, LT, PN, UC, UT -> true;
            default -> false;
        };
    }
}
