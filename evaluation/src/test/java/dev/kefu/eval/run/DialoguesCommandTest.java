package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.Language;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kefu-eval dialogues} refusing bad input before it loads the bot or calls a server, and the
 * bundled public conversations; {@link DialoguesCommandIT} and {@link DialoguesOverHttpIT} replay.
 */
class DialoguesCommandTest {
    @TempDir
    static Path dir;

    @Test
    void should_exit_non_zero_listing_every_problem_with_its_line_number_when_the_file_is_malformed() throws Exception {
        Path dialogues = Files.writeString(
                dir.resolve("broken.jsonl"),
                """
                {"id": "ok", "turns": [{"text": "hello", "handoff": false, "cited": false}]}
                {"id": "no-json", "turns": [
                {"id": "missing", "turns": [{"text": "hello"}]}
                {"id": "types", "shopper": {"tags": "vip"}, "context": "x200", "turns": [{"text": 42, "handoff": "no", "lang": "fr", "within": 0}]}
                {"id": "regex", "turns": [{"text": "hi", "handoff": false, "topic": "policy-(returns", "hint": 1}]}
                {"turns": []}
                {"id": "person", "context": {"productId": "product-x200", "page": 2}, "turns": [{"text": "转人工", "handoff": true, "topic": "x", "lang": "zh"}]}
                {"id": "within", "turns": [{"text": "多重", "handoff": false, "within": 80}, "多重"]}
                {"id": "ok", "turns": [{"text": "again", "handoff": false}]}
                """,
                StandardCharsets.UTF_8);
        Path out = dir.resolve("broken.json");
        EvalCli cli = new EvalCli();

        int code = cli.run("dialogues", "--dialogues", dialogues.toString(), "--out", out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.err())
                .contains("not a valid dialogues file")
                .contains("line 2: not valid JSON")
                .contains("line 3: missing \"turns[0].handoff\" (true or false)")
                .contains("line 4: shopper.tags must be an array")
                .contains("line 4: \"context\" must be an object {\"productId\"}")
                .contains("line 4: turns[0].text must be a string")
                .contains("line 4: turns[0].handoff must be true or false")
                .contains("line 4: turns[0].lang must be \"zh\" or \"en\"")
                .contains("line 4: turns[0].within must be a whole number of characters >= 1, was 0")
                .contains("line 5: turns[0].topic is not a valid regular expression")
                .contains("line 5: turns[0]: unknown field \"hint\"")
                .contains("line 6: missing \"id\"")
                .contains("line 6: \"turns\" must be a non-empty array")
                .contains("line 7: context: unknown field \"page\"")
                .contains("line 7: turns[0]: a turn that expects a hand-off gets no answer to check, so it has no"
                        + " lang, topic")
                .contains("line 8: turns[0].within needs a topic")
                .contains("line 8: turns[1] must be an object {\"text\", \"handoff\", ...}")
                .contains("line 9: duplicate dialogue id \"ok\" (first on line 1)")
                .contains("Nothing was run.")
                .doesNotContain("line 1:");
        assertThat(out).doesNotExist();
    }

