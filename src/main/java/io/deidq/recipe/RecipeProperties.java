package io.deidq.recipe;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the clean stage cleans (config/README.md, "Recipes", documents each).
 *
 * @param image                 the image recipes, combined in order (a path, or classpath:deid-rules/...)
 * @param metadata              the metadata recipes
 * @param imageDefaultAction    BLANK, REMOVE or NONE: what happens to an image field no recipe line reaches
 * @param metadataDefaultAction the same for the metadata record
 * @param removePrivate         remove every private element no KEEP line reaches
 * @param uidSecret             the secret new UIDs are derived with; empty: one kept in the data directory
 */
@ConfigurationProperties(prefix = "deidq.recipe")
public record RecipeProperties(List<String> image, List<String> metadata, String imageDefaultAction,
                               String metadataDefaultAction, Boolean removePrivate, String uidSecret) {

    public RecipeProperties {
        image = image == null || image.isEmpty() ? List.of(CleaningSettings.DEFAULT_IMAGE_RECIPE) : List.copyOf(image);
        metadata = metadata == null || metadata.isEmpty() ? List.of(CleaningSettings.DEFAULT_METADATA_RECIPE) : List.copyOf(metadata);
        imageDefaultAction = imageDefaultAction == null ? "BLANK" : imageDefaultAction;
        metadataDefaultAction = metadataDefaultAction == null ? "REMOVE" : metadataDefaultAction;
        removePrivate = removePrivate == null || removePrivate;
    }

    /** The settings these properties give, the secret resolved against the data directory. */
    public CleaningSettings settings(Path dataDirectory) throws IOException {
        return settings(dataDirectory, image, metadata);
    }

    /** The same with other recipes, as deidq anonymize --recipe names them. */
    public CleaningSettings settings(Path dataDirectory, List<String> imageRecipes, List<String> metadataRecipes) throws IOException {
        return new CleaningSettings(imageRecipes, metadataRecipes, defaultAction("deidq.recipe.image-default-action", imageDefaultAction),
                defaultAction("deidq.recipe.metadata-default-action", metadataDefaultAction), removePrivate,
                UidSecret.resolve(uidSecret, dataDirectory));
    }

    /** NONE, or an action a default may be: BLANK or REMOVE. */
    private static HeaderAction.Action defaultAction(String property, String value) {
        String action = value.trim().toUpperCase(Locale.ROOT);
        return switch (action) {
            case "NONE" -> null;
            case "BLANK" -> HeaderAction.Action.BLANK;
            case "REMOVE" -> HeaderAction.Action.REMOVE;
            default -> throw new IllegalArgumentException(property + " is '" + value + "': BLANK, REMOVE or NONE");
        };
    }
}
