package io.deidq.dicom.data;

import io.deidq.dicom.dict.UidRegistry;

/**
 * How a data set is encoded (PS3.5 Section 10): VR explicit or implicit, byte order, whether the
 * data set is deflated, and whether Pixel Data is encapsulated (compressed) in fragments.
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax("1.2.840.10008.1.2", false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax("1.2.840.10008.1.2.1", true, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN = new TransferSyntax("1.2.840.10008.1.2.2", true, true, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax("1.2.840.10008.1.2.1.99", true, false, true, false);

    /**
     * The transfer syntax of a UID. Every standard one but Implicit VR Little Endian and Explicit
     * VR Big Endian encodes the data set in explicit VR little endian; those named below deflate
     * it or encapsulate Pixel Data. An unknown UID is read as explicit VR little endian, and an
     * undefined-length Pixel Data then shows whether it is encapsulated.
     */
    public static TransferSyntax of(String uid) {
        return switch (uid) {
            case "1.2.840.10008.1.2" -> IMPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1" -> EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.2" -> EXPLICIT_VR_BIG_ENDIAN;
            case "1.2.840.10008.1.2.1.99" -> DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            // JPIP Referenced Deflate and JPIP HTJ2K Referenced Deflate: no pixel data, deflated data set
            case "1.2.840.10008.1.2.4.95", "1.2.840.10008.1.2.4.205" -> new TransferSyntax(uid, true, false, true, false);
            default -> new TransferSyntax(uid, true, false, false, isEncapsulated(uid));
        };
    }

    private static boolean isEncapsulated(String uid) {
        if (uid.equals("1.2.840.10008.1.2.5")                 // RLE Lossless
                || uid.equals("1.2.840.10008.1.2.1.98")       // Encapsulated Uncompressed Explicit VR Little Endian
                || uid.equals("1.2.840.10008.1.2.8.1")) {     // Deflated Image Frame Compression
            return true;
        }
        if (!uid.startsWith("1.2.840.10008.1.2.4.")) {
            return false;
        }
        // JPEG, JPEG-LS, JPEG 2000, MPEG, HEVC, JPEG XL and HTJ2K; the JPIP ones only reference pixel data.
        return !(uid.equals("1.2.840.10008.1.2.4.94") || uid.equals("1.2.840.10008.1.2.4.204"));
    }

    /** Pixel Data is native (not encapsulated) in this syntax; false when the syntax is unknown. */
    public boolean nativePixelData() {
        return !encapsulated && UidRegistry.lookup(uid) != null;
    }

    /** The registry keyword, or the UID itself when the registry does not know it. */
    public String keyword() {
        UidRegistry.Entry entry = UidRegistry.lookup(uid);
        return entry == null ? uid : entry.keyword();
    }

    /** Element headers and binary values of this syntax's data set are little endian with explicit VR. */
    public boolean isExplicitLittleEndian() {
        return explicitVR && !bigEndian;
    }
}
