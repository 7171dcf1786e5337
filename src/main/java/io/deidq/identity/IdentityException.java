package io.deidq.identity;

/**
 * The identity service could not answer: unreachable, refusing, or answering something that is not
 * an answer. {@code retryable} says whether the same request may succeed later (the stage is then
 * retried or rerun); a request the service rejects as invalid is not.
 */
public class IdentityException extends Exception {

    private final boolean retryable;

    public IdentityException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public IdentityException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
