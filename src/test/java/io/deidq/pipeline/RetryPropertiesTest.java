package io.deidq.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPropertiesTest {

    @Test
    void eachWaitIsTheMultipleOfTheOneBeforeUpToTheLongest() {
        RetryProperties retry = new RetryProperties(6, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(45));

        assertThat(retry.backoffBefore(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.backoffBefore(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(retry.backoffBefore(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(retry.backoffBefore(5)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void unsetValuesTakeTheDefaultsAndImpossibleOnesAreRefused() {
        RetryProperties defaults = new RetryProperties(0, null, 0, null);
        assertThat(defaults).isEqualTo(new RetryProperties(5, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10)));
        assertThatThrownBy(() -> new RetryProperties(3, Duration.ofMinutes(5), 2.0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
