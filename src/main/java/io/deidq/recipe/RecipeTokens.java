package io.deidq.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Comments and words of a recipe line, with quotes as deid reads them. */
final class RecipeTokens {

    /**
     * deid's {@code split_action_line}: runs of characters other than space and quote, and quoted
     * strings (with backslash escapes), glued together; so {@code (0033,"A CREATOR",1E)} is one word.
     */
    private static final Pattern WORD = Pattern.compile("(?:[^\\s\"']+|\"(?:\\\\.|[^\"])*\"|'(?:\\\\.|[^'])*')+");

    private RecipeTokens() {
    }

    /**
     * The line without its comment: from the first {@code #} outside quotes. deid cuts values at
     * any {@code #}, but leaves a comment that follows a REMOVE as its (falsy) value, which
     * disables the removal; here a comment is a comment wherever it stands.
     */
    static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int close = closingQuote(line, i);
                if (close > 0) {
                    i = close;
                }
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /**
     * The words of a header or list line as deid splits them. deid's split drops a quote that is
     * never closed, silently changing the value; such a line is refused.
     */
    static List<String> words(String content, Origin origin) throws RecipeException {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(content);
        int end = 0;
        while (matcher.find()) {
            checkGap(content.substring(end, matcher.start()), origin);
            words.add(matcher.group());
            end = matcher.end();
        }
        checkGap(content.substring(end), origin);
        return words;
    }

    private static void checkGap(String gap, Origin origin) throws RecipeException {
        if (!gap.isBlank()) {
            throw new RecipeException(origin, "a quote (" + gap.strip().charAt(0) + ") is not closed");
        }
    }

    /** Where the quote opened at {@code open} closes, or -1 when it does not. */
    private static int closingQuote(String line, int open) {
        char quote = line.charAt(open);
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}
