package io.deidq.recipe;

import java.util.List;

/** A {@code %fields NAME} section: {@code FIELD <selector>} lines, used in the header as {@code fields:NAME}. */
public record FieldsList(String name, List<Selector> fields, Origin origin) {

    public FieldsList {
        fields = List.copyOf(fields);
    }
}
