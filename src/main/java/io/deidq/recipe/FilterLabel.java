package io.deidq.recipe;

import java.util.List;

/**
 * A {@code LABEL} block of a filter: it matches an image when its criterion lines, joined left to
 * right by each line's {@link CriterionLine#joinedBy()}, hold; it then names the regions of the
 * pixels to clean.
 */
public record FilterLabel(String name, List<CriterionLine> lines, List<Coordinates> coordinates, Origin origin) {

    public FilterLabel {
        lines = List.copyOf(lines);
        coordinates = List.copyOf(coordinates);
    }

    /**
     * One line of criteria joined by {@code +} (and) and {@code ||} (or), evaluated left to right
     * without precedence, as deid does: {@code joiners.size() == criteria.size() - 1}. {@code
     * joinedBy} joins the line to the lines before it: OR when it begins with {@code ||}, else AND
     * (deid's code ignores a leading {@code ||} and so ANDs it, which flags fewer images than the
     * recipe's author asked for; deidq follows deid's documentation there).
     */
    public record CriterionLine(Joiner joinedBy, List<Criterion> criteria, List<Joiner> joiners, Origin origin) {

        public CriterionLine {
            criteria = List.copyOf(criteria);
            joiners = List.copyOf(joiners);
            if (joiners.size() != criteria.size() - 1) {
                throw new IllegalArgumentException("a line of " + criteria.size() + " criteria has " + joiners.size() + " joiners");
            }
        }
    }

    public enum Joiner { AND, OR }

    /** {@code contains F RE}, {@code equals F v}, {@code missing F}, ...; {@code value} is null for the tests that take none. */
    public record Criterion(Test test, String field, String value) {
    }

    public enum Test { CONTAINS, NOTCONTAINS, EQUALS, NOTEQUALS, MISSING, PRESENT, EMPTY }
}
