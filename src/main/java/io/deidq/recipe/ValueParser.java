package io.deidq.recipe;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The value of a header action (reference/deid-and-dasher.md 1.3): var:, func:, deid_func: or a literal. */
final class ValueParser {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    /** What pydicom's generate_uid accepts as a prefix. */
    private static final Pattern UID_PREFIX = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*\\.");
    private static final Set<String> NONE = Set.of("none", "null");

    /** deid's built-in functions ({@code deid/dicom/actions}) and the options each reads, with what each option accepts. */
    private static final Map<String, Map<String, Option>> DEID_FUNCTIONS = Map.of(
            "jitter", Map.of(
                    "days", new Option("a whole number", WHOLE_NUMBER.asMatchPredicate()),
                    "years", new Option("a whole number", WHOLE_NUMBER.asMatchPredicate())),
            "dicom_uuid", Map.of("org_root", new Option("text other than none or null", text -> !text.isEmpty() && !NONE.contains(text))),
            "pydicom_uuid", Map.of(
                    "prefix", new Option("a UID prefix ending in a dot, or none", text -> NONE.contains(text) || UID_PREFIX.matcher(text).matches()),
                    "stable_remapping", new Option("true or false", text -> text.equals("true") || text.equals("false"))),
            "basic_uuid", Map.of(),
            "suffix_uuid", Map.of());

    private record Option(String accepts, Predicate<String> valid) {
    }

    private ValueParser() {
    }

    /**
     * The value as deid reads it. The prefixes are lower case, as deid's test for them is; a
     * {@code Var:x} is the literal text "Var:x", as in deid.
     */
    static Value parse(String text, Origin origin) throws RecipeException {
        if (text.startsWith("var:")) {
            return new Value.Variable(name("var:", text, origin));
        }
        if (text.startsWith("func:")) {
            return new Value.Function(name("func:", text, origin));
        }
        if (text.startsWith("deid_func:")) {
            return deidFunction(text.substring("deid_func:".length()), origin);
        }
        return new Value.Literal(text);
    }

    /** JITTER's days: a whole number or a variable (deid also reads "1.5" as 1; deidq refuses it). */
    static Value jitter(String text, Origin origin) throws RecipeException {
        Value value = parse(text, origin);
        boolean days = value instanceof Value.Literal literal && WHOLE_NUMBER.matcher(literal.text()).matches()
                && fitsInt(literal.text());
        if (!days && !(value instanceof Value.Variable)) {
            throw new RecipeException(origin, "JITTER takes a whole number of days or var:NAME, not \"" + text + "\"");
        }
        return value;
    }

    private static boolean fitsInt(String number) {
        try {
            Integer.parseInt(number);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    private static String name(String prefix, String text, Origin origin) throws RecipeException {
        String name = text.substring(prefix.length());
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new RecipeException(origin, prefix + " takes one name, as in " + prefix + "NAME, not \"" + text + "\"");
        }
        return name;
    }

    private static Value deidFunction(String call, Origin origin) throws RecipeException {
        String[] words = call.strip().split("\\s+");
        String name = words[0];
        Map<String, Option> known = DEID_FUNCTIONS.get(name);
        if (known == null) {
            throw new RecipeException(origin, "deid_func:" + name + " is not one of deid's functions "
                    + "(jitter, dicom_uuid, pydicom_uuid, basic_uuid, suffix_uuid)");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals < 1) {
                throw new RecipeException(origin, "deid_func:" + name + " takes options as key=value, not \"" + words[i] + "\"");
            }
            String key = words[i].substring(0, equals);
            String value = words[i].substring(equals + 1);
            Option option = known.get(key);
            if (option == null) {
                throw new RecipeException(origin, "deid_func:" + name + " has no option " + key
                        + (known.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", known.keySet().stream().sorted().toList()) + ")"));
            }
            if (!option.valid().test(value)) {
                throw new RecipeException(origin, "deid_func:" + name + " option " + key + " takes " + option.accepts() + ", not \"" + value + "\"");
            }
            if (options.put(key, value) != null) {
                throw new RecipeException(origin, "deid_func:" + name + " option " + key + " is given twice");
            }
        }
        return new Value.DeidFunction(name, Map.copyOf(options));
    }
}
