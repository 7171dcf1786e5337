package io.deidq.identity;

import org.springframework.http.HttpStatus;

/** A GSID API request answered with an error status and {"detail": ...} ({@link IdentityApiErrors}). */
final class GsidApiError extends RuntimeException {

    private final HttpStatus status;

    GsidApiError(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    /** The body is not of the request's form: not an object, a field missing, of the wrong JSON type, or unknown. */
    static GsidApiError malformed(String detail) {
        return new GsidApiError(HttpStatus.BAD_REQUEST, detail);
    }

    /** The body has the request's form, but a value cannot be accepted. */
    static GsidApiError invalid(String detail) {
        return new GsidApiError(HttpStatus.UNPROCESSABLE_ENTITY, detail);
    }

    HttpStatus status() {
        return status;
    }
}
