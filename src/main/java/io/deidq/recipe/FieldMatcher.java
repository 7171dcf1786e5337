package io.deidq.recipe;

import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Selector} made ready to test fields of the index, with deid's semantics (reference 1.4):
 * exact names case-insensitively, keywords and tags at every depth, regexes against every name of
 * the field, lists by name.
 */
sealed interface FieldMatcher {

    Pattern TAG = Pattern.compile("\\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\\)");
    Pattern STRIPPED_TAG = Pattern.compile("[0-9A-Fa-f]{8}");

    boolean matches(IndexedField field, ImageLists lists);

    /** Whether the answer can change while the recipe runs: only a value can. */
    default boolean dependsOnValue() {
        return false;
    }

    static FieldMatcher of(Selector selector, Recipe recipe, Origin origin) throws RecipeException {
        if (selector instanceof Selector.Field f) {
            return Exact.of(f.name());
        }
        if (selector instanceof Selector.PrivateTag p) {
            return new Private(p.group(), ElementNames.lower(p.creator()), p.element());
        }
        if (selector instanceof Selector.Contains c) {
            return new Names(caseInsensitive(c.pattern().pattern(), c.pattern()), false);
        }
        if (selector instanceof Selector.StartsWith s) {
            return new Names(caseInsensitive("^(?:" + s.pattern().pattern() + ")", s.pattern()), false);
        }
        if (selector instanceof Selector.EndsWith e) {
            return new Names(caseInsensitive("(?:" + e.pattern().pattern() + ")$", e.pattern()), false);
        }
        if (selector instanceof Selector.Except e) {
            return new Names(caseInsensitive(e.pattern().pattern(), e.pattern()), true);
        }
        if (selector instanceof Selector.SelectVR v) {
            return new OfVR(v.vr());
        }
        if (selector instanceof Selector.SelectGroup g) {
            return new OfGroup(g.group());
        }
        if (selector instanceof Selector.Fields f) {
            if (!recipe.fields().containsKey(f.list())) {
                throw new RecipeException(origin, "no %fields " + f.list() + " is defined");
            }
            return new InFieldsList(f.list());
        }
        if (selector instanceof Selector.Values v) {
            if (!recipe.values().containsKey(v.list())) {
                throw new RecipeException(origin, "no %values " + v.list() + " is defined");
            }
            return new InValuesList(v.list());
        }
        if (selector instanceof Selector.All) {
            return new Everything();
        }
        // A selector added to the model without a matcher must not quietly select nothing.
        throw new RecipeException(origin, "the cleaner cannot apply a selector " + selector.getClass().getSimpleName());
    }

    private static Pattern caseInsensitive(String regex, Pattern original) {
        return Pattern.compile(regex, original.flags() | Pattern.CASE_INSENSITIVE);
    }

    /** The tag a selector spells as (gggg,eeee) or ggggeeee, or -1 (no tag: tags are unsigned 32 bits). */
    static long tagOf(String text) {
        Matcher m = TAG.matcher(text);
        if (m.matches()) {
            return Integer.toUnsignedLong(Tags.of(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16)));
        }
        if (STRIPPED_TAG.matcher(text).matches()) {
            return Long.parseLong(text, 16);
        }
        return -1;
    }

    /**
     * A name matched exactly and case-insensitively against the field's nested name, tag, element
     * name, keyword, uid and private names (deid's get_exact_matches). Tags and keywords, and the
     * element names that stand for keywords, are resolved here so that the cleaner finds fields by hash.
     */
    record Exact(String lowerCase, long tag, Set<String> keywords) implements FieldMatcher {

        static Exact of(String name) {
            String text = name.strip();
            Set<String> keywords = new LinkedHashSet<>();
            String keyword = ElementNames.keyword(text);
            if (keyword != null) {
                keywords.add(keyword);
            }
            keywords.addAll(ElementNames.keywordsNamed(text));
            return new Exact(ElementNames.lower(text), tagOf(text), Set.copyOf(keywords));
        }

        /** Whether matching needs the field's paths or private names, which cannot be resolved in advance. */
        boolean byText() {
            return tag < 0 && keywords.isEmpty();
        }

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            if (Integer.toUnsignedLong(field.tag) == tag || (!field.keyword.isEmpty() && keywords.contains(field.keyword))) {
                return true;
            }
            return matchesText(field, lowerCase);
        }

        /** The names of a field that only text can match: paths, private names, a private element's name. */
        static boolean matchesText(IndexedField field, String lowerCase) {
            if (lowerCase.equals(ElementNames.lower(field.uidPath()))
                    || (!field.namePath().isEmpty() && lowerCase.equals(field.lowerCaseNamePath()))) {
                return true;
            }
            if (field.isPrivate() && lowerCase.equals(ElementNames.lower(field.elementName()))) {
                return true;
            }
            String privateName = field.privateName();
            return privateName != null && (lowerCase.equals(ElementNames.lower(privateName))
                    || lowerCase.equals(ElementNames.lower("(" + privateName + ")")));
        }
    }

    /** {@code (gggg,"CREATOR",ee)}: group, creator (any case) and the low byte of the element, at any depth. */
    record Private(int group, String lowerCaseCreator, int element) implements FieldMatcher {

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            return field.creator != null && Tags.group(field.tag) == group && (Tags.element(field.tag) & 0xFF) == element
                    && ElementNames.lower(field.creator).equals(lowerCaseCreator);
        }

        static String key(int group, String lowerCaseCreator, int element) {
            return group + "|" + lowerCaseCreator + "|" + element;
        }

        String key() {
            return key(group, lowerCaseCreator, element);
        }
    }

    /** contains:, startswith:, endswith: and (negated) except: a regex searched in every name deid gives a field. */
    record Names(Pattern pattern, boolean negated) implements FieldMatcher {

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            return found(field) != negated;
        }

        private boolean found(IndexedField field) {
            if (find(field.lowerCaseNamePath()) || find(Tags.toString(field.tag)) || find(field.strippedTag())
                    || find(field.elementName()) || find(field.keyword)) {
                return true;
            }
            String privateName = field.privateName();
            return privateName != null && (find(privateName) || find("(" + privateName + ")"));
        }

        private boolean find(String text) {
            return pattern.matcher(text).find();
        }
    }

    record OfVR(VR vr) implements FieldMatcher {

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            return field.vr == vr;
        }
    }

    record OfGroup(int group) implements FieldMatcher {

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            return Tags.group(field.tag) == group;
        }
    }

    /** fields:NAME: every field, at any depth, whose tag is one of the fields the list picked in this image. */
    record InFieldsList(String name) implements FieldMatcher {

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            return lists.fieldTags(name).contains(field.tag);
        }
    }

    /** values:NAME: every field one of whose values holds an entry of the list, literally and in any case. */
    record InValuesList(String name) implements FieldMatcher {

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            List<String> entries = lists.values(name);
            if (entries.isEmpty() || !field.alive) {
                return false;
            }
            for (String value : FieldValueText.values(field)) {
                String lowerCase = ElementNames.lower(value);
                for (String entry : entries) {
                    if (lowerCase.contains(entry)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public boolean dependsOnValue() {
            return true;
        }
    }

    record Everything() implements FieldMatcher {

        @Override
        public boolean matches(IndexedField field, ImageLists lists) {
            return true;
        }
    }
}
