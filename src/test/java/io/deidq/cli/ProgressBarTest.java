package io.deidq.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong();

    @Test
    void drawsFilesBytesAndRateInPlaceAtMostTenTimesASecond() {
        ProgressBar bar = new ProgressBar(new PrintStream(drawn, true, StandardCharsets.UTF_8), true, 4, now::get);

        now.set(500_000_000);
        bar.advance(1_000_000);
        now.set(550_000_000);
        bar.advance(1_000_000);
        now.set(1_000_000_000);
        bar.advance(2_000_000);

        assertThat(text()).isEqualTo("\r[#######.......................] 1/4 files  1.0 MB  2 files/s"
                + "\r[######################........] 3/4 files  4.0 MB  3 files/s");
    }

    @Test
    void drawsTheLastFileWhateverTheTimeAndEndsTheLine() {
        ProgressBar bar = new ProgressBar(new PrintStream(drawn, true, StandardCharsets.UTF_8), true, 2, now::get);

        now.set(1_000_000_000);
        bar.advance(10);
        now.set(1_000_000_001);
        bar.advance(10);
        bar.finish();

        assertThat(text()).endsWith("\r[##############################] 2/2 files  0.0 MB  2 files/s\n");
    }

    @Test
    void drawsNothingWhenNotOnATerminal() {
        ProgressBar bar = new ProgressBar(new PrintStream(drawn, true, StandardCharsets.UTF_8), false, 1, now::get);

        bar.advance(10);
        bar.finish();

        assertThat(text()).isEmpty();
    }

    private String text() {
        return drawn.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
