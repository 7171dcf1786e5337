package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;

import java.util.List;
import java.util.Map;

/**
 * Applies the {@code %header} actions of a recipe to data sets, as deid's code does (reference
 * 1.2 to 1.8) and failing closed where deid would let a value through: a variable or function
 * with no value, a value that the field's VR cannot hold and a date that JITTER cannot shift
 * fail the image. Then the options' default action and private-tag removal apply.
 * <p>
 * Everything the recipe says is checked and compiled here, once; the cleaner is immutable and
 * one instance serves any number of threads.
 */
public final class HeaderCleaner {

    private final CompiledAction[] actions;
    private final ActionDispatch dispatch;
    private final ListRules lists;
    private final HeaderOptions options;

    /**
     * @param functions the functions recipes call as {@code func:NAME}, by name
     * @throws RecipeException naming the recipe line, when an action names a function not
     *                         registered, a {@code %values} or {@code %fields} list not defined, a
     *                         deid_func or option the cleaner cannot run, or lacks its value
     */
    public HeaderCleaner(Recipe recipe, Map<String, RecipeFunction> functions, HeaderOptions options) throws RecipeException {
        this.options = options;
        this.lists = new ListRules(recipe);
        List<HeaderAction> header = recipe.header();
        Map<String, RecipeFunction> registered = Map.copyOf(functions);
        this.actions = new CompiledAction[header.size()];
        for (int i = 0; i < header.size(); i++) {
            actions[i] = compile(i, header.get(i), recipe, registered);
        }
        this.dispatch = new ActionDispatch(actions);
    }

    /**
     * Applies the recipe to {@code dataset}, in place.
     *
     * @param vars the image's variables (entity_id, item_id, jitter, entity_timestamp, ... and its
     *             header fields), for {@code var:NAME}
     * @throws RecipeApplicationException when an action cannot be applied as the recipe says; the
     *                                    data set is then partly changed and must not be used
     */
    public void clean(Dataset dataset, Map<String, Object> vars) throws RecipeApplicationException {
        new ImageCleaning(actions, dispatch, lists, options, dataset, vars).run();
    }

    private static CompiledAction compile(int index, HeaderAction action, Recipe recipe,
                                          Map<String, RecipeFunction> functions) throws RecipeException {
        Origin origin = action.origin();
        HeaderAction.Action kind = action.action();
        boolean takesValue = kind != HeaderAction.Action.BLANK && kind != HeaderAction.Action.KEEP;
        boolean needsValue = takesValue && kind != HeaderAction.Action.REMOVE;
        if (needsValue && action.value() == null) {
            throw new RecipeException(origin, kind + " needs a value");
        }
        ValueSource value = takesValue && action.value() != null ? ValueSource.of(action.value(), functions, origin) : null;
        if (kind == HeaderAction.Action.JITTER) {
            checkJitterAmount(action.value(), origin);
        }
        if (value instanceof BuiltInFunction builtIn && !builtIn.makesUids() && selectsUids(action.selector())) {
            throw new RecipeException(origin, builtIn.describe() + " makes no valid UID, and the line selects UI fields");
        }
        if (kind == HeaderAction.Action.ADD) {
            return new CompiledAction(index, kind, null, value, AddTarget.of(action.selector(), origin), origin);
        }
        return new CompiledAction(index, kind, FieldMatcher.of(action.selector(), recipe, origin), value, null, origin);
    }

    private static void checkJitterAmount(Value value, Origin origin) throws RecipeException {
        if (value instanceof Value.Literal literal && !ValueSource.INTEGER.matcher(literal.text().strip()).matches()) {
            throw new RecipeException(origin, "JITTER takes a whole number of days or var:/func:, not " + literal.text());
        }
        if (value instanceof Value.DeidFunction) {
            throw new RecipeException(origin, "JITTER takes a whole number of days or var:/func:, not a deid_func");
        }
    }

    /** Whether a selector names UI fields only: select:VR:UI, or keywords and tags of UI elements. */
    private static boolean selectsUids(Selector selector) {
        if (selector instanceof Selector.SelectVR select) {
            return select.vr() == VR.UI;
        }
        if (selector instanceof Selector.Field field) {
            FieldMatcher.Exact exact = FieldMatcher.Exact.of(field.name());
            if (exact.tag() >= 0) {
                DictionaryEntry entry = ElementDictionary.lookup((int) exact.tag());
                return entry != null && entry.vr() == VR.UI;
            }
            return !exact.keywords().isEmpty() && exact.keywords().stream().allMatch(keyword -> {
                DictionaryEntry entry = ElementDictionary.lookup(ElementDictionary.tagOf(keyword));
                return entry != null && entry.vr() == VR.UI;
            });
        }
        return false;
    }
}
