package io.deidq.recipe;

import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.ElementDictionary;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The field a header or list line names (deid's expanders, reference/deid-and-dasher.md 1.4).
 * Every name is checked against the dictionary, so that a typo is refused rather than matching
 * nothing. {@code startswith:} and {@code endswith:} patterns are held anchored, {@code ^(?:RE)}
 * and {@code (?:RE)$}, as deid builds them; every pattern is case-insensitive, and unlike deid's
 * the expression is not lower-cased first (which would turn {@code \D} into {@code \d}).
 */
final class SelectorParser {

    private static final Pattern PRIVATE_TAG = Pattern.compile("(\\()?([0-9A-Fa-f]{4}),\"([^\"]*)\",([0-9A-Fa-f]{2})(\\))?");
    private static final Pattern GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern INDEX = Pattern.compile("[0-9]+");

    private SelectorParser() {
    }

    /** What a {@code %header} action other than ADD may name. */
    static Selector header(String text, Origin origin) throws RecipeException {
        return parse(text, origin, true);
    }

    /** What a {@code %values} or {@code %fields} line may name: not another list. */
    static Selector list(String text, Origin origin) throws RecipeException {
        return parse(text, origin, false);
    }

    /** ADD writes one element by keyword or tag, as deid's add_field does: no expanders, no paths. */
    static Selector added(String text, Origin origin) throws RecipeException {
        if (FieldNames.tag(text) != -1 || FieldNames.keyword(text) != null) {
            return new Selector.Field(text);
        }
        throw new RecipeException(origin, "ADD takes a single keyword or tag (deid's ADD uses no selectors), not \"" + text + "\"");
    }

    private static Selector parse(String text, Origin origin, boolean listsAllowed) throws RecipeException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return new Selector.All();
        }
        if (lower.equals("allfields") || lower.equals("allexcept") || lower.startsWith("allfields:") || lower.startsWith("allexcept:")) {
            throw new RecipeException(origin, text + " is documented by deid but not implemented there (it matches nothing); "
                    + "deidq refuses it: use ALL or except:RE");
        }
        Matcher privateTag = PRIVATE_TAG.matcher(text);
        if (privateTag.matches()) {
            return privateTag(privateTag, origin);
        }
        int colon = firstColonOutsideQuotes(text);
        if (colon < 0) {
            return field(text, origin);
        }
        String prefix = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String expression = text.substring(colon + 1);
        return switch (prefix) {
            case "contains" -> new Selector.Contains(pattern(prefix, expression, expression, origin));
            case "startswith" -> new Selector.StartsWith(pattern(prefix, expression, "^(?:" + expression + ")", origin));
            case "endswith" -> new Selector.EndsWith(pattern(prefix, expression, "(?:" + expression + ")$", origin));
            case "except" -> new Selector.Except(pattern(prefix, expression, expression, origin));
            case "select" -> select(expression, origin);
            case "fields", "values" -> list(prefix, expression, origin, listsAllowed);
            default -> throw new RecipeException(origin, "\"" + text.substring(0, colon) + ":\" is not a selector deid knows "
                    + "(contains:, startswith:, endswith:, except:, select:, fields:, values:)");
        };
    }

    private static Selector privateTag(Matcher matcher, Origin origin) throws RecipeException {
        if ((matcher.group(1) == null) != (matcher.group(5) == null)) {
            throw new RecipeException(origin, "the private tag " + matcher.group() + " opens or closes a parenthesis it does not match");
        }
        int group = Integer.parseInt(matcher.group(2), 16);
        if (!Tags.isPrivate(Tags.of(group, 0x1000))) {
            throw new RecipeException(origin, "group " + matcher.group(2) + " of " + matcher.group() + " is not a private (odd) group");
        }
        if (matcher.group(3).isBlank()) {
            throw new RecipeException(origin, matcher.group() + " names no private creator");
        }
        return new Selector.PrivateTag(group, matcher.group(3), Integer.parseInt(matcher.group(4), 16));
    }

    private static Selector.Field field(String text, Origin origin) throws RecipeException {
        if (text.contains("__")) {
            path(text, origin);
        } else if (FieldNames.tag(text) == -1 && FieldNames.keyword(text) == null && ElementNames.keywordsNamed(text).isEmpty()) {
            throw new RecipeException(origin, "\"" + text + "\" is not a keyword or element name of the DICOM dictionary nor a tag"
                    + " (gggg,eeee) or ggggeeee");
        }
        return new Selector.Field(text);
    }

    /**
     * A nested field as deid indexes it: keywords {@code A__B__C}, or tags and item indexes
     * {@code (0040,0275)__0__(0008,0100)}; each step but the last a sequence.
     */
    private static void path(String text, Origin origin) throws RecipeException {
        String[] steps = text.split("__", -1);
        boolean byTag = steps[0].startsWith("(");
        if (byTag && steps.length % 2 == 0) {
            throw new RecipeException(origin, "the path " + text + " does not alternate tags and item indexes, ending in a tag");
        }
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            int tag;
            if (byTag && i % 2 == 1) {
                if (!INDEX.matcher(step).matches()) {
                    throw new RecipeException(origin, "\"" + step + "\" in the path " + text + " is not an item index (0, 1, ...)");
                }
                continue;
            } else if (byTag) {
                if (!FieldNames.isParenthesisedTag(step)) {
                    throw new RecipeException(origin, "\"" + step + "\" in the path " + text + " is not a tag (gggg,eeee)");
                }
                tag = FieldNames.tag(step);
            } else {
                String keyword = FieldNames.keyword(step);
                if (keyword == null) {
                    throw new RecipeException(origin, "\"" + step + "\" in the path " + text + " is not a keyword of the DICOM dictionary");
                }
                tag = ElementDictionary.tagOf(keyword);
            }
            if (!last && !FieldNames.maybeSequence(tag)) {
                throw new RecipeException(origin, "\"" + step + "\" in the path " + text + " is not a sequence");
            }
        }
    }

    private static Pattern pattern(String prefix, String expression, String regex, Origin origin) throws RecipeException {
        if (expression.isEmpty()) {
            throw new RecipeException(origin, prefix + ": needs a regular expression (an empty one matches every field)");
        }
        try {
            Pattern.compile(expression);
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new RecipeException(origin, prefix + ":" + expression + " is not a valid regular expression: " + e.getDescription());
        }
    }

    private static Selector select(String expression, Origin origin) throws RecipeException {
        int colon = expression.indexOf(':');
        String property = (colon < 0 ? expression : expression.substring(0, colon)).toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : expression.substring(colon + 1);
        if (property.equals("vr")) {
            VR vr = value.length() == 2 ? vrOf(value.toUpperCase(Locale.ROOT)) : null;
            if (vr == null) {
                throw new RecipeException(origin, "select:VR:" + value + " names no value representation (AE, AS, ... UV)");
            }
            return new Selector.SelectVR(vr);
        }
        if (property.equals("group")) {
            if (!GROUP.matcher(value).matches()) {
                throw new RecipeException(origin, "select:group:" + value + " is not a group of one to four hexadecimal digits");
            }
            return new Selector.SelectGroup(Integer.parseInt(value, 16));
        }
        throw new RecipeException(origin, "select:" + expression + " selects by VR:XX or group:GGGG only");
    }

    private static VR vrOf(String code) {
        for (VR vr : VR.values()) {
            if (vr.name().equals(code)) {
                return vr;
            }
        }
        return null;
    }

    private static Selector list(String prefix, String name, Origin origin, boolean allowed) throws RecipeException {
        if (!allowed) {
            throw new RecipeException(origin, "a %values or %fields list cannot name another list (" + prefix + ":" + name + ")");
        }
        if (name.isEmpty()) {
            throw new RecipeException(origin, prefix + ": needs the name of a %" + prefix + " section");
        }
        return prefix.equals("fields") ? new Selector.Fields(name) : new Selector.Values(name);
    }

    /** deid splits an expander on the first colon outside double quotes, so that a creator may hold one (#297). */
    private static int firstColonOutsideQuotes(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
