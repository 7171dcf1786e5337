package io.deidq.dicom.net;

/** A-ASSOCIATE-RJ (PS3.8 9.3.4): result, source and reason, with the reasons the standard defines. */
public record AssociateReject(int result, int source, int reason) {

    public static final int PERMANENT = 1;
    public static final int TRANSIENT = 2;

    public static final int SERVICE_USER = 1;
    public static final int SERVICE_PROVIDER_ACSE = 2;
    public static final int SERVICE_PROVIDER_PRESENTATION = 3;

    public static AssociateReject noReasonGiven() {
        return new AssociateReject(PERMANENT, SERVICE_USER, 1);
    }

    public static AssociateReject applicationContextNotSupported() {
        return new AssociateReject(PERMANENT, SERVICE_USER, 2);
    }

    public static AssociateReject callingAeTitleNotRecognized() {
        return new AssociateReject(PERMANENT, SERVICE_USER, 3);
    }

    public static AssociateReject calledAeTitleNotRecognized() {
        return new AssociateReject(PERMANENT, SERVICE_USER, 7);
    }

    public static AssociateReject protocolVersionNotSupported() {
        return new AssociateReject(PERMANENT, SERVICE_PROVIDER_ACSE, 2);
    }

    public static AssociateReject temporaryCongestion() {
        return new AssociateReject(TRANSIENT, SERVICE_PROVIDER_PRESENTATION, 1);
    }

    public static AssociateReject localLimitExceeded() {
        return new AssociateReject(TRANSIENT, SERVICE_PROVIDER_PRESENTATION, 2);
    }

    /** The reason in the standard's words. */
    public String describe() {
        String what = switch (source * 100 + reason) {
            case 101 -> "no reason given";
            case 102 -> "application context name not supported";
            case 103 -> "calling AE title not recognized";
            case 107 -> "called AE title not recognized";
            case 201 -> "no reason given (ACSE)";
            case 202 -> "protocol version not supported";
            case 301 -> "temporary congestion";
            case 302 -> "local limit exceeded";
            default -> "source " + source + ", reason " + reason;
        };
        return (result == TRANSIENT ? "rejected (transient): " : "rejected (permanent): ") + what;
    }
}
