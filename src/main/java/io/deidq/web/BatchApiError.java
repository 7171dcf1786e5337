package io.deidq.web;

import org.springframework.http.HttpStatus;

/** A Batches API request answered with an error status and {"detail": ...} ({@link BatchApiErrors}). */
final class BatchApiError extends RuntimeException {

    private final HttpStatus status;

    BatchApiError(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    static BatchApiError badRequest(String detail) {
        return new BatchApiError(HttpStatus.BAD_REQUEST, detail);
    }

    HttpStatus status() {
        return status;
    }
}
