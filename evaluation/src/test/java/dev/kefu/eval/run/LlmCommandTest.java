package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.intents.llm.FakeLlmServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kefu-eval llm} refusing a run before it loads the bot or asks the model (malformed
 * dialogues, no model configured, an invalid configuration, no input), and the bundled demo
 * dialogues; {@link LlmCommandIT} runs dialogues through the demo bot against {@link
 * FakeLlmServer}.
 */
class LlmCommandTest {
    /** A refused run never opens a bot, so these runs have none to open. */
    private static final LlmCommand.Bots BOTS = config -> {
        throw new IllegalStateException("a refused run must not open the bot");
    };

    @TempDir
    static Path dir;

    private static FakeLlmServer server;

    @BeforeAll
    static void startTheServer() {
        server = FakeLlmServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void forgetCalls() {
        server.clearCalls();
    }

    @Test
    void should_exit_non_zero_listing_every_problem_with_its_line_number_when_the_dialogues_are_malformed()
            throws Exception {
        Path broken = Files.writeString(
                dir.resolve("broken.jsonl"),
                """
                {"id": "ok", "turns": ["hello"]}
                {"id": "no-json", "turns": [
                {"id": "no-turns"}
                {"id": 7, "turns": ["fine", 42, "  "]}
                {"id": "ok", "turns": ["again"], "nite": "typo"}
                {"turns": []}
                ["not", "an", "object"]
                """,
                StandardCharsets.UTF_8);
        Path out = dir.resolve("broken.json");
        EvalCli cli = openAi(Map.of());

        int code = cli.run("llm", "--dialogues", broken.toString(), "--out", out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.err())
                .contains("is not a valid dialogues file (9 problems)")
                .contains("line 2: not valid JSON")
                .contains("line 3: missing \"turns\"")
                .contains("line 4: id must be a string")
                .contains("line 4: turns[1] must be a string")
                .contains("line 4: turns[2] must not be blank")
                .contains("line 5: unknown field \"nite\"")
                .contains("line 6: missing \"id\"")
                .contains("line 6: \"turns\" must be a non-empty array")
                .contains("line 7: expected a JSON object")
                .contains("Nothing was run.")
                .doesNotContain("line 1:");
        assertThat(out).doesNotExist();
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void should_report_a_duplicate_id_and_an_empty_file() throws Exception {
        Path duplicate = Files.writeString(
                dir.resolve("duplicate.jsonl"),
                "{\"id\": \"a\", \"turns\": [\"hi\"]}\n{\"id\": \"a\", \"turns\": [\"hello\"]}\n",
                StandardCharsets.UTF_8);
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n", StandardCharsets.UTF_8);
        EvalCli first = openAi(Map.of());
        EvalCli second = openAi(Map.of());

        assertThat(first.run(
                        "llm",
                        "--dialogues",
                        duplicate.toString(),
                        "--out",
                        dir.resolve("d.json").toString()))
                .isEqualTo(1);
        assertThat(second.run(
                        "llm",
                        "--dialogues",
                        empty.toString(),
                        "--out",
                        dir.resolve("e.json").toString()))
                .isEqualTo(1);

        assertThat(first.err()).contains("line 2: duplicate dialogue id \"a\" (first on line 1)");
        assertThat(second.err()).contains("no dialogues (the file is empty)");
    }

    @Test
    void should_refuse_with_a_clear_message_when_no_model_is_configured() {
        Path out = dir.resolve("none.json");
        EvalCli cli = cli(Map.of());

        int code = cli.run("llm", "--demo", "--out", out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.err())
                .contains("llm.provider is none")
                .contains("set KEFU_LLM_PROVIDER=openai and KEFU_LLM_BASE_URL=..., or llm.* in --config")
                .contains("Nothing was run.");
        assertThat(out).doesNotExist();
    }

    @Test
    void should_exit_non_zero_on_an_invalid_configuration_a_missing_file_or_no_input() {
        EvalCli invalid = openAi(Map.of("KEFU_LLM_BUDGET_MS", "5"));
        EvalCli missing = openAi(Map.of());

        assertThat(invalid.run("llm", "--demo", "--out", dir.resolve("x.json").toString()))
                .isEqualTo(1);
        assertThat(missing.run(
                        "llm",
                        "--dialogues",
                        dir.resolve("nope.jsonl").toString(),
                        "--out",
                        dir.resolve("x.json").toString()))
                .isEqualTo(1);
        assertThat(openAi(Map.of()).run("llm", "--out", dir.resolve("x.json").toString()))
                .isEqualTo(2);

        assertThat(invalid.err()).contains("llm.budgetMs must be 100..120000, was 5");
        assertThat(missing.err()).contains("no such dialogues file");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void should_bundle_at_least_30_short_demo_dialogues_in_chinese_english_and_mixed() throws Exception {
        List<String> problems = new ArrayList<>();
        List<LlmCommand.Dialogue> demo;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(LlmCommand.class.getResourceAsStream(DialogueFiles.demoResource("llm"))),
                StandardCharsets.UTF_8))) {
            demo = new LlmCommand.DialogueReader(2000).read(reader, problems);
        }

        assertThat(problems).isEmpty();
        assertThat(demo).hasSizeGreaterThanOrEqualTo(30);
        assertThat(demo).allSatisfy(d -> assertThat(d.turns()).hasSizeBetween(1, 3));
        List<String> turns = demo.stream().flatMap(d -> d.turns().stream()).toList();
        assertThat(turns).anyMatch(t -> t.matches("[^\\p{IsLatin}]*\\p{IsHan}[^\\p{IsLatin}]*"));
        assertThat(turns).anyMatch(t -> t.matches("[\\p{ASCII}]+"));
        assertThat(turns).anyMatch(t -> t.matches(".*\\p{IsHan}.*") && t.matches(".*[A-Za-z]{3,}.*"));
    }

    // ---------------------------------------------------------------- helpers

    /** The command line, its {@code llm} command reading {@code environment}. */
    private static EvalCli cli(Map<String, String> environment) {
        return EvalCli.llm(BOTS, environment, null);
    }

    /** The command line pointed at the fake server, with {@code more} of the environment. */
    private static EvalCli openAi(Map<String, String> more) {
        return EvalCli.llm(BOTS, more, server);
    }
}
