package io.deidq.recipe;

/** One line of a {@code %header} section: an action on the fields a selector picks, with its value if it takes one. */
public record HeaderAction(Action action, Selector selector, Value value, Origin origin) {

    /** The actions of deid's {@code %header} section. */
    public enum Action { ADD, BLANK, JITTER, KEEP, REPLACE, REMOVE }
}
