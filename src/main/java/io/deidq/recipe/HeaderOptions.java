package io.deidq.recipe;

/**
 * What happens to the fields a recipe does not mention: {@code defaultAction} BLANK or REMOVE
 * applies to every field no action's selector reached (null: they stay as they are), then
 * {@code removePrivate} removes every private element no KEEP reached.
 */
public record HeaderOptions(HeaderAction.Action defaultAction, boolean removePrivate) {

    public HeaderOptions {
        if (defaultAction != null && defaultAction != HeaderAction.Action.BLANK && defaultAction != HeaderAction.Action.REMOVE) {
            throw new IllegalArgumentException("the default action is BLANK, REMOVE or none, not " + defaultAction);
        }
    }
}
