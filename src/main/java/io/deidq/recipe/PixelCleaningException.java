package io.deidq.recipe;

/** Pixels that must be cleaned and cannot be; the reason names attributes and numbers, never a header value. */
public class PixelCleaningException extends Exception {

    public PixelCleaningException(String reason) {
        super(reason);
    }

    public PixelCleaningException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
