package org.schoolcontacts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The import's progress on standard error: a bar redrawn in place on a terminal, plain lines elsewhere. */
class ProgressBarTest {

    @Test
    void onATerminalTheBarIsRedrawnInPlaceWithRowsPerSecondAndAnEta() throws InterruptedException {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);

        bar.begin("import", 100);
        Thread.sleep(150); // redraws are at most every 100 ms
        bar.advance(50);
        bar.end();

        String[] draws = text.toString().split("\r", -1);
        assertThat(draws[0]).isEmpty(); // every draw starts by returning to the line's start
        assertThat(draws[1]).matches("import \\[#{15}\\.{15}\\] 50/100 rows  \\d+ rows/s  ETA \\d+s +");
        assertThat(draws[2]).matches("import \\[#{30}\\] 100/100 rows  \\d+ rows/s  done +\\R");
    }

    @Test
    void elsewhereProgressIsPlainLinesWithoutCarriageReturns() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);

        bar.begin("check", 3);
        bar.advance(1); // within 2 s of the start: no line yet
        bar.end();

        assertThat(text.toString()).doesNotContain("\r").matches("check: 3/3 rows  \\d+ rows/s  done\\R");
    }
}
