package io.deidq.recipe;

import java.util.List;

/** A {@code %filter NAME} section (whitelist, graylist, blacklist, or any name): its labels, in order. */
public record FilterGroup(String name, List<FilterLabel> labels) {

    public FilterGroup {
        labels = List.copyOf(labels);
    }
}
