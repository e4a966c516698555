package org.schoolcontacts.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.schoolcontacts.roster.Importer;

/**
 * Import progress on standard error: a bar redrawn in place (rows, rows/s, ETA) on a terminal, plain
 * lines at most every 2 s (and at the end) otherwise, so logs of a CI run stay readable.
 */
final class ProgressBar implements Importer.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private String phase;
    private int total;
    private long t0;
    private long lastPrint;
    private int last = -1;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void begin(String phase, int totalRows) {
        this.phase = phase;
        this.total = totalRows;
        this.t0 = System.nanoTime();
        this.lastPrint = t0;
        this.last = -1;
    }

    @Override
    public void advance(int rowsDone) {
        if (rowsDone == last) return;
        last = rowsDone;
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastPrint < 100_000_000L && rowsDone < total) return;
            lastPrint = now;
            out.print("\r" + line(rowsDone, now, true));
            out.flush();
        } else if (now - lastPrint >= 2_000_000_000L) {
            lastPrint = now;
            out.println(line(rowsDone, now, false));
        }
    }

    @Override
    public void end() {
        long now = System.nanoTime();
        if (terminal) out.println("\r" + line(total, now, true));
        else out.println(line(total, now, false));
        out.flush();
    }

    private String line(int done, long now, boolean bar) {
        double secs = Math.max(1e-3, (now - t0) / 1e9);
        double rate = done / secs;
        String eta = done >= total ? "done" : rate <= 0 ? "ETA --" : String.format(Locale.ROOT, "ETA %ds", (long) Math.ceil((total - done) / rate));
        String counts = String.format(Locale.ROOT, "%d/%d rows  %.0f rows/s  %s", done, total, rate, eta);
        if (!bar) return phase + ": " + counts;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        return phase + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + counts + "   ";
    }
}
