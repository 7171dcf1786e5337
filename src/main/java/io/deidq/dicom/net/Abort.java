package io.deidq.dicom.net;

/** A-ABORT (PS3.8 9.3.8): who aborted and why. */
public record Abort(int source, int reason) {

    public static final int SERVICE_USER = 0;
    public static final int SERVICE_PROVIDER = 2;

    public static final int NOT_SPECIFIED = 0;
    public static final int UNRECOGNIZED_PDU = 1;
    public static final int UNEXPECTED_PDU = 2;
    public static final int UNRECOGNIZED_PDU_PARAMETER = 4;
    public static final int UNEXPECTED_PDU_PARAMETER = 5;
    public static final int INVALID_PDU_PARAMETER_VALUE = 6;

    public String describe() {
        String by = source == SERVICE_USER ? "the service user" : "the service provider";
        String why = switch (source == SERVICE_USER ? NOT_SPECIFIED : reason) {
            case NOT_SPECIFIED -> "reason not specified";
            case UNRECOGNIZED_PDU -> "unrecognized PDU";
            case UNEXPECTED_PDU -> "unexpected PDU";
            case UNRECOGNIZED_PDU_PARAMETER -> "unrecognized PDU parameter";
            case UNEXPECTED_PDU_PARAMETER -> "unexpected PDU parameter";
            case INVALID_PDU_PARAMETER_VALUE -> "invalid PDU parameter value";
            default -> "reason " + reason;
        };
        return "aborted by " + by + ": " + why;
    }
}
