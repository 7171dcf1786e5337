package io.deidq.recipe;

import org.springframework.boot.context.properties.ConfigurationProperties;

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

    /** NONE, or an action a default may be: BLANK or REMOVE. */
    public static HeaderAction.Action defaultAction(String property, String value) {
        String action = value.trim().toUpperCase(Locale.ROOT);
        return switch (action) {
            case "NONE" -> null;
            case "BLANK" -> HeaderAction.Action.BLANK;
            case "REMOVE" -> HeaderAction.Action.REMOVE;
            default -> throw new IllegalArgumentException(property + " is '" + value + "': BLANK, REMOVE or NONE");
        };
    }
}
