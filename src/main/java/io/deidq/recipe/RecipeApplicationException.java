package io.deidq.recipe;

/**
 * A recipe that cannot be applied to an image as written: the field (keyword or tag, and where it
 * is nested), the recipe line and the reason. The image fails rather than keep a value the recipe
 * meant to change. The message never holds a header value.
 */
public class RecipeApplicationException extends Exception {

    public RecipeApplicationException(String message) {
        super(message);
    }

    static RecipeApplicationException of(IndexedField field, Origin origin, String reason) {
        return new RecipeApplicationException(field.describe() + ": " + origin.describe() + ": " + reason);
    }
}
