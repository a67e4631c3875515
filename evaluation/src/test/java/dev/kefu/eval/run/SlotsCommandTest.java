package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code kefu-eval slots} refusing bad input before it loads the bot, and the bundled demo
 * dialogues; {@link SlotsCommandIT} replays dialogues through the real pipeline.
 */
class SlotsCommandTest {
    @TempDir
    static Path dir;

    @Test
    void should_exit_non_zero_listing_every_problem_with_its_line_number_when_the_file_is_malformed() throws Exception {
        Path dialogues = Files.writeString(
                dir.resolve("broken.jsonl"),
                """
                {"id": "ok", "turns": [{"text": "hello", "slotAllowed": true}]}
                {"id": "no-json", "turns": [
                {"id": "missing", "turns": [{"text": "hello"}]}
                {"id": "types", "shopper": {"tags": "vip"}, "turns": [{"text": 42, "slotAllowed": "yes", "negative": 1}]}
                {"id": "ok", "turns": [{"text": "hi", "slotAllowed": true, "slotalowed": false}]}
                {"turns": []}
                """,
                StandardCharsets.UTF_8);
        Path out = dir.resolve("broken.json");
        EvalCli cli = new EvalCli();

        int code = cli.run("slots", "--dialogues", dialogues.toString(), "--out", out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.err())
                .contains("not a valid dialogues file")
                .contains("line 2: not valid JSON")
                .contains("line 3: missing \"turns[0].slotAllowed\"")
                .contains("line 4: shopper.tags must be an array")
                .contains("line 4: turns[0].text must be a string")
                .contains("line 4: turns[0].slotAllowed must be true or false")
                .contains("line 4: turns[0].negative must be true or false")
                .contains("line 5: turns[0]: unknown field \"slotalowed\"")
                .contains("line 6: missing \"id\"")
                .contains("line 6: \"turns\" must be a non-empty array")
                .doesNotContain("line 1:");
        assertThat(out).doesNotExist();
    }

    @Test
    void should_exit_non_zero_on_a_missing_file_or_without_dialogues() {
        EvalCli cli = new EvalCli();
        assertThat(cli.run(
                        "slots",
                        "--dialogues",
                        dir.resolve("nope.jsonl").toString(),
                        "--out",
                        dir.resolve("x.json").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("no such dialogues file");
        assertThat(new EvalCli().run("slots", "--out", dir.resolve("x.json").toString()))
                .isEqualTo(2);
    }

    @Test
    void should_bundle_a_valid_demo_file_of_at_least_30_dialogues_in_both_languages() throws Exception {
        List<String> problems = new ArrayList<>();
        List<SlotsCommand.Dialogue> dialogues;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(SlotsCommand.class.getResourceAsStream(DialogueFiles.demoResource("slots"))),
                StandardCharsets.UTF_8))) {
            dialogues = new SlotsCommand.DialogueReader(2000).read(reader, problems);
        }

        assertThat(problems).isEmpty();
        assertThat(dialogues).hasSizeGreaterThanOrEqualTo(30);
        List<SlotsCommand.DialogueTurn> turns =
                dialogues.stream().flatMap(d -> d.turns().stream()).toList();
        assertThat(turns).anyMatch(t -> t.text().matches(".*\\p{IsHan}.*"));
        assertThat(turns).anyMatch(t -> t.text().matches("[\\p{ASCII}]+"));
        assertThat(turns).anyMatch(SlotsCommand.DialogueTurn::negative);
        assertThat(turns).anyMatch(t -> !t.slotAllowed());
        assertThat(turns).anyMatch(t -> t.expectTags() != null);
        assertThat(dialogues).anyMatch(d -> d.shopper().hasTag("no_marketing"));
    }
}
