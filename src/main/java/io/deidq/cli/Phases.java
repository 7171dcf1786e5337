package io.deidq.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;

/** How long each phase of a command took, each from the end of the one before: "start-up 1.70 s, cleaning 0.70 s". */
final class Phases {

    private final LongSupplier nanoClock;
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long last;

    Phases(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.last = nanoClock.getAsLong();
    }

    /** Ends the phase {@code name}. */
    void done(String name) {
        long now = nanoClock.getAsLong();
        nanos.merge(name, now - last, Long::sum);
        last = now;
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ");
        nanos.forEach((name, took) -> text.add(String.format(Locale.ROOT, "%s %.2f s", name, took / 1e9)));
        return text.toString();
    }
}
