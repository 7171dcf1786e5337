package io.deidq.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTimestampTest {

    @ParameterizedTest(name = "{0} {1} days = {2}")
    @CsvSource({
            // seed 000's patient and item, with its jitter of 5 (DASHER answered them in Pacific time; we keep the offset given)
            "1961-07-27T00:00:00Z, 5, 1961-08-01T00:00:00Z",
            "2010-02-04T11:50:00Z, 5, 2010-02-09T11:50:00Z",
            "2010-02-04T11:50:00-0800, 5, 2010-02-09T11:50:00-0800",
            "2010-02-04T11:50:00-08:00, 5, 2010-02-09T11:50:00-0800",
            "2010-02-04T11:50:00+05:30, -5, 2010-01-30T11:50:00+0530",
            "2010-02-04T11:50:00+00:00, 1, 2010-02-05T11:50:00+0000",
            // month, leap day and year boundaries
            "2023-01-31T23:59:59Z, 1, 2023-02-01T23:59:59Z",
            "2024-02-28T00:00:00Z, 1, 2024-02-29T00:00:00Z",
            "2023-02-28T00:00:00Z, 1, 2023-03-01T00:00:00Z",
            "2024-03-01T00:00:00Z, -1, 2024-02-29T00:00:00Z",
            "2023-12-31T12:00:00Z, 1, 2024-01-01T12:00:00Z",
            "2024-01-01T00:00:00-0800, -1, 2023-12-31T00:00:00-0800",
            "2023-12-15T00:00:00Z, 30, 2024-01-14T00:00:00Z",
            "2024-01-10T00:00:00Z, -30, 2023-12-11T00:00:00Z",
            // a fraction is kept as given
            "2010-02-04T11:50:00.250Z, 2, 2010-02-06T11:50:00.250Z",
    })
    void shiftingMovesTheDateAndKeepsTimeOfDayAndOffset(String timestamp, int days, String shifted) {
        assertThat(IdentityTimestamp.parse(timestamp).orElseThrow().plusDays(days)).hasToString(shifted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1961-07-27", "1961-07-27T00:00:00", "1961-07-27 00:00:00Z", "19610727T000000Z", "1961-02-30T00:00:00Z",
            "1961-07-27T25:00:00Z", "1961-07-27T00:00:00+19:00", "1961-07-27T00:00:00z", "", "1961-07-27T00:00Z"})
    void anythingElseIsNotATimestamp(String text) {
        assertThat(IdentityTimestamp.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"9999-12-31T00:00:00Z, 1, false", "0000-01-01T00:00:00Z, -1, false", "9999-12-01T00:00:00Z, 30, true"})
    void onlyFourDigitYearsCanBeWritten(String timestamp, int days, boolean writable) {
        assertThat(IdentityTimestamp.parse(timestamp).orElseThrow().plusDays(days).writable()).isEqualTo(writable);
    }
}
