package io.deidq.dicom.net;

/** The acceptor's answer to one presentation context (PS3.8 9.3.3.2); {@code transferSyntax} is null unless accepted. */
public record PresentationContextResult(int id, int result, String transferSyntax) {

    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public boolean accepted() {
        return result == ACCEPTANCE;
    }

    public static PresentationContextResult accept(int id, String transferSyntax) {
        return new PresentationContextResult(id, ACCEPTANCE, transferSyntax);
    }

    public static PresentationContextResult reject(int id, int result) {
        return new PresentationContextResult(id, result, null);
    }

    public static String describe(int result) {
        return switch (result) {
            case ACCEPTANCE -> "acceptance";
            case USER_REJECTION -> "user rejection";
            case NO_REASON -> "rejected, no reason (provider rejection)";
            case ABSTRACT_SYNTAX_NOT_SUPPORTED -> "abstract syntax not supported";
            case TRANSFER_SYNTAXES_NOT_SUPPORTED -> "transfer syntaxes not supported";
            default -> "result " + result;
        };
    }
}
