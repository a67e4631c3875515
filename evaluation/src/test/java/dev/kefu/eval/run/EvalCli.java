package dev.kefu.eval.run;

import dev.kefu.eval.KefuEval;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code kefu-eval} in-process, as a user would from the shell, keeping what it prints on stderr. */
final class EvalCli {
    private final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = KefuEval.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    String err() {
        return err.toString();
    }
}
