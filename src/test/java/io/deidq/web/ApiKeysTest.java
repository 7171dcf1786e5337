package io.deidq.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    @Test
    void acceptsExactlyTheConfiguredKeys() {
        ApiKeys keys = new ApiKeys(List.of("first-key-0123456789", " second-key-0123456789 ", ""));
        assertThat(keys.none()).isFalse();
        assertThat(keys.accepts("first-key-0123456789")).isTrue();
        assertThat(keys.accepts("second-key-0123456789")).isTrue();
        assertThat(keys.accepts("first-key-012345678")).isFalse();
        assertThat(keys.accepts("")).isFalse();
    }

    @Test
    void noKeysAcceptNothing() {
        ApiKeys keys = new ApiKeys(List.of(" "));
        assertThat(keys.none()).isTrue();
        assertThat(keys.accepts(" ")).isFalse();
        assertThat(keys.accepts("")).isFalse();
    }

    @Test
    void aShortKeyStopsStartUpWithoutShowingIt() {
        assertThatThrownBy(() -> new ApiKeys(List.of("first-key-0123456789", "secret")))
                .hasMessageContaining("deidq.api-keys[1]")
                .hasMessageContaining("shorter than 16")
                .hasMessageNotContaining("secret");
    }
}
