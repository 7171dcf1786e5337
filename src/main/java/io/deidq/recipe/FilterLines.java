package io.deidq.recipe;

import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.recipe.FilterLabel.Criterion;
import io.deidq.recipe.FilterLabel.CriterionLine;
import io.deidq.recipe.FilterLabel.Joiner;
import io.deidq.recipe.FilterLabel.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The lines inside a {@code LABEL} of a {@code %filter} section: criteria and coordinates (reference 1.9). */
final class FilterLines {

    static final Set<String> COORDINATE_WORDS = Set.of("coordinates", "keepcoordinates", "ctpcoordinates", "ctpkeepcoordinates");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    private FilterLines() {
    }

    /**
     * A line of criteria, {@code [+ | ||] test field [value] [+ | || test field [value]] ...}. A
     * {@code +} or {@code ||} begins a new criterion only where a test's name follows it, so that
     * {@code contains ManufacturerModelName SOMATOM Definition AS+} keeps its regex, as in deid.
     */
    static CriterionLine criterionLine(String content, Origin origin) throws RecipeException {
        Joiner joinedBy = Joiner.AND;
        String rest = content;
        if (rest.startsWith("||")) {
            joinedBy = Joiner.OR;
            rest = rest.substring(2).strip();
        } else if (rest.startsWith("+")) {
            rest = rest.substring(1).strip();
        }
        List<Criterion> criteria = new ArrayList<>();
        List<Joiner> joiners = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < rest.length()) {
            int operator = rest.startsWith("||", i) ? 2 : rest.charAt(i) == '+' ? 1 : 0;
            if (operator > 0 && startsWithTest(rest.substring(i + operator))) {
                criteria.add(criterion(rest.substring(start, i).strip(), origin));
                joiners.add(operator == 2 ? Joiner.OR : Joiner.AND);
                start = i + operator;
            }
            i += Math.max(operator, 1);
        }
        criteria.add(criterion(rest.substring(start).strip(), origin));
        return new CriterionLine(joinedBy, criteria, joiners, origin);
    }

    private static boolean startsWithTest(String text) {
        String[] words = text.strip().split("\\s+", 2);
        return test(words[0]) != null;
    }

    private static Test test(String word) {
        for (Test test : Test.values()) {
            if (test.name().equalsIgnoreCase(word)) {
                return test;
            }
        }
        return null;
    }

    private static Criterion criterion(String text, Origin origin) throws RecipeException {
        if (text.isEmpty()) {
            throw new RecipeException(origin, "a + or || has no criterion on one side");
        }
        String[] words = text.split("\\s+", 3);
        Test test = test(words[0]);
        if (test == null) {
            throw new RecipeException(origin, "\"" + words[0] + "\" is not a filter test "
                    + "(contains, notcontains, equals, notequals, missing, present, empty)");
        }
        String name = words[0].toLowerCase(Locale.ROOT);
        if (words.length < 2) {
            throw new RecipeException(origin, name + " needs a field");
        }
        String field = words[1];
        if (FieldNames.filterTag(field) == -1) {
            throw new RecipeException(origin, "\"" + field + "\" is not a keyword of the DICOM dictionary nor a tag "
                    + "(gggg,eeee), ggggeeee or 0xggggeeee");
        }
        boolean takesValue = switch (test) {
            case CONTAINS, NOTCONTAINS, EQUALS, NOTEQUALS -> true;
            case MISSING, PRESENT, EMPTY -> false;
        };
        String value = words.length == 3 ? words[2] : null;
        if (takesValue && value == null) {
            throw new RecipeException(origin, name + " needs a field and a value");
        }
        if (!takesValue && value != null) {
            throw new RecipeException(origin, name + " takes a field only, not \"" + value + "\"");
        }
        if (test == Test.CONTAINS || test == Test.NOTCONTAINS) {
            try {
                Pattern.compile(value, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new RecipeException(origin, "\"" + value + "\" is not a valid regular expression: " + e.getDescription());
            }
        }
        return new Criterion(test, field, value);
    }

    /**
     * {@code coordinates x0,y0,x1,y1 | all | from:SEQUENCE} and its keep form; {@code
     * ctpcoordinates x,y,w,h | all}, CTP's convention, held as the box x,y,x+w,y+h.
     */
    static Coordinates coordinates(String word, String argument, Origin origin) throws RecipeException {
        boolean keep = word.contains("keep");
        boolean ctp = word.startsWith("ctp");
        String form = ctp ? "x,y,w,h or all" : "x0,y0,x1,y1, all or from:SEQUENCE";
        if (argument.isEmpty()) {
            throw new RecipeException(origin, word + " needs " + form);
        }
        if (argument.equalsIgnoreCase("all")) {
            return new Coordinates(keep, new Coordinates.All(), origin);
        }
        if (argument.toLowerCase(Locale.ROOT).startsWith("from:")) {
            if (ctp) {
                throw new RecipeException(origin, word + " takes " + form + ", not from:");
            }
            return new Coordinates(keep, new Coordinates.FromSequence(sequence(argument.substring(5).strip(), origin)), origin);
        }
        String[] parts = argument.split(",", -1);
        int[] n = new int[4];
        for (int i = 0; i < parts.length && parts.length == 4; i++) {
            String part = parts[i].strip();
            n[i] = NUMBER.matcher(part).matches() ? Integer.parseInt(part) : -1;
        }
        if (parts.length != 4 || n[0] < 0 || n[1] < 0 || n[2] < 0 || n[3] < 0) {
            throw new RecipeException(origin, word + " takes " + form + " in whole numbers, not \"" + argument + "\"");
        }
        if (ctp) {
            if (n[2] == 0 || n[3] == 0) {
                throw new RecipeException(origin, word + " x,y,w,h needs a width and a height above 0");
            }
            return new Coordinates(keep, new Coordinates.Box(n[0], n[1], n[0] + n[2], n[1] + n[3]), origin);
        }
        if (n[0] >= n[2] || n[1] >= n[3]) {
            throw new RecipeException(origin, word + " x0,y0,x1,y1 needs x0 < x1 and y0 < y1 (the ends are exclusive)");
        }
        return new Coordinates(keep, new Coordinates.Box(n[0], n[1], n[2], n[3]), origin);
    }

    private static String sequence(String name, Origin origin) throws RecipeException {
        String keyword = FieldNames.keyword(name);
        if (keyword == null || !FieldNames.isSequence(ElementDictionary.tagOf(keyword))) {
            throw new RecipeException(origin, "from:" + name + " names no sequence of the DICOM dictionary "
                    + "(such as SequenceOfUltrasoundRegions)");
        }
        return keyword;
    }
}
