package io.deidq.recipe;

import io.deidq.dicom.data.Element;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value of a header action made ready to compute per field (reference 1.3): a literal, a
 * variable of the image, a registered function or one of deid's built-ins. Where deid gives None
 * and so keeps the original, this refuses.
 */
interface ValueSource {

    Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    /** The value for the field as text, several values joined by backslash. */
    String text(Target target, Map<String, Object> vars) throws Refusal;

    /** What the value is computed for: the field and its element as it is now (null when an ADD creates it). */
    record Target(IndexedField field, Element element) {

        String currentText() {
            return FieldValueText.text(field.dataset, element, field.vr);
        }

        List<String> currentValues() {
            return element == null ? List.of() : FieldValueText.values(field.dataset, element, field.vr);
        }

        Element elementOrEmpty() {
            return element != null ? element : Element.empty(field.tag, field.vr);
        }
    }

    static ValueSource of(Value value, Map<String, RecipeFunction> functions, Origin origin) throws RecipeException {
        if (value instanceof Value.Literal literal) {
            return new Literal(literal.text());
        }
        if (value instanceof Value.Variable variable) {
            return new Variable(variable.name());
        }
        if (value instanceof Value.Function function) {
            RecipeFunction registered = functions.get(function.name());
            if (registered == null) {
                throw new RecipeException(origin, "no function " + function.name() + " is registered (func:" + function.name() + ")");
            }
            return new Function(function.name(), registered);
        }
        if (value instanceof Value.DeidFunction builtIn) {
            return BuiltInFunction.of(builtIn.name(), builtIn.options(), origin);
        }
        throw new RecipeException(origin, "the cleaner cannot compute a value " + value.getClass().getSimpleName());
    }

    /** A whole number of days (JITTER), from this value's text. */
    default long days(Target target, Map<String, Object> vars) throws Refusal {
        String text = text(target, vars).strip();
        if (!INTEGER.matcher(text).matches()) {
            throw new Refusal("JITTER needs a whole number of days, and " + describe() + " is not one");
        }
        return Long.parseLong(text);
    }

    /** How messages name the value, never with what it holds. */
    String describe();

    record Literal(String value) implements ValueSource {

        @Override
        public String text(Target target, Map<String, Object> vars) {
            return value;
        }

        @Override
        public String describe() {
            return "the value";
        }
    }

    record Variable(String name) implements ValueSource {

        @Override
        public String text(Target target, Map<String, Object> vars) throws Refusal {
            Object value = vars.get(name);
            if (value == null) {
                throw new Refusal("variable " + name + " is not set for this image (var:" + name + ")");
            }
            return asText(value);
        }

        private String asText(Object value) throws Refusal {
            if (value instanceof List<?> values) {
                StringBuilder joined = new StringBuilder();
                for (Object v : values) {
                    if (v == null) {
                        throw new Refusal("variable " + name + " holds a list with a null in it");
                    }
                    joined.append(joined.isEmpty() ? "" : "\\").append(asText(v));
                }
                return joined.toString();
            }
            if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
                throw new Refusal("variable " + name + " is not a finite number");
            }
            if (value instanceof Number number) {
                BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
                return decimal.signum() == 0 ? "0" : decimal.toPlainString();
            }
            if (value instanceof String || value instanceof Boolean || value instanceof Character) {
                return value.toString();
            }
            throw new Refusal("variable " + name + " holds a " + value.getClass().getSimpleName() + ", not text, a number or a list");
        }

        @Override
        public String describe() {
            return "variable " + name;
        }
    }

    record Function(String name, RecipeFunction function) implements ValueSource {

        @Override
        public String text(Target target, Map<String, Object> vars) throws Refusal {
            String answer;
            try {
                answer = function.apply(target.field().dataset, target.elementOrEmpty(), target.currentText(), vars);
            } catch (RuntimeException failed) {
                // Its message may quote the value: only the kind of failure goes further.
                throw new Refusal("function " + name + " failed (" + failed.getClass().getName() + ")");
            }
            if (answer == null) {
                throw new Refusal("function " + name + " answered no value (func:" + name + ")");
            }
            return answer;
        }

        @Override
        public String describe() {
            return "the answer of function " + name;
        }
    }
}
