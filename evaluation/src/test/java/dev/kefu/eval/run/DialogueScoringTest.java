package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.app.DialogueReplay.Check;
import dev.kefu.channels.app.DialogueReplay.Turn;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.eval.run.DialogueScoring.TurnScore;
import dev.kefu.eval.run.DialoguesCommand.Dialogue;
import dev.kefu.eval.run.ShopperChannel.After;
import dev.kefu.eval.run.ShopperChannel.ShopperView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring rules of {@code kefu-eval dialogues}, on turns and views made by hand (no model). */
class DialogueScoringTest {
    private static final Citation RETURNS = new Citation("policy-returns", "Returns policy");

    @TempDir
    Path dir;

    @Test
    void should_pass_a_hand_off_turn_when_the_conversation_is_with_a_person_now_or_already() {
        Turn expectsPerson = turn("转人工", true, null, null, null, null);

        assertThat(DialogueScoring.failed(expectsPerson, handoff("explicit_request")))
                .isEmpty();
        assertThat(DialogueScoring.failed(expectsPerson, withPerson())).isEmpty();
        assertThat(DialogueScoring.failed(expectsPerson, reply("您好", List.of())))
                .containsExactly(Check.MISSED_HANDOFF);
    }

    @Test
    void should_fail_an_answer_turn_that_went_to_a_person_on_that_alone() {
        Turn expectsAnswer = turn("能退货吗", false, "policy-returns", null, Language.ZH, null);

        assertThat(DialogueScoring.failed(expectsAnswer, handoff("negative_sentiment")))
                .containsExactly(Check.FALSE_HANDOFF);
        assertThat(DialogueScoring.failed(expectsAnswer, withPerson())).containsExactly(Check.FALSE_HANDOFF);
    }

    @Test
    void should_find_the_topic_in_cited_ids_titles_or_the_reply_and_expect_a_source_with_a_topic() {
        ShopperView cited = reply("You can return it within 7 days.", List.of(RETURNS));

        assertThat(DialogueScoring.failed(turn("t", false, "policy-returns", null, null, null), cited))
                .isEmpty();
        assertThat(DialogueScoring.failed(turn("t", false, "Returns policy", null, null, null), cited))
                .isEmpty();
        assertThat(DialogueScoring.failed(turn("t", false, "7 days", null, null, null), cited))
                .isEmpty();
        // case-sensitive unless the regex says so
        assertThat(DialogueScoring.failed(turn("t", false, "returns policy", null, null, null), cited))
                .containsExactly(Check.TOPIC);
        assertThat(DialogueScoring.failed(turn("t", false, "(?i)returns policy", null, null, null), cited))
                .isEmpty();
        // the reply has the topic but cites nothing: a turn with a topic expects a source
        ShopperView uncited = reply("You can return it within 7 days.", List.of());
        assertThat(DialogueScoring.failed(turn("t", false, "7 days", null, null, null), uncited))
                .containsExactly(Check.UNCITED);
        assertThat(DialogueScoring.failed(turn("t", false, "7 days", null, null, false), uncited))
                .isEmpty();
        assertThat(DialogueScoring.failed(turn("t", false, "policy-exchanges", null, null, null), uncited))
                .containsExactly(Check.TOPIC, Check.UNCITED);
    }

    @Test
    void should_look_for_a_within_topic_in_the_replys_first_characters_only() {
        ShopperView reply = reply("X200 耳机防汗防溅（IPX4），适合运动。", List.of(new Citation("product-x200", "X200")));
        Turn early = turn("X200防水吗", false, "IPX4", 16, null, null);
        Turn tooEarly = turn("X200防水吗", false, "IPX4", 15, null, null);
        Turn idOnly = turn("X200防水吗", false, "product-x200", 40, null, null);

        assertThat(DialogueScoring.failed(early, reply)).isEmpty();
        assertThat(DialogueScoring.failed(tooEarly, reply)).containsExactly(Check.WITHIN);
        // within looks at the reply, not at the cited ids
        assertThat(DialogueScoring.failed(idOnly, reply)).containsExactly(Check.WITHIN);
        assertThat(DialogueScoring.start("a𝄞bc", 2)).isEqualTo("a𝄞");
    }

    @Test
    void should_check_the_replys_language_by_script_with_mixed_replies_counted_as_chinese() {
        Turn zh = turn("t", false, null, null, Language.ZH, null);
        Turn en = turn("t", false, null, null, Language.EN, null);

        assertThat(DialogueScoring.failed(zh, reply("您好，请问有什么可以帮您？", List.of())))
                .isEmpty();
        assertThat(DialogueScoring.failed(en, reply("您好，请问有什么可以帮您？", List.of())))
                .containsExactly(Check.LANGUAGE);
        assertThat(DialogueScoring.failed(zh, reply("The CloudNest Cloud Lite stroller weighs 6.8 kg.", List.of())))
                .containsExactly(Check.LANGUAGE);
        assertThat(DialogueScoring.replyLanguage("CloudNest Cloud Lite 推车重 6.8 公斤"))
                .isEqualTo(Language.ZH);
    }

