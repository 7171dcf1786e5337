package io.deidq.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PhasesTest {

    @Test
    void eachPhaseLastsFromTheEndOfTheOneBeforeAndAPhaseDoneTwiceAddsUp() {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        Phases phases = new Phases(clock::get);
        clock.addAndGet(1_700_000_000L);
        phases.done("start-up");
        clock.addAndGet(190_000_000L);
        phases.done("identifiers");
        clock.addAndGet(500_000_000L);
        phases.done("cleaning");
        clock.addAndGet(250_000_000L);
        phases.done("cleaning");

        assertThat(phases).hasToString("start-up 1.70 s, identifiers 0.19 s, cleaning 0.75 s");
    }
}
