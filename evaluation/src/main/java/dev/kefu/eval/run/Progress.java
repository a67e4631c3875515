package dev.kefu.eval.run;

import java.io.PrintStream;

/**
 * A progress bar on standard error for long runs, redrawn at most every 1% so it costs nothing
 * measurable; silent when the run is short or the output is not a terminal.
 */
final class Progress implements AutoCloseable {
    private static final int MIN_ITEMS = 200;
    private static final int WIDTH = 30;

    private final String task;
    private final int total;
    private final PrintStream out;
    private final boolean enabled;
    private int done;
    private int lastPercent = -1;

    Progress(String task, int total) {
        this.task = task;
        this.total = total;
        this.out = System.err;
        this.enabled = total >= MIN_ITEMS && System.console() != null;
    }

    void step() {
        done++;
        if (!enabled) {
            return;
        }
        int percent = (int) (100L * done / total);
        if (percent != lastPercent) {
            lastPercent = percent;
            int filled = percent * WIDTH / 100;
            out.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% ("
                    + done + "/" + total + ")");
        }
    }

    @Override
    public void close() {
        if (enabled) {
            out.println();
        }
    }
}
