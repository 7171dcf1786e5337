package io.deidq.recipe;

import java.util.List;

/** What the clean stage applies: the image and metadata recipes ready to run, the filters, and the image recipes' names. */
public record CleaningRules(HeaderCleaner image, HeaderCleaner metadata, PixelFilter filter, List<String> imageRecipes) {

    public CleaningRules {
        imageRecipes = List.copyOf(imageRecipes);
    }
}
