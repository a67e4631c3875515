package dev.kefu.eval.run;

import dev.kefu.eval.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --out} option of every command that writes a report (a picocli mixin), and the one
 * way a report is written and announced: JSON at {@code --out}, Markdown beside it, and one line on
 * the command's standard output that ends with where both are. Not final: {@link TrainTestOptions}
 * and {@link DialogueRun} extend it (a mixin inside a mixin would not see the command).
 */
class ReportFile {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--out", required = true, description = "JSON report; the Markdown report is written beside it.")
    Path out;

    /**
     * Writes the report and prints {@code summary} (a {@link Locale#ROOT} format of the headline
     * metrics, filled from {@code args}) followed by {@code "; reports: <json>, <markdown>"}.
     */
    void write(Report report, String summary, Object... args) throws IOException {
        Path markdown = report.write(out);
        Object[] line = Arrays.copyOf(args, args.length + 2);
        line[args.length] = out;
        line[args.length + 1] = markdown;
        PrintWriter stdout = command.commandLine().getOut();
        stdout.printf(Locale.ROOT, summary + "; reports: %s, %s%n", line);
        stdout.flush();
    }

    /** As {@link #write}, the summary filled with the report's own metrics of these names. */
    void writeWithMetrics(Report report, String summary, String... metrics) throws IOException {
        write(report, summary, Arrays.stream(metrics).map(report.metrics()::get).toArray());
    }
}
