package io.deidq.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed deid recipe, or several combined: header actions in recipe order, filter groups, and
 * the {@code %values} and {@code %fields} lists the header refers to by name.
 */
public record Recipe(List<String> sources, List<HeaderAction> header, List<FilterGroup> filters,
                     Map<String, ValuesList> values, Map<String, FieldsList> fields) {

    public Recipe {
        sources = List.copyOf(sources);
        header = List.copyOf(header);
        filters = List.copyOf(filters);
        values = Map.copyOf(values);
        fields = Map.copyOf(fields);
    }

    /**
     * Several recipes as one, applied in the order given: header actions one file after the other;
     * filter groups, values and fields lists of one name merged from every file, in order (deid
     * keeps only the last file's filters and the first file's lists; reference 1.1).
     */
    public static Recipe combine(List<Recipe> recipes) {
        List<String> sources = new ArrayList<>();
        List<HeaderAction> header = new ArrayList<>();
        Map<String, List<FilterLabel>> labels = new LinkedHashMap<>();
        Map<String, ValuesList> values = new LinkedHashMap<>();
        Map<String, FieldsList> fields = new LinkedHashMap<>();
        for (Recipe recipe : recipes) {
            sources.addAll(recipe.sources());
            header.addAll(recipe.header());
            for (FilterGroup group : recipe.filters()) {
                labels.computeIfAbsent(group.name(), name -> new ArrayList<>()).addAll(group.labels());
            }
            recipe.values().forEach((name, list) -> values.merge(name, list, (a, b) ->
                    new ValuesList(name, concat(a.rules(), b.rules()), a.origin())));
            recipe.fields().forEach((name, list) -> fields.merge(name, list, (a, b) ->
                    new FieldsList(name, concat(a.fields(), b.fields()), a.origin())));
        }
        List<FilterGroup> filters = new ArrayList<>();
        labels.forEach((name, groupLabels) -> filters.add(new FilterGroup(name, groupLabels)));
        return new Recipe(sources, header, filters, values, fields);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
