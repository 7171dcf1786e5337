package io.deidq.identity;

/**
 * DASHER (or its token URI) failed on its side: an HTTP 5xx, an I/O error, no answer in time. The
 * one kind of failure the client retries by itself, with backoff; the stage may be retried too.
 */
class DasherUnavailableException extends IdentityException {

    DasherUnavailableException(String message, Throwable cause) {
        super(message, true, cause);
    }

    DasherUnavailableException(String message) {
        super(message, true);
    }
}
