package io.deidq.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn in place on a terminal: files done of the total, bytes and the
 * rate so far. Redrawn at most ten times a second, so that drawing never slows the work.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintStream to;
    private final boolean enabled;
    private final long total;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastDrawn;
    private long done;
    private long bytes;

    ProgressBar(PrintStream to, boolean enabled, long total, LongSupplier nanoClock) {
        this.to = to;
        this.enabled = enabled;
        this.total = total;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastDrawn = start - REDRAW_NANOS;
    }

    void advance(long fileBytes) {
        done++;
        bytes += fileBytes;
        long now = nanoClock.getAsLong();
        if (enabled && (now - lastDrawn >= REDRAW_NANOS || done == total)) {
            lastDrawn = now;
            to.print("\r" + line(now));
            to.flush();
        }
    }

    /** Ends the bar's line, so that what is printed next starts on a line of its own. */
    void finish() {
        if (enabled && done > 0) {
            to.println();
        }
    }

    String line(long now) {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        return String.format(Locale.ROOT, "[%s%s] %d/%d files  %.1f MB  %.0f files/s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, bytes / 1e6, done / seconds);
    }
}
