package io.deidq.identity;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JitterRangeTest {

    private final Random random = new Random(20240115);

    @Test
    void theDefaultRangeDrawsEveryDayFromMinus30To30ButZero() {
        Set<Integer> drawn = draws(new IdentityProperties.Jitter(null, null).range(), 20_000);
        Set<Integer> expected = new TreeSet<>();
        for (int d = -30; d <= 30; d++) {
            if (d != 0) {
                expected.add(d);
            }
        }
        assertThat(drawn).isEqualTo(expected);
    }

    @Test
    void oneSidedRangesStayOnTheirSide() {
        assertThat(draws(new JitterRange(1, 3), 1_000)).containsExactly(1, 2, 3);
        assertThat(draws(new JitterRange(-3, -1), 1_000)).containsExactly(-3, -2, -1);
        assertThat(draws(new JitterRange(-1, 0), 100)).containsExactly(-1);
        assertThat(draws(new JitterRange(0, 1), 100)).containsExactly(1);
        assertThat(draws(new JitterRange(7, 7), 100)).containsExactly(7);
    }

    @Test
    void theWholeIntRangeDrawsWithoutOverflow() {
        assertThat(draws(new JitterRange(Integer.MIN_VALUE, Integer.MAX_VALUE), 1_000)).doesNotContain(0).hasSizeGreaterThan(990);
    }

    @Test
    void containsKnowsTheRangeAndNeverZero() {
        JitterRange range = new JitterRange(-5, 5);
        assertThat(range.contains(-5)).isTrue();
        assertThat(range.contains(5)).isTrue();
        assertThat(range.contains(0)).isFalse();
        assertThat(range.contains(6)).isFalse();
    }

    @Test
    void aRangeWithNoDayButZeroOrNoneAtAllIsRefused() {
        assertThatThrownBy(() -> new JitterRange(0, 0)).hasMessageContaining("0..0");
        assertThatThrownBy(() -> new JitterRange(5, -5)).hasMessageContaining("min-days must not exceed max-days");
    }

    private Set<Integer> draws(JitterRange range, int n) {
        Set<Integer> drawn = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            int days = range.draw(random);
            assertThat(range.contains(days)).as("%d in %s", days, range).isTrue();
            drawn.add(days);
        }
        return drawn;
    }
}
