package io.deidq.recipe;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The profile and options of PS3.15 Annex E as PS3.16 CID 7050 codes them (scheme DCM). A recipe
 * says which it implements by their meanings in De-identification Method, as the built-in ones do
 * (ADD DeidentificationMethod Basic Application Confidentiality Profile\...); the cleaned image's
 * De-identification Method Code Sequence is made from them, so the two always agree.
 */
enum DeidentificationCode {

    BASIC_PROFILE("113100", "Basic Application Confidentiality Profile"),
    CLEAN_PIXEL_DATA("113101", "Clean Pixel Data Option"),
    CLEAN_RECOGNIZABLE_VISUAL_FEATURES("113102", "Clean Recognizable Visual Features Option"),
    CLEAN_GRAPHICS("113103", "Clean Graphics Option"),
    CLEAN_STRUCTURED_CONTENT("113104", "Clean Structured Content Option"),
    CLEAN_DESCRIPTORS("113105", "Clean Descriptors Option"),
    RETAIN_LONGITUDINAL_FULL_DATES("113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    RETAIN_LONGITUDINAL_MODIFIED_DATES("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    RETAIN_PATIENT_CHARACTERISTICS("113108", "Retain Patient Characteristics Option"),
    RETAIN_DEVICE_IDENTITY("113109", "Retain Device Identity Option"),
    RETAIN_UIDS("113110", "Retain UIDs Option"),
    RETAIN_SAFE_PRIVATE("113111", "Retain Safe Private Option"),
    RETAIN_INSTITUTION_IDENTITY("113112", "Retain Institution Identity Option");

    private static final Map<String, DeidentificationCode> BY_MEANING =
            Arrays.stream(values()).collect(Collectors.toMap(DeidentificationCode::meaning, Function.identity()));

    private final String value;
    private final String meaning;

    DeidentificationCode(String value, String meaning) {
        this.value = value;
        this.meaning = meaning;
    }

    String value() {
        return value;
    }

    String meaning() {
        return meaning;
    }

    /** The code whose meaning {@code text} is, exactly; null for any other text. */
    static DeidentificationCode byMeaning(String text) {
        return BY_MEANING.get(text);
    }
}
