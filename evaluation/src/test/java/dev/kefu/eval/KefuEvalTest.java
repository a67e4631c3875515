package dev.kefu.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KefuEvalTest {
    @Test
    void should_print_usage_and_exit_zero_when_asked_for_help() {
        StringWriter out = new StringWriter();
        CommandLine cli = KefuEval.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("kefu-eval").contains("COMMAND").contains("kb");
    }

    @Test
    void should_exit_non_zero_when_no_command_is_given() {
        CommandLine cli = KefuEval.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute()).isNotZero();
    }
}
