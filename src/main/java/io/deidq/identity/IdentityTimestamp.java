package io.deidq.identity;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A timestamp as the identity service contract carries it: ISO-8601 date and time to the second,
 * optionally with a fraction, and a "Z" (requests: {@code 1961-07-27T00:00:00Z}) or an offset
 * ({@code -0800} as DASHER answers, or {@code -08:00}). Shifting it by a jitter moves the local
 * date and keeps the time of day and the offset, so that only the date changes; it is written
 * back with its fraction as given, "Z" when it came with "Z", otherwise DASHER's {@code ±HHMM}.
 */
record IdentityTimestamp(LocalDateTime local, String fraction, ZoneOffset offset, boolean zulu) {

    private static final Pattern FORM = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?(?:(Z)|([+-])(\\d{2}):?(\\d{2}))");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** Empty when {@code text} is not of the form above or names no real date and time (2023-02-30, 25:00). */
    static Optional<IdentityTimestamp> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1));
            String fraction = m.group(2) == null ? "" : m.group(2);
            if (m.group(3) != null) {
                return Optional.of(new IdentityTimestamp(local, fraction, ZoneOffset.UTC, true));
            }
            int sign = m.group(4).equals("-") ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(5)), sign * Integer.parseInt(m.group(6)));
            return Optional.of(new IdentityTimestamp(local, fraction, offset, false));
        } catch (DateTimeException notADateAndTime) {
            return Optional.empty();
        }
    }

    IdentityTimestamp plusDays(int days) {
        return new IdentityTimestamp(local.plusDays(days), fraction, offset, zulu);
    }

    /** Whether it can be written in the contract's form: years 0000 to 9999. */
    boolean writable() {
        return local.getYear() >= 0 && local.getYear() <= 9999;
    }

    @Override
    public String toString() {
        return local.format(SECONDS) + fraction + (zulu ? "Z" : offsetWithoutColon());
    }

    private String offsetWithoutColon() {
        int seconds = offset.getTotalSeconds();
        int minutes = Math.abs(seconds) / 60;
        return String.format("%s%02d%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
    }
}
