package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;

import java.nio.file.Path;

/**
 * What the clean stage made of one image: released (header cleaned, and the pixels too when a filter
 * flagged it) with its output file and its metadata record, or quarantined with the reason.
 *
 * @param output      the cleaned file, named by its new UIDs; null when quarantined
 * @param sopInstanceUid the cleaned image's SOP Instance UID; null when quarantined
 * @param metadata    the cleaned header after the metadata recipe, without Pixel Data; null when quarantined
 * @param flaggedBy   the filter labels that flagged it ("group/label; ..."), or null
 * @param reason      why it was quarantined, or null
 */
public record CleanedImage(Outcome outcome, Path output, String sopInstanceUid, Dataset metadata, String flaggedBy,
                           String reason) {

    public enum Outcome {
        /** Header cleaned; no filter flagged the pixels. */
        CLEANED,
        /** Header cleaned and the flagged regions of every frame blacked out. */
        PIXELS_CLEANED,
        /** Flagged, and the pixels could not be cleaned: nothing written, never released. */
        QUARANTINED
    }

    static CleanedImage quarantined(String flaggedBy, String reason) {
        return new CleanedImage(Outcome.QUARANTINED, null, null, null, flaggedBy, reason);
    }
}
