package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kefu-eval slots} on four small dialogues, replayed once through the real pipeline (loading
 * the NLU takes seconds), with every number worked out by hand:
 *
 * <ul>
 *   <li>{@code allowed}: a mother & baby shopper asks about the stroller: the one line shown.
 *   <li>{@code upset}: an untagged shopper, furious, mentions "my baby": a negative turn, handed
 *       off, no line; {@code mother_baby} is expected and inferred.
 *   <li>{@code opted-out}: a {@code no_marketing} shopper says "it's not a gift": forbidden, no line;
 *       no tag is expected but {@code gift_buyer} is inferred (a wrong tag).
 *   <li>{@code handoff}: 转人工 (a hand-off notice, bot-answered), then the stroller while queued
 *       (relayed, not bot-answered); both forbidden.
 * </ul>
 *
 * Five turns, four bot-answered, one line: shown rate 1/4; no line on the negative or the four
 * forbidden turns; tags: 1 right of 2 inferred (precision 1/2), 1 found of 1 expected (recall 1).
 */
class SlotsCommandIT {
    @TempDir
    static Path dir;

    private static int exit;
    private static String err;
    private static JsonNode report;
    private static String markdown;

    @BeforeAll
    static void replay() throws Exception {
        Path dialogues = Files.writeString(
                dir.resolve("dialogues.jsonl"),
                """
                {"id": "allowed", "shopper": {"id": "t-mum-1", "tags": ["mother_baby"]}, "turns": [{"text": "Is the Cloud Lite stroller suitable for newborns?", "intent": "product_question", "slotAllowed": true}]}
                {"id": "upset", "shopper": {"id": "t-upset-1"}, "turns": [{"text": "This is terrible, my baby's Cloud Lite stroller broke after two days and nobody answers me!", "slotAllowed": false, "negative": true, "expectTags": ["mother_baby"]}]}

                {"id": "opted-out", "shopper": {"id": "t-oo-1", "tags": ["mother_baby", "no_marketing"]}, "turns": [{"text": "It's not a gift, it's for us. Is the Cloud Lite stroller suitable for newborns?", "slotAllowed": false, "expectTags": []}]}
                {"id": "handoff", "shopper": {"id": "t-ho-1", "tags": ["mother_baby"]}, "turns": [{"text": "转人工", "slotAllowed": false}, {"text": "云巢 Cloud Lite 轻便婴儿推车多重？", "slotAllowed": false}]}
                """,
                StandardCharsets.UTF_8);
        EvalCli cli = new EvalCli();
        Path out = dir.resolve("reports/slots.json");
        exit = cli.run("slots", "--dialogues", dialogues.toString(), "--out", out.toString());
        err = cli.err();
        report = exit == 0 ? new ObjectMapper().readTree(out.toFile()) : null;
        markdown = exit == 0 ? Files.readString(dir.resolve("reports/slots.md"), StandardCharsets.UTF_8) : "";
    }

    @Test
    void should_write_the_contract_metrics_with_hand_computed_values() {
        assertThat(exit).as(err).isZero();
        assertThat(report.fieldNames())
                .toIterable()
                .contains(
                        "slot_shown_rate",
                        "slot_shown_when_negative",
                        "slot_shown_when_forbidden",
                        "tag_inference_precision",
                        "tag_inference_recall",
                        "n_dialogues",
                        "n_turns",
                        "p99_ms");
        assertThat(report.path("n_dialogues").asInt()).isEqualTo(4);
        assertThat(report.path("n_turns").asInt()).isEqualTo(5);
        assertThat(report.path("n_bot_answered").asInt()).isEqualTo(4);
        assertThat(report.path("n_relayed").asInt()).isEqualTo(1);
        assertThat(report.path("n_slots_shown").asInt()).isEqualTo(1);
        assertThat(report.path("slot_shown_rate").asDouble()).isEqualTo(0.25);
        assertThat(report.path("slot_shown_when_negative").asInt()).isZero();
        assertThat(report.path("slot_shown_when_forbidden").asInt()).isZero();
        assertThat(report.path("n_forbidden_turns").asInt()).isEqualTo(4);
        assertThat(report.path("n_tag_turns").asInt()).isEqualTo(2);
        assertThat(report.path("tag_inference_precision").asDouble()).isEqualTo(0.5);
        assertThat(report.path("tag_inference_recall").asDouble()).isEqualTo(1.0);
        assertThat(report.path("p99_ms").asDouble()).isPositive();
    }

    @Test
    void should_list_failing_turns_with_dialogue_and_text_in_the_markdown_report() {
        assertThat(exit).as(err).isZero();
        assertThat(markdown)
                .contains("slot_shown_rate")
                .contains("None: no line was shown on a negative or forbidden turn.")
                .contains("| opted-out | 1 | It's not a gift, it's for us. Is the Cloud Lite stroller suitable for"
                        + " newborns? |  | gift_buyer |  | gift_buyer |")
                .contains("| allowed | 1 | Is the Cloud Lite stroller suitable for newborns? |");
    }
}
