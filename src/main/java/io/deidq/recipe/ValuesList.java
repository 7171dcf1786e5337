package io.deidq.recipe;

import java.util.List;

/**
 * A {@code %values NAME} section: the values of the fields its rules pick, collected per image and
 * used in the header as {@code values:NAME}.
 */
public record ValuesList(String name, List<Rule> rules, Origin origin) {

    public ValuesList {
        rules = List.copyOf(rules);
    }

    /**
     * {@code FIELD <selector>} takes each value whole ({@code split} false); {@code SPLIT <selector>
     * by="^";minlength=4} splits each value by {@code by} and keeps tokens at least {@code minLength} long.
     */
    public record Rule(Selector selector, boolean split, String by, int minLength, Origin origin) {
    }
}