    @Test
    void should_fail_a_cited_false_turn_that_cites_and_a_cited_true_turn_that_does_not() {
        assertThat(DialogueScoring.failed(turn("hi", false, null, null, null, false), reply("Hi!", List.of(RETURNS))))
                .containsExactly(Check.CITED);
        assertThat(DialogueScoring.failed(turn("hi", false, null, null, null, true), reply("Hi!", List.of())))
                .containsExactly(Check.UNCITED);
        assertThat(DialogueScoring.failed(turn("hi", false, null, null, null, null), reply("Hi!", List.of(RETURNS))))
                .isEmpty();
    }

    @Test
    void should_take_language_and_kind_from_the_id_or_else_from_the_turns() {
        assertThat(DialogueScoring.language(dialogue("zh-aftersales-01"))).isEqualTo("zh");
        assertThat(DialogueScoring.kind(dialogue("zh-aftersales-01"))).isEqualTo("aftersales");
        assertThat(DialogueScoring.kind(dialogue("mix-small-talk-12"))).isEqualTo("small-talk");
        assertThat(DialogueScoring.kind(dialogue("returns-07"))).isEqualTo("returns");
        assertThat(DialogueScoring.kind(dialogue("en-returns"))).isEqualTo("returns");
        assertThat(DialogueScoring.kind(dialogue("stroller"))).isEqualTo("other");
        Dialogue english = new Dialogue(
                1,
                "stroller",
                ShopperContext.anonymous(),
                null,
                List.of(turn("t", false, null, null, Language.EN, null)));
        assertThat(DialogueScoring.language(english)).isEqualTo("en");
        assertThat(DialogueScoring.language(dialogue("stroller"))).isEqualTo("other");
    }

    /**
     * Three conversations, five turns: {@code zh-returns-01} answered and cited (resolved); {@code
     * en-returns-01} handed off on a calm question, then met the person (two false hand-offs);
     * {@code en-human-01} said hello (passed), then asked for a person and got the bot (a missed
     * hand-off). Resolved 1 of 3; turns passed 2 of 5; false hand-offs 2 of the 4 answer turns;
     * missed hand-offs 1 of 1.
     */
    @Test
    void should_sum_up_a_run_overall_by_language_and_by_kind_and_list_every_miss() throws Exception {
        Dialogue zh = new Dialogue(
                1,
                "zh-returns-01",
                ShopperContext.anonymous(),
                null,
                List.of(turn("能退货吗", false, "policy-returns", null, Language.ZH, null)));
        Dialogue en = new Dialogue(
                2,
                "en-returns-02",
                ShopperContext.anonymous(),
                "product-x200",
                List.of(
                        turn("can I return it?", false, "policy-returns", null, Language.EN, null),
                        turn("ok thanks", false, null, null, Language.EN, false)));
        Dialogue human = new Dialogue(
                3,
                "en-human-01",
                ShopperContext.anonymous(),
                null,
                List.of(
                        turn("hello", false, null, null, null, false),
                        turn("agent please", true, null, null, null, null)));
        List<TurnScore> scores = new ArrayList<>();
        Latencies latencies = new Latencies();
        score(scores, latencies, zh, 1, reply("支持七天无理由退货。", List.of(RETURNS)), 10);
        score(scores, latencies, en, 1, handoff("negative_sentiment"), 20);
        score(scores, latencies, en, 2, withPerson(), 30);
        score(scores, latencies, human, 1, reply("Hello! How can I help?", List.of()), 40);
        score(scores, latencies, human, 2, reply("Sorry, I found nothing about that.", List.of()), 50);

        Report report = DialogueScoring.report("hand-made", "in process", List.of(zh, en, human), scores, latencies);
        Path out = dir.resolve("dialogues.json");
        Path markdownFile = report.write(out);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        String markdown = Files.readString(markdownFile, StandardCharsets.UTF_8);

        assertThat(json.path("resolution_rate").asDouble()).isEqualTo(1.0 / 3);
        assertThat(json.path("turn_pass_rate").asDouble()).isEqualTo(2.0 / 5);
        assertThat(json.path("false_handoff_rate").asDouble()).isEqualTo(2.0 / 4);
        assertThat(json.path("missed_handoff_rate").asDouble()).isEqualTo(1.0);
        assertThat(json.path("n_conversations").asInt()).isEqualTo(3);
        assertThat(json.path("n_resolved").asInt()).isEqualTo(1);
        assertThat(json.path("n_turns").asInt()).isEqualTo(5);
        assertThat(json.path("n_answer_turns").asInt()).isEqualTo(4);
        assertThat(json.path("n_false_handoffs").asInt()).isEqualTo(2);
        assertThat(json.path("n_handoff_turns").asInt()).isEqualTo(1);
        assertThat(json.path("n_missed_handoffs").asInt()).isEqualTo(1);
        assertThat(json.path("p50_ms").asDouble()).isEqualTo(30.0);
        assertThat(json.path("p99_ms").asDouble()).isEqualTo(50.0);

        JsonNode byLanguage = json.path("by_language");
        assertThat(byLanguage.path("zh").path("resolution_rate").asDouble()).isEqualTo(1.0);
        assertThat(byLanguage.path("en").path("n_conversations").asInt()).isEqualTo(2);
        assertThat(byLanguage.path("en").path("resolution_rate").asDouble()).isZero();
        assertThat(byLanguage.path("en").path("turn_pass_rate").asDouble()).isEqualTo(1.0 / 4);
        assertThat(byLanguage.path("en").path("false_handoff_rate").asDouble()).isEqualTo(2.0 / 3);
        assertThat(byLanguage.path("zh").path("missed_handoff_rate").isNull()).isTrue();
        JsonNode byKind = json.path("by_kind");
        assertThat(byKind.path("returns").path("n_conversations").asInt()).isEqualTo(2);
        assertThat(byKind.path("returns").path("resolution_rate").asDouble()).isEqualTo(0.5);
        assertThat(byKind.path("human").path("missed_handoff_rate").asDouble()).isEqualTo(1.0);
        assertThat(json.path("failed_checks").path("false_handoff").asInt()).isEqualTo(2);
        assertThat(json.path("failed_checks").path("missed_handoff").asInt()).isEqualTo(1);
        assertThat(json.path("false_handoff_causes").path("negative_sentiment").asInt())
                .isEqualTo(1);
        assertThat(json.path("false_handoff_causes")
                        .path("earlier: negative_sentiment")
                        .asInt())
                .isEqualTo(1);
        JsonNode misses = json.path("misses");
        assertThat(misses).hasSize(3);
        assertThat(misses.get(0).path("id").asText()).isEqualTo("en-returns-02");
        assertThat(misses.get(0).path("turn").asInt()).isEqualTo(1);
        assertThat(misses.get(0).path("got").path("after").asText()).isEqualTo("handoff");
        assertThat(misses.get(0).path("got").path("reason").asText()).isEqualTo("negative_sentiment");
        assertThat(misses.get(2).path("got").path("reply").asText()).isEqualTo("Sorry, I found nothing about that.");

        assertThat(markdown)
                .contains("| resolution_rate | 0.3333 |")
                .doesNotContain("| by_language |")
                .contains("| en | 2 | 0.000 (0 of 2) | 0.250 (1 of 4) | 0.667 (2 of 3) | 1.000 (1 of 1) |")
                .contains("| zh | 1 | 1.000 (1 of 1) | 1.000 (1 of 1) | 0.000 (0 of 1) | n/a (0 of 0) |")
                .contains("| returns | 2 | 0.500 (1 of 2) |")
                .contains("| en-returns-02 | 1 | can I return it? | false_handoff | answer; topic /policy-returns/;"
                        + " en; cites an entry | hand-off: negative_sentiment | complaint, sentiment -0.40 |")
                .contains("| en-returns-02 | 2 | ok thanks | false_handoff | answer; en; cites nothing | with a person"
                        + " since an earlier turn (negative_sentiment); the bot said nothing | - |")
                .contains("| en-human-01 | 2 | agent please | missed_handoff | hand-off | [en] Sorry, I found nothing"
                        + " about that. (cites: nothing) |");
    }

