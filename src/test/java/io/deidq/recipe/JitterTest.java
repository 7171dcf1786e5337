package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Map;

import static io.deidq.recipe.Headers.text;
import static io.deidq.recipe.Headers.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JITTER, the table of reference 1.6 with deidq's deviations: DT keeps its precision, TM stays, no date fails. */
class JitterTest {

    private static final int TAG = 0x00091003;

    private static String jitter(VR vr, String value, String days, Map<String, Object> vars) throws Exception {
        Dataset ds = new Dataset();
        ds.putString(0x00090010, VR.LO, "ACME 1.0");
        ds.putString(TAG, vr, value);
        new HeaderCleaner(Recipes.recipe("JITTER 00091003 " + days), Map.of(), new HeaderOptions(null, false)).clean(ds, vars);
        return text(ds, TAG);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            DA | 20230101                 | -1  | 20221231
            DA | 20230228                 | 1   | 20230301
            DA | 20240228                 | 1   | 20240229
            DA | 20230101\\20230105       | 10  | 20230111\\20230115
            DA | ``                       | 5   | ``
            DT | 20230101120000           | 1   | 20230102120000
            DT | 20230101011721.621000    | -1  | 20221231011721.621000
            DT | 20230101120000.5+0100    | 1   | 20230102120000.5+0100
            DT | 20230101                 | 31  | 20230201
            TM | 011635.943000            | 1   | 011635.943000
            TM | 120000                   | 2   | 120000
            IS | 20230101                 | 2   | 20230103
            LO | 20230101                 | -365 | 20220101
            """)
    void shifts(VR vr, String value, String days, String expected) throws Exception {
        assertThat(jitter(vr, value.replace("\\\\", "\\"), days, Map.of())).isEqualTo(expected.replace("\\\\", "\\"));
    }

    @Test
    void aDateHeldAsBytesShifts() throws Exception {
        Dataset ds = Headers.humans();
        Headers.clean(ds, "JITTER (0029,\"SIEMENS CSA HEADER\",21) 3");
        assertThat(text(ds, Headers.CSA_21)).isEqualTo("20230104");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            DA | 2023            | the value is not a date (DA, YYYYMMDD)
            DA | 20230230        | the value is not a date (DA, YYYYMMDD)
            DA | 2023.01.01      | the value is not a date (DA, YYYYMMDD)
            DT | 202301          | the DT has no day, so it cannot be shifted by days and keep its precision
            DT | 20230101250000  | the value is not a date and time (DT)
            LO | Testing         | the value of this LO is not a date YYYYMMDD, so JITTER cannot shift it
            LO | 20230101120000  | the value of this LO is not a date YYYYMMDD, so JITTER cannot shift it
            """)
    void aValueThatIsNoDateFailsTheImageWhereDeidKeepsIt(VR vr, String value, String reason) {
        assertThatThrownBy(() -> jitter(vr, value, "1", Map.of()))
                .isInstanceOf(RecipeApplicationException.class)
                .hasMessage("(0009,1003): test.dicom line 1 (\"JITTER 00091003 1\"): " + reason);
    }

    @Test
    void theDaysComeFromAVariable() throws Exception {
        assertThat(jitter(VR.DA, "20230101", "var:jitter", vars("jitter", 5L))).isEqualTo("20230106");
        assertThat(jitter(VR.DA, "20230101", "var:jitter", vars("jitter", -3))).isEqualTo("20221229");
        assertThat(jitter(VR.DA, "20230101", "var:jitter", vars("jitter", new BigDecimal("2.0")))).isEqualTo("20230103");
        assertThat(jitter(VR.DA, "20230101", "var:jitter", vars("jitter", "7"))).isEqualTo("20230108");
    }

    @Test
    void daysThatAreNoWholeNumberFailTheImage() {
        assertThatThrownBy(() -> jitter(VR.DA, "20230101", "var:jitter", vars("jitter", 1.5)))
                .hasMessageEndingWith("JITTER needs a whole number of days, and variable jitter is not one");
        assertThatThrownBy(() -> jitter(VR.DA, "20230101", "var:jitter", Map.of()))
                .hasMessageEndingWith("variable jitter is not set for this image (var:jitter)");
        assertThatThrownBy(() -> jitter(VR.DA, "20230101", "1.5", Map.of()))
                .isInstanceOf(RecipeException.class).hasMessageContaining("JITTER takes a whole number of days");
    }

    @Test
    void anEmptyValueIsSkippedBeforeTheDaysAreLookedUp() throws Exception {
        assertThat(jitter(VR.DA, "", "var:jitter", Map.of())).isEmpty();
    }

    @Test
    void theDaysComeFromAFunction() throws Exception {
        Dataset ds = Headers.humans();
        RecipeFunction three = (dataset, field, value, vars) -> "3";
        new HeaderCleaner(Recipes.recipe("JITTER StudyDate func:three"), Map.of("three", three), new HeaderOptions(null, false))
                .clean(ds, Map.of());
        assertThat(text(ds, Tag.StudyDate)).isEqualTo("20230104");
    }
}
