package io.deidq.dicom.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The classes of DIMSE status codes (PS3.7 C.1 to C.4; PS3.4 B.2.3 for storage). */
class StatusTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "0000, success, success",
            "B000, warning, coercion of data elements",
            "B006, warning, elements discarded",
            "B007, warning, data set does not match SOP class",
            "0001, warning, warning",
            "0107, warning, warning",
            "A700, failure, out of resources",
            "A7FF, failure, failure",
            "A900, failure, data set does not match SOP class",
            "C000, failure, cannot understand",
            "C0FF, failure, cannot understand",
            "0122, failure, SOP class not supported",
            "0211, failure, unrecognized operation",
            "0110, failure, failure",
            "FF00, pending, failure",
            "FF01, pending, failure",
    })
    void classifiesAndDescribes(String hex, String kind, String words) {
        int status = Integer.parseInt(hex, 16);
        assertThat(Status.isSuccess(status)).as("success").isEqualTo(kind.equals("success"));
        assertThat(Status.isWarning(status)).as("warning").isEqualTo(kind.equals("warning"));
        assertThat(Status.isFailure(status)).as("failure").isEqualTo(kind.equals("failure"));
        if (!kind.equals("pending")) {
            assertThat(Status.describe(status)).startsWith(hex + " (").contains(words);
        }
    }
}
