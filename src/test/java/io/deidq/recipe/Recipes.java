package io.deidq.recipe;

import io.deidq.dicom.data.VR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the recipe model the parser would make from lines like {@code REPLACE CodeValue XX}, for
 * tests of the header cleaner written before and apart from the parser. It knows just enough of
 * the syntax for these tests: the action, a selector (a quoted private creator stays one token),
 * and a value (literal, var:, func:, deid_func:NAME k=v).
 */
final class Recipes {

    static final String SOURCE = "test.dicom";
    private static final Pattern TOKEN = Pattern.compile("(?:[^\\s\"']+|\"(?:\\\\.|[^\"])*\"|'(?:\\\\.|[^'])*')+");
    private static final Pattern PRIVATE = Pattern.compile("\\(?([0-9A-Fa-f]{4}),\"([^\"]*)\",([0-9A-Fa-f]{2})\\)?");

    private final List<HeaderAction> header = new ArrayList<>();
    private final Map<String, ValuesList> values = new LinkedHashMap<>();
    private final Map<String, FieldsList> fields = new LinkedHashMap<>();
    private int line;

    static Recipe recipe(String... headerLines) {
        return new Recipes().header(headerLines).build();
    }

    static Recipes builder() {
        return new Recipes();
    }

    Recipes header(String... lines) {
        for (String text : lines) {
            header.add(action(text, ++line));
        }
        return this;
    }

    /** A %values list of FIELD and SPLIT rules: {@code "FIELD PatientName"}, {@code "SPLIT PatientName ^ 4"}. */
    Recipes values(String name, String... rules) {
        List<ValuesList.Rule> parsed = new ArrayList<>();
        Origin listOrigin = origin("%values " + name);
        for (String rule : rules) {
            String[] parts = rule.split(" ");
            Origin origin = origin(rule);
            if (parts[0].equals("FIELD")) {
                parsed.add(new ValuesList.Rule(selector(parts[1]), false, " ", 1, origin));
            } else {
                parsed.add(new ValuesList.Rule(selector(parts[1]), true, parts[2], Integer.parseInt(parts[3]), origin));
            }
        }
        values.put(name, new ValuesList(name, parsed, listOrigin));
        return this;
    }

    Recipes fields(String name, String... selectors) {
        List<Selector> parsed = new ArrayList<>();
        for (String selector : selectors) {
            origin(selector);
            parsed.add(selector(selector));
        }
        fields.put(name, new FieldsList(name, parsed, origin("%fields " + name)));
        return this;
    }

    Recipe build() {
        return new Recipe(List.of(SOURCE), header, List.of(), values, fields);
    }

    private Origin origin(String text) {
        return new Origin(SOURCE, ++line, text);
    }

    static HeaderAction action(String text, int line) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        HeaderAction.Action action = HeaderAction.Action.valueOf(tokens.get(0));
        Value value = tokens.size() > 2 ? value(String.join(" ", tokens.subList(2, tokens.size()))) : null;
        return new HeaderAction(action, selector(tokens.get(1)), value, new Origin(SOURCE, line, text));
    }

    static Selector selector(String text) {
        Matcher p = PRIVATE.matcher(text);
        if (p.matches()) {
            return new Selector.PrivateTag(Integer.parseInt(p.group(1), 16), p.group(2), Integer.parseInt(p.group(3), 16));
        }
        if (text.equalsIgnoreCase("ALL")) {
            return new Selector.All();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Selector.Field(text);
        }
        String expander = text.substring(0, colon).toLowerCase();
        String expression = text.substring(colon + 1);
        return switch (expander) {
            case "contains" -> new Selector.Contains(Pattern.compile(expression, Pattern.CASE_INSENSITIVE));
            case "startswith" -> new Selector.StartsWith(Pattern.compile(expression, Pattern.CASE_INSENSITIVE));
            case "endswith" -> new Selector.EndsWith(Pattern.compile(expression, Pattern.CASE_INSENSITIVE));
            case "except" -> new Selector.Except(Pattern.compile(expression, Pattern.CASE_INSENSITIVE));
            case "fields" -> new Selector.Fields(expression);
            case "values" -> new Selector.Values(expression);
            case "select" -> expression.toLowerCase().startsWith("vr:")
                    ? new Selector.SelectVR(VR.valueOf(expression.substring(3, 5).toUpperCase()))
                    : new Selector.SelectGroup(Integer.parseInt(expression.substring(6), 16));
            default -> new Selector.Field(text);
        };
    }

    static Value value(String text) {
        if (text.startsWith("var:")) {
            return new Value.Variable(text.substring(4));
        }
        if (text.startsWith("func:")) {
            return new Value.Function(text.substring(5));
        }
        if (text.startsWith("deid_func:")) {
            String[] parts = text.substring(10).split(" ");
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                options.put(kv[0], kv[1]);
            }
            return new Value.DeidFunction(parts[0], options);
        }
        return new Value.Literal(text);
    }
}
