package io.deidq.recipe;

import java.util.List;
import java.util.Map;

/**
 * How images are cleaned, as configuration or the command line says (config/README.md, "Recipes"):
 * which recipes, each recipe's default action, whether private elements go,
 * and the secret UIDs are remapped with.
 */
public record CleaningSettings(List<String> imageRecipes, List<String> metadataRecipes, HeaderAction.Action imageDefaultAction,
                               HeaderAction.Action metadataDefaultAction, boolean removePrivate, byte[] uidSecret) {

    public static final String DEFAULT_IMAGE_RECIPE = RecipeSources.CLASSPATH + "deid-rules/deidq.dicom";
    public static final String DEFAULT_METADATA_RECIPE = RecipeSources.CLASSPATH + "deid-rules/deidq.metadata";

    public CleaningSettings {
        imageRecipes = List.copyOf(imageRecipes);
        metadataRecipes = List.copyOf(metadataRecipes);
        uidSecret = uidSecret.clone();
    }

    /** Loads and checks the recipes: a bad one is refused here, before any image is cleaned. */
    public CleaningRules rules() throws RecipeException {
        Map<String, RecipeFunction> functions = Map.of(UidRemapper.NAME, new UidRemapper(uidSecret));
        Recipe image = RecipeSources.load(imageRecipes);
        Recipe metadata = RecipeSources.load(metadataRecipes);
        return new CleaningRules(new HeaderCleaner(image, functions, new HeaderOptions(imageDefaultAction, removePrivate)),
                new HeaderCleaner(metadata, functions, new HeaderOptions(metadataDefaultAction, removePrivate)),
                new PixelFilter(image), image.sources());
    }
}
