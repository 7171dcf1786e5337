package io.deidq.recipe;

import io.deidq.recipe.HeaderAction.Action;

import java.util.List;
import java.util.Locale;

/** One line of a {@code %header} section: ACTION FIELD [VALUE] (reference/deid-and-dasher.md 1.1, 1.2). */
final class HeaderLine {

    private HeaderLine() {
    }

    static HeaderAction parse(String content, Origin origin) throws RecipeException {
        List<String> words = RecipeTokens.words(content, origin);
        Action action = action(words.get(0), origin);
        if (words.size() < 2) {
            throw new RecipeException(origin, action + " needs a field");
        }
        String field = words.get(1);
        // deid joins the words after the field with single spaces; quotes stay, as deid keeps them.
        String value = words.size() > 2 ? String.join(" ", words.subList(2, words.size())) : null;
        return switch (action) {
            case ADD -> new HeaderAction(action, SelectorParser.added(field, origin), required(action, value, origin), origin);
            case REPLACE -> new HeaderAction(action, SelectorParser.header(field, origin), required(action, value, origin), origin);
            case JITTER -> new HeaderAction(action, SelectorParser.header(field, origin),
                    ValueParser.jitter(requiredText(action, value, origin), origin), origin);
            case BLANK, KEEP -> {
                if (value != null) {
                    throw new RecipeException(origin, action + " takes no value, not \"" + value + "\"");
                }
                yield new HeaderAction(action, SelectorParser.header(field, origin), null, origin);
            }
            case REMOVE -> new HeaderAction(action, SelectorParser.header(field, origin), removal(value, origin), origin);
        };
    }

    private static Action action(String word, Origin origin) throws RecipeException {
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.equals("LABEL")) {
            throw new RecipeException(origin, "LABEL belongs in a %filter section, not in %header");
        }
        for (Action action : Action.values()) {
            if (action.name().equals(upper)) {
                return action;
            }
        }
        throw new RecipeException(origin, "\"" + word + "\" is not a header action (ADD, BLANK, JITTER, KEEP, REPLACE, REMOVE)");
    }

    private static Value required(Action action, String value, Origin origin) throws RecipeException {
        return ValueParser.parse(requiredText(action, value, origin), origin);
    }

    private static String requiredText(Action action, String value, Origin origin) throws RecipeException {
        if (value == null) {
            throw new RecipeException(origin, action + " needs a value");
        }
        return value;
    }

    /**
     * A REMOVE may hang on a function (func:NAME answering yes or no). deid removes unconditionally
     * whatever other value follows, so such a value misleads its reader and is refused.
     */
    private static Value removal(String value, Origin origin) throws RecipeException {
        if (value == null) {
            return null;
        }
        Value parsed = ValueParser.parse(value, origin);
        if (!(parsed instanceof Value.Function)) {
            throw new RecipeException(origin, "REMOVE takes no value but func:NAME (a conditional removal), not \"" + value + "\"");
        }
        return parsed;
    }
}
