package io.deidq.batch;

/**
 * The key of the batch an image joins: its kind and value. An image with neither an accession
 * number nor a Study Instance UID (both blank) is keyed by the empty Study Instance UID: such images
 * go together into one batch rather than being lost to grouping.
 */
public record BatchKey(BatchKeyKind kind, String value) {

    public static BatchKey of(Image image, BatchKeyKind groupBy) {
        if (groupBy == BatchKeyKind.ACCESSION_NUMBER && !blank(image.accessionNumber())) {
            return new BatchKey(BatchKeyKind.ACCESSION_NUMBER, image.accessionNumber());
        }
        return new BatchKey(BatchKeyKind.STUDY_INSTANCE_UID, blank(image.studyInstanceUid()) ? "" : image.studyInstanceUid());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
