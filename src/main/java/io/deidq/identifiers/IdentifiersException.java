package io.deidq.identifiers;

/**
 * Identifiers cannot be extracted, turned into a valid identity request, or merged with the
 * identity service's answer. The batch fails with this message; a rerun meets the same data, so
 * retrying without a change does not help. Messages name files, fields and positions, never an
 * identifier's value, since they end up in logs and on the dashboard.
 */
public class IdentifiersException extends Exception {

    public IdentifiersException(String message) {
        super(message);
    }

    public IdentifiersException(String message, Throwable cause) {
        super(message, cause);
    }
}
