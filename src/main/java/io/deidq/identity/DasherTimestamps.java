package io.deidq.identity;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * The timestamps DASHER answers with: ISO-8601 date and time to the second, optionally with a
 * fraction, and a zone that is "Z" or an offset with or without its colon: "-0800" (seed 000) as
 * well as "-08:00". A timestamp without a zone is not one of them: its day would be a guess.
 */
final class DasherTimestamps {

    private static final DateTimeFormatter ANSWERED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private DasherTimestamps() {
    }

    static boolean valid(String timestamp) {
        try {
            OffsetDateTime.parse(timestamp, ANSWERED);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
