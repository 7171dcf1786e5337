package io.deidq.recipe;

/** A recipe refused when it is loaded: the file, the line number, the line and the reason. */
public class RecipeException extends Exception {

    private final Origin origin;

    public RecipeException(Origin origin, String reason) {
        super(origin.describe() + ": " + reason);
        this.origin = origin;
    }

    /** A problem with a whole file (cannot be read, no FORMAT line), not one of its lines. */
    public RecipeException(String source, String reason) {
        super(source + ": " + reason);
        this.origin = null;
    }

    /** The line at fault, or null when the fault is the file's. */
    public Origin origin() {
        return origin;
    }
}
