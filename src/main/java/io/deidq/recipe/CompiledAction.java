package io.deidq.recipe;

/**
 * A header action ready to apply: its place in the recipe, what it does, which fields it reaches,
 * its value (null when it takes none) and, for ADD, the top-level element it writes.
 */
record CompiledAction(int index, HeaderAction.Action action, FieldMatcher matcher, ValueSource value,
                      AddTarget addTarget, Origin origin) {

    boolean is(HeaderAction.Action kind) {
        return action == kind;
    }

    /** REPLACE and JITTER protect the fields they name from every REMOVE (deid's excluded_from_deletion). */
    boolean vetoesRemoval() {
        return action == HeaderAction.Action.REPLACE || action == HeaderAction.Action.JITTER;
    }
}
