package io.deidq.recipe;

/**
 * Why an action cannot be applied to a field, said without the field's value; the cleaner adds the
 * field and the recipe line and turns it into a {@link RecipeApplicationException}.
 */
final class Refusal extends Exception {

    Refusal(String reason) {
        super(reason, null, false, false);
    }
}
