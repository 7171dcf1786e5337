package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.deidq.recipe.HeaderAction.Action.ADD;
import static io.deidq.recipe.HeaderAction.Action.BLANK;
import static io.deidq.recipe.HeaderAction.Action.KEEP;

/**
 * One run of a recipe's header actions over one data set, with deid's precedence (reference 1.5):
 * recipe order, the last writer winning; KEEP shielding a field from all but ADD; REMOVE skipped
 * for a field that a REPLACE or JITTER names anywhere; JITTER shifting the current value.
 * <p>
 * Fields are taken one at a time, each through the actions that reach it in recipe order. That
 * gives what deid's action-by-action run gives, because an action on one field changes no other,
 * with one exception that the pre-order takes care of: a sequence that is blanked or removed at
 * some action takes its items' fields with it from that action on. A field's value-dependent
 * selections (values:) are decided when the action runs, on the value the field has then.
 */
final class ImageCleaning {

    private final CompiledAction[] actions;
    private final ActionDispatch dispatch;
    private final HeaderOptions options;
    private final Dataset dataset;
    private final Map<String, Object> vars;
    private final List<IndexedField> fields;
    private final ImageLists lists;

    ImageCleaning(CompiledAction[] actions, ActionDispatch dispatch, ListRules rules, HeaderOptions options,
                  Dataset dataset, Map<String, Object> vars) throws RecipeApplicationException {
        this.actions = actions;
        this.dispatch = dispatch;
        this.options = options;
        this.dataset = dataset;
        this.vars = vars;
        this.fields = FieldIndex.of(dataset);
        this.lists = ImageLists.of(fields, rules);
        int[] privateAddTags = privateAddTags();
        addFieldsToBeAdded(privateAddTags);
        for (IndexedField field : fields) {
            field.candidates = dispatch.candidates(field, lists, privateAddTags);
        }
    }

    void run() throws RecipeApplicationException {
        keep();
        for (IndexedField field : fields) {
            if (field.parent != null) {
                field.deadline = Math.min(field.parent.deadline, field.parent.itemsGoneAt);
            }
            apply(field);
            if (field.deadline != IndexedField.NEVER) {
                field.alive = false;
            }
        }
        for (IndexedField field : fields) {
            if (field.reached) {
                for (IndexedField up = field.parent; up != null && !up.descendantReached; up = up.parent) {
                    up.descendantReached = true;
                }
            }
        }
        if (options.defaultAction() != null) {
            applyDefault();
        }
        if (options.removePrivate()) {
            removePrivate();
        }
    }

    /** The tag each private ADD writes in this data set, where its creator has a block. */
    private int[] privateAddTags() throws RecipeApplicationException {
        int[] adds = dispatch.privateAdds();
        int[] tags = new int[adds.length];
        for (int k = 0; k < adds.length; k++) {
            CompiledAction add = actions[adds[k]];
            tags[k] = add.addTarget().tagIn(dataset);
            if (tags[k] == -1) {
                AddTarget.PrivateElement target = (AddTarget.PrivateElement) add.addTarget();
                throw new RecipeApplicationException(add.origin().describe() + ": the data set has no block of private creator \""
                        + target.creator() + "\" in group " + String.format("%04X", target.group()) + " to add the element to");
            }
        }
        return tags;
    }

    /** ADD creates a top-level element that is not there yet: its field waits, not alive, for the first ADD. */
    private void addFieldsToBeAdded(int[] privateAddTags) {
        Set<Integer> tags = new HashSet<>();
        dispatch.addedTags().forEach(tags::add);
        for (int tag : privateAddTags) {
            tags.add(tag);
        }
        for (int tag : tags) {
            if (!dataset.contains(tag)) {
                fields.add(new IndexedField(dataset, tag, null, 0, FieldIndex.creatorOf(dataset, tag),
                        AddTarget.vrOf(dataset, tag), fields.size(), false));
            }
        }
    }

    /** KEEP is decided before any action, on the data set as it came (deid leaves kept fields out of its index). */
    private void keep() throws RecipeApplicationException {
        for (IndexedField field : fields) {
            if (field.parent != null && field.parent.kept) {
                field.kept = true;
            } else if (field.alive) {
                field.kept = reachedBy(field, KEEP);
            }
            field.reached |= field.kept;
        }
    }

    private boolean reachedBy(IndexedField field, HeaderAction.Action kind) {
        for (int i : field.candidates) {
            if (actions[i].is(kind)) {
                return true;
            }
        }
        for (int i : dispatch.valueDependent) {
            if (actions[i].is(kind) && actions[i].matcher().matches(field, lists)) {
                return true;
            }
        }
        return false;
    }

    private void apply(IndexedField field) throws RecipeApplicationException {
        int[] candidates = field.candidates;
        int[] dependent = dispatch.valueDependent;
        int c = 0;
        int d = 0;
        while (c < candidates.length || d < dependent.length) {
            int i;
            if (d >= dependent.length || (c < candidates.length && candidates[c] < dependent[d])) {
                i = candidates[c++];
            } else {
                i = dependent[d++];
            }
            if (i >= field.deadline) {
                return;
            }
            CompiledAction action = actions[i];
            try {
                if (action.is(ADD)) {
                    add(field, action);
                } else if (field.alive && !field.kept && !action.is(KEEP)
                        && (!action.matcher().dependsOnValue() || action.matcher().matches(field, lists))) {
                    field.reached = true;
                    perform(field, action);
                }
            } catch (Refusal refusal) {
                throw RecipeApplicationException.of(field, action.origin(), refusal.getMessage());
            }
        }
    }

