package dev.kefu.eval.run;

import dev.kefu.eval.KefuEval;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code kefu-eval} in-process, as a user would from the shell, keeping what it prints on stderr and stdout. */
final class EvalCli {
    private final CommandLine.IFactory factory;
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    EvalCli() {
        this(CommandLine.defaultFactory());
    }

    /** With the commands made by {@code factory} (to give a command a shared bot, say). */
    EvalCli(CommandLine.IFactory factory) {
        this.factory = factory;
    }

    int run(String... args) {
        CommandLine cli = KefuEval.commandLine(factory);
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    String err() {
        return err.toString();
    }

    String out() {
        return out.toString();
    }
}