    @Test
    void should_refuse_a_missing_file_a_bad_url_config_with_url_a_bad_secret_and_an_only_that_matches_nothing()
            throws Exception {
        Path one = Files.writeString(
                dir.resolve("one.jsonl"),
                "{\"id\": \"zh-smalltalk-01\", \"turns\": [{\"text\": \"你好\", \"handoff\": false}]}\n",
                StandardCharsets.UTF_8);
        String out = dir.resolve("x.json").toString();

        EvalCli missing = new EvalCli();
        assertThat(missing.run(
                        "dialogues", "--dialogues", dir.resolve("nope.jsonl").toString(), "--out", out))
                .isEqualTo(1);
        assertThat(missing.err()).contains("no such dialogues file");

        EvalCli badUrl = new EvalCli();
        assertThat(badUrl.run("dialogues", "--dialogues", one.toString(), "--url", "localhost:7070", "--out", out))
                .isEqualTo(1);
        assertThat(badUrl.err()).contains("--url must be a server's address such as http://localhost:7070");

        EvalCli both = new EvalCli();
        Path config = Files.writeString(dir.resolve("kefu.yaml"), "llm:\n  provider: none\n");
        assertThat(both.run(
                        "dialogues",
                        "--dialogues",
                        one.toString(),
                        "--url",
                        "http://localhost:1",
                        "--config",
                        config.toString(),
                        "--out",
                        out))
                .isEqualTo(1);
        assertThat(both.err()).contains("--config configures the bot in process");

        EvalCli shortSecret = new EvalCli();
        assertThat(shortSecret.run(
                        "dialogues",
                        "--dialogues",
                        one.toString(),
                        "--url",
                        "http://localhost:1",
                        "--identity-secret",
                        "too-short",
                        "--out",
                        out))
                .isEqualTo(1);
        assertThat(shortSecret.err()).contains("must be at least 32 bytes");

        EvalCli secretInProcess = new EvalCli();
        assertThat(secretInProcess.run(
                        "dialogues",
                        "--dialogues",
                        one.toString(),
                        "--identity-secret",
                        "dialogues-test-identity-secret-0123456789",
                        "--out",
                        out))
                .isEqualTo(1);
        assertThat(secretInProcess.err()).contains("--identity-secret signs shoppers for a server; it needs --url");

        EvalCli none = new EvalCli();
        assertThat(none.run("dialogues", "--dialogues", one.toString(), "--only", "followup", "--out", out))
                .isEqualTo(1);
        assertThat(none.err()).contains("no dialogue id in " + one + " matches --only followup");

        assertThat(new EvalCli().run("dialogues", "--out", out)).isEqualTo(2);
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void should_end_the_run_with_a_clear_error_when_the_server_cannot_be_reached() throws Exception {
        Path one = Files.writeString(
                dir.resolve("unreachable.jsonl"),
                "{\"id\": \"en-smalltalk-01\", \"turns\": [{\"text\": \"hello\", \"handoff\": false}]}\n",
                StandardCharsets.UTF_8);
        EvalCli cli = new EvalCli();

        // port 1 (tcpmux) is not served here: the connection is refused at once
        int code = cli.run(
                "dialogues",
                "--dialogues",
                one.toString(),
                "--url",
                "http://127.0.0.1:1",
                "--out",
                dir.resolve("unreachable.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.err()).contains("error: cannot reach http://127.0.0.1:1");
    }

    @Test
    void should_bundle_the_valid_public_set_of_at_least_315_conversations() throws Exception {
        List<String> problems = new ArrayList<>();
        List<DialoguesCommand.Dialogue> dialogues;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(DialoguesCommand.class.getResourceAsStream(DialoguesCommand.DEMO_RESOURCE)),
                StandardCharsets.UTF_8))) {
            dialogues = new DialoguesCommand.DialogueReader(2000).read(reader, problems);
        }

        assertThat(problems).isEmpty();
        // helpers add conversations for their kinds (24 off-topic ones for the knowledge calibration)
        assertThat(dialogues).hasSizeGreaterThanOrEqualTo(339);
        List<dev.kefu.channels.app.DialogueReplay.Turn> turns =
                dialogues.stream().flatMap(d -> d.turns().stream()).toList();
        assertThat(turns).hasSizeGreaterThanOrEqualTo(487);
        assertThat(turns.stream().filter(dev.kefu.channels.app.DialogueReplay.Turn::handoff))
                .hasSizeGreaterThanOrEqualTo(60);
        assertThat(dialogues.stream().filter(d -> d.id().contains("-offtopic-")))
                .hasSizeGreaterThanOrEqualTo(33);
        assertThat(turns).anyMatch(t -> t.lang() == Language.ZH).anyMatch(t -> t.lang() == Language.EN);
        assertThat(dialogues.stream().filter(d -> d.productId() != null)).hasSize(10);
        assertThat(dialogues.stream().map(DialogueScoring::language).distinct())
                .containsExactlyInAnyOrder("zh", "en", "mix");
        assertThat(dialogues.stream().map(DialogueScoring::kind).distinct())
                .contains("aftersales", "product", "followup", "context", "multi", "explicit")
                .doesNotContain("other");
    }
}
