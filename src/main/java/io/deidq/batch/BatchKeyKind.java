package io.deidq.batch;

/**
 * What batch assembly groups images by ({@code deidq.batch.key}): the accession number, or the
 * Study Instance UID. With ACCESSION_NUMBER, an image without an accession number is grouped by its
 * Study Instance UID.
 */
public enum BatchKeyKind {
    ACCESSION_NUMBER,
    STUDY_INSTANCE_UID
}
