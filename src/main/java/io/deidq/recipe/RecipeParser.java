package io.deidq.recipe;

import io.deidq.recipe.FilterLabel.CriterionLine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads recipes in deid's format (reference/deid-and-dasher.md 1.1, 1.3, 1.4, 1.8, 1.9). Where
 * deid warns and goes on, or goes on silently, this parser refuses the recipe, naming the file,
 * the line and the reason: a recipe that does less than its author wrote lets PHI through.
 * <ul>
 * <li>{@code FORMAT dicom} is required, once; every other line belongs to a section.</li>
 * <li>A {@code #} outside quotes begins a comment on any line.</li>
 * <li>Header actions in any case; REMOVE takes no value but {@code func:NAME}; BLANK and KEEP none.</li>
 * <li>Every keyword is checked against the dictionary; {@code allfields} and {@code allexcept}
 * (which deid documents but does not implement) are refused.</li>
 * <li>{@code values:NAME} and {@code fields:NAME} must name a list of the recipe: of the file
 * for {@link #parse}, of any of the files for {@link #load(List)}, whose lists merge.</li>
 * <li>{@code %labels} is accepted only empty, since deidq gives its content no meaning.</li>
 * </ul>
 */
public final class RecipeParser {

    private enum Section { HEADER, LABELS, FILTER, VALUES, FIELDS }

    private final String source;
    private boolean format;
    private Section section;
    private String sectionName;
    private LabelBuilder label;
    private final List<HeaderAction> header = new ArrayList<>();
    private final Map<String, List<FilterLabel>> filters = new LinkedHashMap<>();
    private final Map<String, ListBuilder<ValuesList.Rule>> values = new LinkedHashMap<>();
    private final Map<String, ListBuilder<Selector>> fields = new LinkedHashMap<>();

    private RecipeParser(String source) {
        this.source = source;
    }

    /** Parses one recipe; {@code source} names it in messages (a file name). */
    public static Recipe parse(String source, String text) throws RecipeException {
        Recipe recipe = new RecipeParser(source).read(text);
        checkListReferences(recipe);
        return recipe;
    }

    /** Reads and parses one recipe file, UTF-8. */
    public static Recipe load(Path file) throws RecipeException {
        return parse(file.toString(), read(file));
    }

    /** Reads recipe files and combines them in order ({@link Recipe#combine}). */
    public static Recipe load(List<Path> files) throws RecipeException {
        List<Recipe> recipes = new ArrayList<>();
        for (Path file : files) {
            recipes.add(new RecipeParser(file.toString()).read(read(file)));
        }
        Recipe combined = Recipe.combine(recipes);
        checkListReferences(combined);
        return combined;
    }

    private static String read(Path file) throws RecipeException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RecipeException(file.toString(), "cannot be read: it is not UTF-8 text");
        } catch (IOException e) {
            throw new RecipeException(file.toString(), "cannot be read: " + reason(e));
        }
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "access denied"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private Recipe read(String text) throws RecipeException {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = (i == 0 && lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[i]).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Origin origin = new Origin(source, i + 1, line);
            String content = RecipeTokens.withoutComment(line).strip();
            String[] words = content.split("\\s+", 2);
            String rest = words.length > 1 ? words[1].strip() : "";
            if (words[0].equalsIgnoreCase("format")) {
                format(rest, origin);
            } else if (content.startsWith("%")) {
                section(words[0].substring(1).toLowerCase(Locale.ROOT), rest, origin);
            } else if (section == null) {
                throw new RecipeException(origin, "this line comes before any section (%header, %filter, %values, %fields)");
            } else {
                switch (section) {
                    case HEADER -> header.add(HeaderLine.parse(content, origin));
                    case LABELS -> throw new RecipeException(origin, "%labels must be empty: deidq gives its lines no meaning");
                    case FILTER -> filterLine(words[0], rest, content, origin);
                    case VALUES -> valuesLine(content, origin);
                    case FIELDS -> fieldsLine(content, origin);
                }
            }
        }
        finishLabel();
        if (!format) {
            throw new RecipeException(source, "has no FORMAT dicom line, which a deid recipe must have");
        }
        return build();
    }

    private void format(String value, Origin origin) throws RecipeException {
        if (!value.equalsIgnoreCase("dicom")) {
            throw new RecipeException(origin, "the format must be dicom, the only one deid knows");
        }
        if (format) {
            throw new RecipeException(origin, "a second FORMAT line");
        }
        format = true;
    }

    private void section(String name, String sectionName, Origin origin) throws RecipeException {
        finishLabel();
        Section next = switch (name) {
            case "header" -> Section.HEADER;
            case "labels" -> Section.LABELS;
            case "filter" -> Section.FILTER;
            case "values" -> Section.VALUES;
            case "fields" -> Section.FIELDS;
            default -> throw new RecipeException(origin, "%" + name + " is not a section (%header, %filter, %values, %fields, %labels)");
        };
        boolean named = next == Section.FILTER || next == Section.VALUES || next == Section.FIELDS;
        if (named && sectionName.isEmpty()) {
            throw new RecipeException(origin, "%" + name + " needs a name, as in %" + name + " " + (next == Section.FILTER ? "graylist" : "patient_names"));
        }
        if (next == Section.HEADER && !sectionName.isEmpty()) {
            throw new RecipeException(origin, "%header takes no name");
        }
        section = next;
        this.sectionName = sectionName;
        switch (next) {
            case FILTER -> filters.computeIfAbsent(sectionName, n -> new ArrayList<>());
            case VALUES -> values.computeIfAbsent(sectionName, n -> new ListBuilder<>(origin));
            case FIELDS -> fields.computeIfAbsent(sectionName, n -> new ListBuilder<>(origin));
            default -> { }
        }
    }

    private void filterLine(String word, String rest, String content, Origin origin) throws RecipeException {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.equals("label")) {
            finishLabel();
            if (rest.isEmpty()) {
                throw new RecipeException(origin, "LABEL needs a name");
            }
            label = new LabelBuilder(rest, origin);
            return;
        }
        if (label == null) {
            throw new RecipeException(origin, "this line of %filter " + sectionName + " comes before any LABEL");
        }
        if (FilterLines.COORDINATE_WORDS.contains(lower)) {
            label.coordinates.add(FilterLines.coordinates(lower, rest, origin));
        } else {
            label.lines.add(FilterLines.criterionLine(content, origin));
        }
    }

    private void finishLabel() throws RecipeException {
        if (label == null) {
            return;
        }
        if (label.lines.isEmpty() && label.coordinates.isEmpty()) {
            throw new RecipeException(label.origin, "LABEL " + label.name + " has no criteria and no coordinates");
        }
        filters.get(sectionName).add(new FilterLabel(label.name, label.lines, label.coordinates, label.origin));
        label = null;
    }

    private void valuesLine(String content, Origin origin) throws RecipeException {
        List<String> words = RecipeTokens.words(content, origin);
        String action = words.get(0).toUpperCase(Locale.ROOT);
        if (!action.equals("FIELD") && !action.equals("SPLIT")) {
            throw new RecipeException(origin, "a line of %values is FIELD <field> or SPLIT <field> [by=\"x\";minlength=n]");
        }
        if (words.size() < 2) {
            throw new RecipeException(origin, action + " needs a field");
        }
        Selector selector = SelectorParser.list(words.get(1), origin);
        ValuesList.Rule rule;
        if (action.equals("FIELD")) {
            if (words.size() > 2) {
                throw new RecipeException(origin, "FIELD takes a field only, not \"" + String.join(" ", words.subList(2, words.size())) + "\"");
            }
            rule = new ValuesList.Rule(selector, false, SplitOptions.DEFAULT_BY, SplitOptions.DEFAULT_MIN_LENGTH, origin);
        } else {
            SplitOptions options = SplitOptions.parse(String.join(" ", words.subList(2, words.size())), origin);
            rule = new ValuesList.Rule(selector, true, options.by(), options.minLength(), origin);
        }
        values.get(sectionName).items.add(rule);
    }

    private void fieldsLine(String content, Origin origin) throws RecipeException {
        List<String> words = RecipeTokens.words(content, origin);
        if (!words.get(0).equalsIgnoreCase("FIELD")) {
            throw new RecipeException(origin, "a line of %fields is FIELD <field>");
        }
        if (words.size() != 2) {
            throw new RecipeException(origin, words.size() < 2 ? "FIELD needs a field" : "FIELD takes a field only, not \""
                    + String.join(" ", words.subList(2, words.size())) + "\"");
        }
        fields.get(sectionName).items.add(SelectorParser.list(words.get(1), origin));
    }

    private Recipe build() {
        List<FilterGroup> groups = new ArrayList<>();
        filters.forEach((name, labels) -> groups.add(new FilterGroup(name, labels)));
        Map<String, ValuesList> valuesLists = new LinkedHashMap<>();
        values.forEach((name, list) -> valuesLists.put(name, new ValuesList(name, list.items, list.origin)));
        Map<String, FieldsList> fieldsLists = new LinkedHashMap<>();
        fields.forEach((name, list) -> fieldsLists.put(name, new FieldsList(name, list.items, list.origin)));
        return new Recipe(List.of(source), header, groups, valuesLists, fieldsLists);
    }

    /** A values:NAME or fields:NAME that names no list would select nothing, and its action would do nothing. */
    private static void checkListReferences(Recipe recipe) throws RecipeException {
        String where = recipe.sources().size() == 1 ? "this recipe" : "any of the recipes " + String.join(", ", recipe.sources());
        for (HeaderAction action : recipe.header()) {
            if (action.selector() instanceof Selector.Values v && !recipe.values().containsKey(v.list())) {
                throw new RecipeException(action.origin(), "values:" + v.list() + " names no %values section of " + where);
            }
            if (action.selector() instanceof Selector.Fields f && !recipe.fields().containsKey(f.list())) {
                throw new RecipeException(action.origin(), "fields:" + f.list() + " names no %fields section of " + where);
            }
        }
    }

    private static final class LabelBuilder {
        final String name;
        final Origin origin;
        final List<CriterionLine> lines = new ArrayList<>();
        final List<Coordinates> coordinates = new ArrayList<>();

        LabelBuilder(String name, Origin origin) {
            this.name = name;
            this.origin = origin;
        }
    }

    /** The lines of one %values or %fields name, which may come in several sections of a file, as in deid. */
    private static final class ListBuilder<T> {
        final Origin origin;
        final List<T> items = new ArrayList<>();

        ListBuilder(Origin origin) {
            this.origin = origin;
        }
    }
}
