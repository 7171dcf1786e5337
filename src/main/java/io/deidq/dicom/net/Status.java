package io.deidq.dicom.net;

/** DIMSE status codes (PS3.7 Annex C, PS3.4 B.2.3 for the Storage Service Class). */
public final class Status {

    public static final int SUCCESS = 0x0000;
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    public static final int ELEMENTS_DISCARDED = 0xB006;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;

    private Status() {
    }

    public static boolean isSuccess(int status) {
        return status == SUCCESS;
    }

    /** B000-BFFF and 0001, 0107, 0116 are warnings (PS3.7 C.3): the operation was carried out. */
    public static boolean isWarning(int status) {
        return (status & 0xF000) == 0xB000 || status == 0x0001 || status == 0x0107 || status == 0x0116;
    }

    public static boolean isFailure(int status) {
        return !isSuccess(status) && !isWarning(status) && status != 0xFF00 && status != 0xFF01;
    }

    public static String describe(int status) {
        String what = switch (status) {
            case SUCCESS -> "success";
            case COERCION_OF_DATA_ELEMENTS -> "warning: coercion of data elements";
            case ELEMENTS_DISCARDED -> "warning: elements discarded";
            case DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING -> "warning: data set does not match SOP class";
            case OUT_OF_RESOURCES -> "refused: out of resources";
            case DATA_SET_DOES_NOT_MATCH_SOP_CLASS -> "error: data set does not match SOP class";
            case SOP_CLASS_NOT_SUPPORTED -> "refused: SOP class not supported";
            case UNRECOGNIZED_OPERATION -> "unrecognized operation";
            default -> (status & 0xF000) == 0xC000 ? "error: cannot understand" : isWarning(status) ? "warning" : "failure";
        };
        return String.format("%04X (%s)", status, what);
    }
}
