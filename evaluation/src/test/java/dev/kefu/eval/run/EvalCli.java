package dev.kefu.eval.run;

import dev.kefu.eval.KefuEval;
import dev.kefu.intents.llm.FakeLlmServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * With its {@code llm} command opening the bot through {@code bots} and reading its {@code
     * KEFU_*} overrides from {@code environment} (not the process's), pointed at {@code llm} when it
     * is not null.
     */
    static EvalCli llm(LlmCommand.Bots bots, Map<String, String> environment, FakeLlmServer llm) {
        Map<String, String> merged = new HashMap<>();
        if (llm != null) {
            merged.putAll(Map.of(
                    "KEFU_LLM_PROVIDER", "openai", "KEFU_LLM_BASE_URL", llm.openAiBaseUrl(), "KEFU_LLM_MODEL", "fake"));
        }
        merged.putAll(environment);
        return new EvalCli(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == LlmCommand.class) {
                    return type.cast(new LlmCommand(bots, merged));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
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
