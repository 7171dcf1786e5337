package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;

import java.util.Map;

/**
 * A {@code func:NAME} of a recipe, registered in Java: deid's {@code func(dicom, value, field, item)}.
 * It answers the new value as text (converted to the field's VR like a literal), or null when it
 * has none, which fails the image: deidq never keeps the original where a recipe asked for a value.
 */
@FunctionalInterface
public interface RecipeFunction {

    /**
     * @param dataset the data set the field is in (an item, for a nested field)
     * @param field   the element as it is now
     * @param value   its value as text, multiple values joined by {@code \}
     * @param vars    the image's variables: its identifiers with the identity service's answer merged in
     */
    String apply(Dataset dataset, Element field, String value, Map<String, Object> vars);
}
