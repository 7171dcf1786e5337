package io.deidq.identifiers;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** A field value of ids as the text the identity request carries. */
final class FieldText {

    private FieldText() {
    }

    /**
     * Numbers in their shortest plain form, so that a DS extracted (BigDecimal 0.50) and read back
     * from JSON (Double 0.5) give the same text; several values joined by backslash as DICOM
     * joins them (som sent Python's str() of a list, "['A', 'B']").
     */
    static String of(Object value) {
        if (value instanceof List<?> values) {
            return values.stream().map(FieldText::of).collect(Collectors.joining("\\"));
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return d.toString();
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            return decimal.signum() == 0 ? "0" : decimal.toPlainString();
        }
        return String.valueOf(value);
    }
}
