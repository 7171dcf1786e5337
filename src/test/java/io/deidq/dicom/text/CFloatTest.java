package io.deidq.dicom.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected strings are what C's printf("%.*g") prints (checked with glibc). */
class CFloatTest {

    @Test
    void formatsAsPercentGDoes() {
        assertThat(CFloat.g(0.1f, 9)).isEqualTo("0.100000001");
        assertThat(CFloat.g(1e-7f, 9)).isEqualTo("1.00000001e-07");
        assertThat(CFloat.g(123456.7f, 9)).isEqualTo("123456.703");
        assertThat(CFloat.g(Math.PI, 17)).isEqualTo("3.1415926535897931");
        assertThat(CFloat.g(1e20, 17)).isEqualTo("1e+20");
        assertThat(CFloat.g(0.0001, 17)).isEqualTo("0.0001");
        assertThat(CFloat.g(0.00001, 17)).isEqualTo("1.0000000000000001e-05");
        assertThat(CFloat.g(100, 17)).isEqualTo("100");
        assertThat(CFloat.g(-2.5, 9)).isEqualTo("-2.5");
        assertThat(CFloat.g(1.5e300, 17)).isEqualTo("1.5000000000000001e+300");
    }

    @Test
    void zeroHasNoSignAndSpecialValuesHaveNames() {
        assertThat(CFloat.g(-0.0, 17)).isEqualTo("0");
        assertThat(CFloat.g(Double.NaN, 17)).isEqualTo("nan");
        assertThat(CFloat.g(Double.NEGATIVE_INFINITY, 17)).isEqualTo("-inf");
    }
}
