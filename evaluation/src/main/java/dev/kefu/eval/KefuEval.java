package dev.kefu.eval;

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
        description = "Measures Kefu on datasets; every command writes a JSON report (--out) and a Markdown report beside it.",
        synopsisSubcommandLabel = "COMMAND")
public final class KefuEval implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every evaluation command registered. */
    public static CommandLine commandLine() {
        return new CommandLine(new KefuEval());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }
}
