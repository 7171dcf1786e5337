package io.deidq.recipe;

import io.deidq.dicom.data.Tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which actions may reach a field, found by hash rather than by trying every action on every
 * field: a recipe may hold thousands of lines naming one keyword each. Selectors that name a tag,
 * keyword, element name, path or private element are filed under it when the recipe is loaded;
 * only regexes, VR and group selections, lists and ALL are tried on each field.
 */
final class ActionDispatch {

    private final Map<Integer, int[]> byTag = new HashMap<>();
    private final Map<String, int[]> byKeyword = new HashMap<>();
    private final Map<String, int[]> byText = new HashMap<>();
    private final Map<String, int[]> byPrivateName = new HashMap<>();
    private final Map<Integer, int[]> addsByTag = new HashMap<>();
    private final int[] tried;
    private final int[] privateAdds;
    /** values: selections, which are decided only when the action runs, on the value the field has then. */
    final int[] valueDependent;
    private final CompiledAction[] actions;

    ActionDispatch(CompiledAction[] actions) {
        this.actions = actions;
        List<Integer> tried = new ArrayList<>();
        List<Integer> privateAdds = new ArrayList<>();
        List<Integer> valueDependent = new ArrayList<>();
        for (CompiledAction action : actions) {
            int i = action.index();
            if (action.addTarget() != null) {
                if (action.addTarget() instanceof AddTarget.PublicOrKnownTag known) {
                    file(addsByTag, known.tag(), i);
                } else {
                    privateAdds.add(i);
                }
                continue;
            }
            FieldMatcher matcher = action.matcher();
            if (matcher instanceof FieldMatcher.Exact exact) {
                if (exact.tag() >= 0) {
                    file(byTag, (int) exact.tag(), i);
                }
                for (String keyword : exact.keywords()) {
                    file(byKeyword, keyword, i);
                }
                if (exact.byText()) {
                    file(byText, exact.lowerCase(), i);
                }
            } else if (matcher instanceof FieldMatcher.Private p) {
                file(byPrivateName, p.key(), i);
            } else if (matcher.dependsOnValue()) {
                valueDependent.add(i);
            } else {
                tried.add(i);
            }
        }
        this.tried = ints(tried);
        this.privateAdds = ints(privateAdds);
        this.valueDependent = ints(valueDependent);
    }

    /**
     * The actions whose selectors reach the field whatever its value, in recipe order; ADDs only at
     * top level, {@code privateAddTags} being the tags the private ADDs write in this data set.
     */
    int[] candidates(IndexedField field, ImageLists lists, int[] privateAddTags) {
        Candidates found = new Candidates();
        found.add(byTag.get(field.tag));
        if (!field.keyword.isEmpty()) {
            found.add(byKeyword.get(field.keyword));
        }
        if (!byText.isEmpty()) {
            found.add(byText.get(ElementNames.lower(field.uidPath())));
            if (!field.namePath().isEmpty()) {
                found.add(byText.get(field.lowerCaseNamePath()));
            }
            if (field.isPrivate()) {
                found.add(byText.get(ElementNames.lower(field.elementName())));
            }
            String privateName = field.privateName();
            if (privateName != null) {
                found.add(byText.get(ElementNames.lower(privateName)));
                found.add(byText.get(ElementNames.lower("(" + privateName + ")")));
            }
        }
        if (field.creator != null && !byPrivateName.isEmpty()) {
            found.add(byPrivateName.get(FieldMatcher.Private.key(
                    Tags.group(field.tag), ElementNames.lower(field.creator), field.tag & 0xFF)));
        }
        for (int i : tried) {
            if (actions[i].matcher().matches(field, lists)) {
                found.add(i);
            }
        }
        if (field.parent == null) {
            found.add(addsByTag.get(field.tag));
            for (int k = 0; k < privateAdds.length; k++) {
                if (privateAddTags[k] == field.tag) {
                    found.add(privateAdds[k]);
                }
            }
        }
        return found.sorted();
    }

    /** The actions of private ADDs, whose tags depend on the blocks of each data set. */
    int[] privateAdds() {
        return privateAdds;
    }

    /** The tags of ADDs by keyword or tag. */
    Iterable<Integer> addedTags() {
        return addsByTag.keySet();
    }

    private static <K> void file(Map<K, int[]> map, K key, int action) {
        int[] filed = map.get(key);
        if (filed == null) {
            map.put(key, new int[] {action});
        } else if (filed[filed.length - 1] != action) {
            int[] more = Arrays.copyOf(filed, filed.length + 1);
            more[filed.length] = action;
            map.put(key, more);
        }
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A small growing set of action indexes. */
    private static final class Candidates {
        private int[] indexes = new int[8];
        private int size;

        void add(int[] more) {
            if (more != null) {
                for (int i : more) {
                    add(i);
                }
            }
        }

        void add(int index) {
            if (size == indexes.length) {
                indexes = Arrays.copyOf(indexes, size * 2);
            }
            indexes[size++] = index;
        }

        int[] sorted() {
            if (size == 0) {
                return NONE;
            }
            int[] sorted = Arrays.copyOf(indexes, size);
            Arrays.sort(sorted);
            int unique = 1;
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] != sorted[unique - 1]) {
                    sorted[unique++] = sorted[i];
                }
            }
            return unique == sorted.length ? sorted : Arrays.copyOf(sorted, unique);
        }

        private static final int[] NONE = new int[0];
    }
}
