package io.deidq.identifiers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DICOM date as the identity request carries it: som's get_timestamp, which parses the value
 * with dateutil and formats it "%Y-%m-%dT%H:%M:%SZ". som passes dates alone, never their times
 * (StudyTime and the like), so a DA becomes midnight; a DT keeps its time to the second. Neither
 * converts time zones: the "Z" is literal, as in som.
 */
final class DicomTimestamps {

    private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    /** DA (YYYYMMDD, or the ACR-NEMA YYYY.MM.DD), or DT to the second; fraction and offset ignored. */
    private static final Pattern DATE_OR_DATE_TIME = Pattern.compile(
            "(\\d{4})\\.?(\\d{2})\\.?(\\d{2})(?:(\\d{2})(?:(\\d{2})(\\d{2})?)?)?(?:\\.\\d{1,6})?(?:[+-]\\d{4})?");

    private DicomTimestamps() {
    }

    /** The request timestamp of {@code value}, or null when it is not a DICOM date. */
    static String of(String value) {
        Matcher m = DATE_OR_DATE_TIME.matcher(value.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.of(number(m.group(4)), number(m.group(5)), number(m.group(6)));
            return LocalDateTime.of(date, time).format(REQUEST);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