    private void perform(IndexedField field, CompiledAction action) throws Refusal {
        Element element = field.element();
        switch (action.action()) {
            case BLANK -> blank(field, action.index());
            case REPLACE -> {
                if (element.isSequence()) {
                    throw new Refusal("REPLACE cannot give a sequence a value");
                }
                write(field, action.value().text(new ValueSource.Target(field, element), vars));
            }
            case JITTER -> jitter(field, element, action);
            case REMOVE -> remove(field, element, action);
            default -> throw new IllegalStateException(action.action() + " is applied elsewhere");
        }
    }

    /** ADD writes whatever KEEP said, and (re)creates a removed field: later actions reach it again. */
    private void add(IndexedField field, CompiledAction action) throws Refusal {
        Element element = field.alive ? field.element() : null;
        if (element != null && element.isSequence()) {
            throw new Refusal("ADD cannot give a sequence a value");
        }
        write(field, action.value().text(new ValueSource.Target(field, element), vars));
        field.alive = true;
        field.kept = false;
        field.reached = true;
    }

    private void write(IndexedField field, String text) throws Refusal {
        field.dataset.put(VrConversion.convert(field.tag, field.vr, text, field.dataset.specificCharacterSet()));
    }

    private void blank(IndexedField field, int at) {
        Element element = field.element();
        if (element.isSequence()) {
            field.itemsGoneAt = Math.min(field.itemsGoneAt, at);
        }
        field.dataset.put(Element.empty(field.tag, element.isSequence() ? VR.SQ : field.vr));
    }

    private void jitter(IndexedField field, Element element, CompiledAction action) throws Refusal {
        if (element.isEmpty()) {
            return;
        }
        if (element.isSequence()) {
            throw new Refusal("JITTER cannot shift a sequence");
        }
        if (!element.isInMemory()) {
            throw new Refusal("JITTER cannot shift a value left in the file");
        }
        ValueSource.Target target = new ValueSource.Target(field, element);
        long days = action.value().days(target, vars);
        String shifted = DateShift.shift(field.vr, target.currentValues(), days);
        if (shifted != null) {
            write(field, shifted);
        }
    }

    private void remove(IndexedField field, Element element, CompiledAction action) throws Refusal {
        if (action.value() != null && !(action.value() instanceof ValueSource.Literal)) {
            String answer = action.value().text(new ValueSource.Target(field, element), vars).strip();
            if (answer.isEmpty() || answer.equalsIgnoreCase("false")) {
                return;
            }
        }
        if (vetoed(field)) {
            return;
        }
        field.dataset.remove(field.tag);
        field.alive = false;
        field.itemsGoneAt = Math.min(field.itemsGoneAt, action.index());
    }

    private boolean vetoed(IndexedField field) {
        for (int i : field.candidates) {
            if (actions[i].vetoesRemoval()) {
                return true;
            }
        }
        for (int i : dispatch.valueDependent) {
            if (actions[i].vetoesRemoval() && actions[i].matcher().matches(field, lists)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The default action on every field no action reached. A sequence with a reached field inside
     * stays, and its other fields get the default one by one. A private creator is left to its
     * block: it goes only when no element of its block is left.
     */
    private void applyDefault() {
        List<IndexedField> creators = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            IndexedField field = fields.get(i);
            if (!field.alive || field.reached || (field.descendantReached && field.element().isSequence())) {
                continue;
            }
            if (field.isPrivateCreator()) {
                creators.add(field);
                continue;
            }
            applyDefault(field);
            i = skipSubtreeIfGone(field, i);
        }
        for (IndexedField creator : creators) {
            if (blockIsEmpty(creator)) {
                applyDefault(creator);
            }
        }
    }

    private void applyDefault(IndexedField field) {
        if (options.defaultAction() == BLANK) {
            blank(field, actions.length);
        } else {
            field.dataset.remove(field.tag);
            field.alive = false;
        }
    }

    /** Every private element goes but those a KEEP reached; a creator goes with the last element of its block. */
    private void removePrivate() {
        List<IndexedField> creators = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            IndexedField field = fields.get(i);
            if (!field.alive || !field.isPrivate()) {
                continue;
            }
            if (field.isPrivateCreator()) {
                creators.add(field);
            } else if (!privateKept(field)) {
                field.dataset.remove(field.tag);
                field.alive = false;
                i = skipSubtreeIfGone(field, i);
            }
        }
        for (IndexedField creator : creators) {
            if (blockIsEmpty(creator)) {
                creator.dataset.remove(creator.tag);
                creator.alive = false;
            }
        }
    }

    /**
     * A private element stays when a KEEP reached it, or the private sequence it is in. A kept public
     * sequence keeps its public elements only: deid removes private tags before the recipe runs, so
     * no KEEP of a public field ever kept a private one there.
     */
    private boolean privateKept(IndexedField field) {
        if (!field.kept) {
            return false;
        }
        if (field.parent == null || !field.parent.kept) {
            return true;
        }
        return field.parent.isPrivate() ? privateKept(field.parent) : reachedBy(field, KEEP);
    }

    /** After a sequence was blanked or removed, its fields are gone: the position to go on after them. */
    private int skipSubtreeIfGone(IndexedField field, int position) {
        if (field.subtreeEnd == position + 1) {
            return position;
        }
        for (int k = position + 1; k < field.subtreeEnd; k++) {
            fields.get(k).alive = false;
        }
        return field.subtreeEnd - 1;
    }

    private static boolean blockIsEmpty(IndexedField creator) {
        int first = (creator.tag & 0xFFFF0000) | (Tags.element(creator.tag) << 8);
        for (Element e : creator.dataset) {
            if (Integer.compareUnsigned(e.tag(), first) >= 0 && Integer.compareUnsigned(e.tag(), first + 0xFF) <= 0) {
                return false;
            }
        }
        return true;
    }
}
