package io.deidq.identity;

/** The DASHER secrets file cannot be found, read, understood or rewritten; the message names it and says why. */
class DasherSecretsException extends Exception {

    DasherSecretsException(String message, Throwable cause) {
        super(message, cause);
    }

    DasherSecretsException(String message) {
        super(message);
    }
}
