package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.recipe.FilterLabel.Criterion;
import io.deidq.recipe.FilterLabel.CriterionLine;
import io.deidq.recipe.FilterLabel.Joiner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code %filter} sections of a recipe applied to an image's header (reference 1.9): which
 * LABELs match, and so whether its pixels must be cleaned and where. Every label of every group is
 * evaluated, as deid's code does. Criteria read the top-level data set only. Immutable, so one
 * filter serves every thread.
 * <ul>
 * <li>{@code contains F RE}: the regex, case-insensitive beyond ASCII too (as Python's re is),
 * found in the values as text, several joined by {@code \}.</li>
 * <li>{@code equals F v}: case-insensitively the whole text, or one of the values (deid's
 * comparison is never true for a multi-valued element).</li>
 * <li>{@code missing F}: not in the data set; {@code present F}: in it; {@code empty F}: in it
 * without a value (no text, only empty values, or a sequence without items).</li>
 * <li>Within a line criteria join left to right without precedence; a line beginning with
 * {@code ||} joins the lines before it by OR, any other line by AND.</li>
 * </ul>
 */
public final class PixelFilter {

    private final List<Group> groups;

    private record Group(String name, List<Label> labels) {
    }

    private record Label(FilterLabel label, List<Line> lines) {
    }

    private record Line(Joiner joinedBy, List<Test> tests, List<Joiner> joiners) {
    }

    private record Test(FilterLabel.Test test, int tag, Pattern pattern, String term) {
    }

    public PixelFilter(Recipe recipe) {
        List<Group> compiled = new ArrayList<>();
        for (FilterGroup group : recipe.filters()) {
            List<Label> labels = new ArrayList<>();
            for (FilterLabel label : group.labels()) {
                labels.add(new Label(label, label.lines().stream().map(PixelFilter::compile).toList()));
            }
            compiled.add(new Group(group.name(), labels));
        }
        groups = List.copyOf(compiled);
    }

    private static Line compile(CriterionLine line) {
        List<Test> tests = new ArrayList<>();
        for (Criterion criterion : line.criteria()) {
            int tag = FieldNames.filterTag(criterion.field());
            if (tag == -1) {
                throw new IllegalArgumentException(line.origin().describe() + ": " + criterion.field() + " is not a keyword or tag");
            }
            Pattern pattern = switch (criterion.test()) {
                case CONTAINS, NOTCONTAINS -> Pattern.compile(criterion.value(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                default -> null;
            };
            String term = criterion.value() == null ? null : criterion.value().strip();
            tests.add(new Test(criterion.test(), tag, pattern, term));
        }
        return new Line(line.joinedBy(), tests, line.joiners());
    }

    public FilterResult evaluate(Dataset dataset) {
        List<FilterMatch> matches = new ArrayList<>();
        for (Group group : groups) {
            for (Label label : group.labels()) {
                if (matches(label, dataset)) {
                    matches.add(new FilterMatch(group.name(), label.label().name(), label.label().coordinates()));
                }
            }
        }
        return new FilterResult(matches);
    }

    /** A label without criteria (coordinates only) matches every image, as in deid. */
    private static boolean matches(Label label, Dataset dataset) {
        boolean result = true;
        for (int i = 0; i < label.lines().size(); i++) {
            Line line = label.lines().get(i);
            boolean holds = holds(line, dataset);
            result = i == 0 ? holds : line.joinedBy() == Joiner.OR ? result || holds : result && holds;
        }
        return result;
    }

    private static boolean holds(Line line, Dataset dataset) {
        boolean result = holds(line.tests().get(0), dataset);
        for (int i = 1; i < line.tests().size(); i++) {
            boolean next = holds(line.tests().get(i), dataset);
            result = line.joiners().get(i - 1) == Joiner.OR ? result || next : result && next;
        }
        return result;
    }

    private static boolean holds(Test test, Dataset dataset) {
        Element element = dataset.get(test.tag());
        return switch (test.test()) {
            case MISSING -> element == null;
            case PRESENT -> element != null;
            case EMPTY -> element != null && empty(dataset, element);
            case CONTAINS -> contains(test, dataset, element);
            case NOTCONTAINS -> !contains(test, dataset, element);
            case EQUALS -> equalsTerm(test, dataset, element);
            case NOTEQUALS -> !equalsTerm(test, dataset, element);
        };
    }

    private static boolean empty(Dataset dataset, Element element) {
        if (element.isEmpty()) {
            return true;
        }
        String[] values = ElementText.of(dataset, element);
        if (values == null) {
            return false;
        }
        for (String value : values) {
            if (!value.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(Test test, Dataset dataset, Element element) {
        String[] values = element == null ? null : ElementText.of(dataset, element);
        return values != null && test.pattern().matcher(String.join("\\", values)).find();
    }

    private static boolean equalsTerm(Test test, Dataset dataset, Element element) {
        String[] values = element == null ? null : ElementText.of(dataset, element);
        if (values == null) {
            return false;
        }
        // deid strips both sides before it compares
        if (String.join("\\", values).strip().equalsIgnoreCase(test.term())) {
            return true;
        }
        for (String value : values) {
            if (value.strip().equalsIgnoreCase(test.term())) {
                return true;
            }
        }
        return false;
    }
}
