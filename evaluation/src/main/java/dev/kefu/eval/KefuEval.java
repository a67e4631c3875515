package dev.kefu.eval;

import dev.kefu.eval.run.AnalyticsBenchCommand;
import dev.kefu.eval.run.CalibrateCommand;
import dev.kefu.eval.run.DialoguesCommand;
import dev.kefu.eval.run.IntentsCommand;
import dev.kefu.eval.run.KbBenchCommand;
import dev.kefu.eval.run.KbCommand;
import dev.kefu.eval.run.LlmCommand;
import dev.kefu.eval.run.LoadCommand;
import dev.kefu.eval.run.SentimentCommand;
import dev.kefu.eval.run.SlotsCommand;
import dev.kefu.eval.run.TrainCommand;
import dev.kefu.intents.train.TrainingDataException;
import dev.kefu.kb.ingest.KnowledgeFormatException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar kefu-eval.jar COMMAND ...}: measures Kefu's stages on datasets and writes JSON
 * and Markdown reports. Each command is a subcommand registered in {@link #commandLine()}.
 */
@Command(
        name = "kefu-eval",
        mixinStandardHelpOptions = true,
        description =
                "Measures Kefu on datasets; every command writes a JSON report (--out) and a Markdown report beside it.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            IntentsCommand.class,
            SentimentCommand.class,
            KbCommand.class,
            KbBenchCommand.class,
            AnalyticsBenchCommand.class,
            SlotsCommand.class,
            LlmCommand.class,
            DialoguesCommand.class,
            TrainCommand.class,
            CalibrateCommand.class,
            LoadCommand.class
        })
public final class KefuEval implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every evaluation command registered. Bad data files exit with 1 and
     * every problem listed; a wrong command line exits with 2 and the usage.
     */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** {@link #commandLine()} with the commands made by {@code factory} (tests give a command its parts). */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(new KefuEval(), factory);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (e instanceof KnowledgeFormatException format) {
                err.println("error: " + format.source() + " is not a valid knowledge file:");
                format.problems().forEach(p -> err.println("  " + p));
            } else if (e instanceof TrainingDataException data) {
                err.println("error: invalid data file:");
                data.errors().forEach(p -> err.println("  " + p));
            } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                err.println("error: " + e.getMessage());
            } else if (e instanceof IllegalArgumentException bad) {
                err.println("error: " + bad.getMessage()); // an option value out of range
                err.flush();
                return 2;
            } else {
                throw e;
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }
}