    @Test
    void should_show_at_most_160_characters_of_a_reply_and_the_cited_ids() {
        String longReply = "a".repeat(200);
        String got = DialogueScoring.got(reply(longReply, List.of(RETURNS, new Citation("faq-x", "X"))));

        assertThat(got).isEqualTo("[en] " + "a".repeat(160) + "… (cites: policy-returns, faq-x)");
    }

    private static void score(
            List<TurnScore> scores, Latencies latencies, Dialogue dialogue, int number, ShopperView seen, long ms) {
        Turn turn = dialogue.turns().get(number - 1);
        ShopperView timed = new ShopperView(
                seen.after(),
                seen.reason(),
                seen.text(),
                seen.citations(),
                seen.intent(),
                seen.sentiment(),
                ms * 1_000_000);
        latencies.add(timed.nanos());
        scores.add(new TurnScore(dialogue, number, turn, timed, DialogueScoring.failed(turn, timed)));
    }

    private static Dialogue dialogue(String id) {
        return new Dialogue(1, id, ShopperContext.anonymous(), null, List.of(turn("t", false, null, null, null, null)));
    }

    private static Turn turn(String text, boolean handoff, String topic, Integer within, Language lang, Boolean cited) {
        return new Turn(text, handoff, topic == null ? null : Pattern.compile(topic), within, lang, cited);
    }

    private static ShopperView reply(String text, List<Citation> citations) {
        return new ShopperView(After.REPLY, null, text, citations, "faq", 0.1, 1_000_000);
    }

    private static ShopperView handoff(String reason) {
        return new ShopperView(After.HANDOFF, reason, "稍等，正在为您转接人工客服。", List.of(), "complaint", -0.4, 1_000_000);
    }

    private static ShopperView withPerson() {
        return new ShopperView(After.WITH_PERSON, "negative_sentiment", "", List.of(), null, null, 1_000_000);
    }
}
