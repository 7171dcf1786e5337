package io.deidq.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recipes named in configuration or on the command line: a file path, or {@code classpath:NAME}
 * for one shipped in deidq.jar (deid-rules/ is packaged there), combined in the order given.
 */
public final class RecipeSources {

    public static final String CLASSPATH = "classpath:";

    private RecipeSources() {
    }

    public static Recipe load(List<String> locations) throws RecipeException {
        if (locations.isEmpty()) {
            throw new RecipeException("recipes", "no recipe given");
        }
        List<Recipe> recipes = new ArrayList<>();
        for (String location : locations) {
            recipes.add(loadOne(location.trim()));
        }
        return Recipe.combine(recipes);
    }

    private static Recipe loadOne(String location) throws RecipeException {
        if (!location.startsWith(CLASSPATH)) {
            return RecipeParser.load(Path.of(location));
        }
        String name = location.substring(CLASSPATH.length());
        try (InputStream in = RecipeSources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new RecipeException(location, "no such recipe in deidq.jar");
            }
            return RecipeParser.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RecipeException(location, "cannot be read: " + e.getMessage());
        }
    }
}
