package io.deidq.batch;

/** What the clean stage made of one image; only CLEANED and PIXELS_CLEANED images are uploaded. */
public enum ImageOutcome {
    CLEANED,
    /** A filter flagged it and its pixels were cleaned. */
    PIXELS_CLEANED,
    /** A filter flagged it and its pixels could not be cleaned: kept in the spool, never uploaded. */
    QUARANTINED,
    /** It could not be cleaned (the reason is its clean error): the batch fails. */
    FAILED;

    public boolean uploaded() {
        return this == CLEANED || this == PIXELS_CLEANED;
    }
}
