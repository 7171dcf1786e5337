package io.deidq.identifiers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deid's ids: {@code ids[entity][item] = {field: value}}, an entity being a patient and an item an
 * image by default. Serialised to JSON as exactly that nested object (the pipeline stores it so).
 *
 * <p>A value is a String, a number (Long, BigInteger, BigDecimal or Double as extracted; Integer
 * and Double as well once read back from JSON), or a List of those for a multi-valued element;
 * {@link IdentifierExtractor} says which VR gives which. Entities, items and fields keep the order
 * they were extracted in. Instances are immutable.
 */
public record Identifiers(Map<String, Map<String, Map<String, Object>>> entities) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Identifiers {
        Map<String, Map<String, Map<String, Object>>> copy = new LinkedHashMap<>();
        entities.forEach((entity, items) -> {
            Map<String, Map<String, Object>> itemsCopy = new LinkedHashMap<>();
            items.forEach((item, fields) -> itemsCopy.put(item, Collections.unmodifiableMap(copyFields(fields))));
            copy.put(entity, Collections.unmodifiableMap(itemsCopy));
        });
        entities = Collections.unmodifiableMap(copy);
    }

    @Override
    @JsonValue
    public Map<String, Map<String, Map<String, Object>>> entities() {
        return entities;
    }

    /** The items of one entity, or an empty map. */
    public Map<String, Map<String, Object>> items(String entity) {
        return entities.getOrDefault(entity, Map.of());
    }

    /** The fields of one item, or null when ids holds no such entity or item. */
    public Map<String, Object> fields(String entity, String item) {
        return items(entity).get(item);
    }

    /** How many items (images, by default) all entities hold together. */
    public int itemCount() {
        return entities.values().stream().mapToInt(Map::size).sum();
    }

    private static Map<String, Object> copyFields(Map<String, Object> fields) {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> copy.put(name, value instanceof List<?> list ? List.copyOf(list) : value));
        return copy;
    }
}
