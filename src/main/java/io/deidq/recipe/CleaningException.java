package io.deidq.recipe;

/** An image the clean stage cannot clean: unreadable, or a recipe that cannot be applied to it. No PHI in the message. */
public class CleaningException extends Exception {

    public CleaningException(String message) {
        super(message);
    }

    public CleaningException(String message, Throwable cause) {
        super(message, cause);
    }
}
