package io.deidq.identifiers;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The value an element contributes to ids, in the JSON-friendly form {@link IdentifierExtractor}
 * documents, or null when it contributes none (no value, or binary data).
 */
final class FieldValues {

    /** Values left in the file (bulk data) longer than this are refused rather than read into the heap; a UT report is far shorter. */
    static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

    private FieldValues() {
    }

    static Object of(Dataset dataset, Element element) throws IOException {
        Element e = withKnownVR(element);
        VR vr = e.vr();
        if (e.isSequence() || e.isFragments() || e.isEmpty() || !(vr.isText() || isNumber(vr))) {
            return null;
        }
        if (e.isBulk()) {
            e = inMemory(e);
        }
        List<Object> values = switch (vr) {
            case IS -> numbers(text(dataset, e), FieldValues::integer);
            case DS -> numbers(text(dataset, e), BigDecimal::new);
            case FL, FD -> floats(e);
            case AT -> attributeTags(e);
            case US, SS, UL, SL, SV -> new ArrayList<>(boxed(Values.longs(e)));
            case UV -> unsigned(Values.longs(e));
            default -> new ArrayList<>(text(dataset, e));
        };
        if (values.stream().allMatch(v -> v instanceof String s && s.isEmpty())) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }

    private static boolean isNumber(VR vr) {
        return switch (vr) {
            case US, SS, UL, SL, UV, SV, FL, FD, AT -> true;
            default -> false;
        };
    }

    /** A public element some writer left as UN is read as the dictionary says it is, as pydicom does. */
    private static Element withKnownVR(Element e) {
        if (e.vr() != VR.UN || Tags.isPrivate(e.tag()) || !(e.isInMemory() || e.isBulk())) {
            return e;
        }
        DictionaryEntry entry = ElementDictionary.lookup(e.tag());
        if (entry == null || entry.vr() == null || entry.vr() == VR.UN || entry.vr() == VR.SQ) {
            return e;
        }
        return e.isBulk() ? Element.of(e.tag(), entry.vr(), e.bulkData()) : Element.of(e.tag(), entry.vr(), e.bytes());
    }

    private static Element inMemory(Element e) throws IOException {
        long length = e.length();
        if (length > MAX_VALUE_BYTES) {
            throw new IOException("element " + Tags.toString(e.tag()) + " " + e.vr() + " holds " + length
                    + " bytes, more than the " + MAX_VALUE_BYTES + " an identifier value is read from");
        }
        return Element.of(e.tag(), e.vr(), e.bulkData().read(0, (int) length, 1));
    }

    private static List<String> text(Dataset dataset, Element e) {
        return List.of(Values.strings(e, dataset.specificCharacterSet(), true));
    }

    private interface Parser {
        Object parse(String text);
    }

    /** IS and DS as numbers, as pydicom gives them; text that is not a number stays text, all of it. */
    private static List<Object> numbers(List<String> texts, Parser parser) {
        List<Object> numbers = new ArrayList<>(texts.size());
        try {
            for (String text : texts) {
                numbers.add(text.isEmpty() ? text : parser.parse(text));
            }
            return numbers;
        } catch (NumberFormatException notANumber) {
            return new ArrayList<>(texts);
        }
    }

    private static Object integer(String text) {
        BigInteger value = new BigInteger(text);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** JSON has no NaN or infinity: those stay text ("NaN", "Infinity", "-Infinity"). */
    private static List<Object> floats(Element e) {
        List<Object> values = new ArrayList<>();
        for (double d : Values.doubles(e)) {
            values.add(Double.isFinite(d) ? (Object) d : Double.toString(d));
        }
        return values;
    }

    /** As the DICOM JSON model writes AT (PS3.18 F.2.3): eight upper-case hexadecimal digits, gggg then eeee. */
    private static List<Object> attributeTags(Element e) {
        List<Object> values = new ArrayList<>();
        for (long tag : Values.longs(e)) {
            values.add(String.format("%08X", tag));
        }
        return values;
    }

    private static List<Object> unsigned(long[] longs) {
        List<Object> values = new ArrayList<>();
        for (long v : longs) {
            values.add(v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v)));
        }
        return values;
    }

    private static List<Long> boxed(long[] longs) {
        List<Long> values = new ArrayList<>(longs.length);
        for (long v : longs) {
            values.add(v);
        }
        return values;
    }
}
