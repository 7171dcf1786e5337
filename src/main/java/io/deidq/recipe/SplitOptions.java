package io.deidq.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The options of a {@code %values} SPLIT line, {@code by="^";minlength=4}, as deid's extract_values_list reads them. */
record SplitOptions(String by, int minLength) {

    static final String DEFAULT_BY = " ";
    static final int DEFAULT_MIN_LENGTH = 1;
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    static SplitOptions parse(String text, Origin origin) throws RecipeException {
        String by = null;
        Integer minLength = null;
        if (text.isEmpty()) {
            return new SplitOptions(DEFAULT_BY, DEFAULT_MIN_LENGTH);
        }
        for (String option : options(text)) {
            int equals = option.indexOf('=');
            String name = equals < 0 ? option.strip() : option.substring(0, equals).strip();
            String value = equals < 0 ? null : unquoted(option.substring(equals + 1).strip());
            switch (name) {
                case "by" -> {
                    if (value == null || value.isEmpty() || by != null) {
                        throw new RecipeException(origin, "SPLIT takes by= once, with the text to split by, as in by=\"^\"");
                    }
                    by = value;
                }
                case "minlength" -> {
                    if (value == null || !NUMBER.matcher(value).matches() || Integer.parseInt(value) < 1 || minLength != null) {
                        throw new RecipeException(origin, "SPLIT takes minlength= once, with a whole number of at least 1");
                    }
                    minLength = Integer.parseInt(value);
                }
                default -> throw new RecipeException(origin, "SPLIT takes by= and minlength=, separated by ;, not \"" + option + "\"");
            }
        }
        return new SplitOptions(by == null ? DEFAULT_BY : by, minLength == null ? DEFAULT_MIN_LENGTH : minLength);
    }

    /** The options separated by {@code ;} outside quotes, so that {@code by=";"} is one. */
    private static List<String> options(String text) {
        List<String> options = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ';') {
                options.add(text.substring(start, i));
                start = i + 1;
            }
        }
        options.add(text.substring(start));
        return options;
    }

    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
