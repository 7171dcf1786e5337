package io.deidq.recipe;

/** Where a recipe line came from, for messages that let its author find it. */
public record Origin(String source, int line, String text) {

    /** {@code deid.dicom line 12 ("REMOVE PatientID")}. */
    public String describe() {
        return source + " line " + line + " (\"" + text + "\")";
    }
}
