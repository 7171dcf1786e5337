package io.deidq.recipe;

import java.util.Map;

/** The value of a header action, as deid writes it (reference/deid-and-dasher.md 1.3). */
public sealed interface Value {

    /** Text converted to the VR of the field it lands in. */
    record Literal(String text) implements Value {
    }

    /** {@code var:NAME}: a variable of the image's identifiers (suid, jitter, jittered timestamps, ...). */
    record Variable(String name) implements Value {
    }

    /** {@code func:NAME}: a {@link RecipeFunction} registered in Java. */
    record Function(String name) implements Value {
    }

    /** {@code deid_func:NAME k=v ...}: one of deid's built-in functions, with its options. */
    record DeidFunction(String name, Map<String, String> options) implements Value {
    }
}
