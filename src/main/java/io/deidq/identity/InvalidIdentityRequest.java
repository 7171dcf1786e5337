package io.deidq.identity;

/**
 * A request the identity service refuses as it stands: asking again cannot help. {@code missing}
 * says whether a required field is absent (the request is malformed: HTTP 400) rather than
 * present with a value the service cannot accept (HTTP 422). The message names the field and the
 * reason, never the value, which may be PHI.
 */
public class InvalidIdentityRequest extends IdentityException {

    private final boolean missing;

    InvalidIdentityRequest(String message, boolean missing) {
        super(message, false);
        this.missing = missing;
    }

    public boolean missing() {
        return missing;
    }
}
