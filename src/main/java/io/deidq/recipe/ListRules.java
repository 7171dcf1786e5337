package io.deidq.recipe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code %values} and {@code %fields} lists of a recipe, their selectors ready to run on each image (reference 1.8). */
final class ListRules {

    /** A FIELD (whole values) or SPLIT (tokens of at least minLength characters between separators) rule. */
    record ValuesRule(FieldMatcher matcher, boolean split, String by, int minLength) {
    }

    final Map<String, List<ValuesRule>> values = new HashMap<>();
    final Map<String, List<FieldMatcher>> fields = new HashMap<>();

    ListRules(Recipe recipe) throws RecipeException {
        for (ValuesList list : recipe.values().values()) {
            List<ValuesRule> rules = new ArrayList<>();
            for (ValuesList.Rule rule : list.rules()) {
                if (rule.split() && (rule.by() == null || rule.by().isEmpty())) {
                    throw new RecipeException(rule.origin(), "SPLIT needs a separator (by=\"...\")");
                }
                rules.add(new ValuesRule(matcher(rule.selector(), recipe, rule.origin()), rule.split(), rule.by(), rule.minLength()));
            }
            values.put(list.name(), List.copyOf(rules));
        }
        for (FieldsList list : recipe.fields().values()) {
            List<FieldMatcher> matchers = new ArrayList<>();
            for (Selector selector : list.fields()) {
                matchers.add(matcher(selector, recipe, list.origin()));
            }
            fields.put(list.name(), List.copyOf(matchers));
        }
    }

    /** A list is computed from the fields before any action: one defined by another list's values could only be circular. */
    private static FieldMatcher matcher(Selector selector, Recipe recipe, Origin origin) throws RecipeException {
        if (selector instanceof Selector.Values || selector instanceof Selector.Fields) {
            throw new RecipeException(origin, "a %values or %fields list cannot select by another list");
        }
        return FieldMatcher.of(selector, recipe, origin);
    }
}
