package io.deidq.recipe;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code %values} and {@code %fields} lists of one image, computed from its fields before any
 * action runs, as deid does. Values are held in lower case, to be found literally in any case.
 * Every indexed field counts, kept ones too, so that a name kept in one place is still found in others.
 */
final class ImageLists {

    private static final ImageLists NONE = new ImageLists(Map.of(), Map.of());

    private final Map<String, List<String>> values;
    private final Map<String, Set<Integer>> fieldTags;

    private ImageLists(Map<String, List<String>> values, Map<String, Set<Integer>> fieldTags) {
        this.values = values;
        this.fieldTags = fieldTags;
    }

    static ImageLists of(List<IndexedField> index, ListRules rules) {
        if (rules.values.isEmpty() && rules.fields.isEmpty()) {
            return NONE;
        }
        Map<String, List<String>> values = new HashMap<>();
        rules.values.forEach((name, list) -> values.put(name, valuesOf(index, list)));
        Map<String, Set<Integer>> fieldTags = new HashMap<>();
        rules.fields.forEach((name, matchers) -> {
            Set<Integer> tags = new HashSet<>();
            for (IndexedField field : index) {
                for (FieldMatcher matcher : matchers) {
                    if (matcher.matches(field, NONE)) {
                        tags.add(field.tag);
                        break;
                    }
                }
            }
            fieldTags.put(name, tags);
        });
        return new ImageLists(values, fieldTags);
    }

    private static List<String> valuesOf(List<IndexedField> index, List<ListRules.ValuesRule> rules) {
        Set<String> found = new LinkedHashSet<>();
        for (ListRules.ValuesRule rule : rules) {
            for (IndexedField field : index) {
                if (!rule.matcher().matches(field, NONE)) {
                    continue;
                }
                List<String> fieldValues = FieldValueText.values(field);
                if (!rule.split()) {
                    for (String value : fieldValues) {
                        add(found, value);
                    }
                    continue;
                }
                for (String token : String.join("\\", fieldValues).split(Pattern.quote(rule.by()), -1)) {
                    if (token.length() >= rule.minLength()) {
                        add(found, token);
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** An empty entry would be found in every value: it selects nothing instead. */
    private static void add(Set<String> found, String value) {
        if (!value.isEmpty()) {
            found.add(ElementNames.lower(value));
        }
    }

    /** The entries of a %values list, in lower case; empty for a list this image gives nothing. */
    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The tags of the fields a %fields list picked in this image. */
    Set<Integer> fieldTags(String name) {
        return fieldTags.getOrDefault(name, Set.of());
    }
}
