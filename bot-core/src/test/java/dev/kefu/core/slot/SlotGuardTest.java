package dev.kefu.core.slot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.EmotionLabel;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.core.sentiment.SentimentTrend;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotGuardTest {
    private final SlotGuard guard = new SlotGuard();
    private static final Slot A = new Slot("a", null, null, SlotPosition.AFTER, "A");
    private static final Slot B = new Slot("b", null, null, SlotPosition.AFTER, "B");

    private static Conversation conversation(Set<String> tags) {
        return Conversation.start("c-1", new ShopperContext("s-1", tags), Fixtures.T0);
    }

    @Test
    void should_let_one_slot_through_when_the_shopper_is_calm_and_served_by_the_bot() {
        Understanding calm = Fixtures.understanding("is the stroller light", "product_question", 0.1);
        Optional<SuppressionReason> suppression = guard.suppression(calm, conversation(Set.of("mother_baby")));

        assertThat(suppression).isEmpty();
        assertThat(guard.apply(List.of(A, B), suppression)).containsExactly(A);
    }

    @Test
    void should_name_the_reason_when_a_guard_rail_suppresses_marketing() {
        assertThat(guard.suppression(
                        Fixtures.understanding("this is awful", "product_question", -0.9), conversation(Set.of())))
                .contains(SuppressionReason.NEGATIVE_SENTIMENT);
        assertThat(guard.suppression(
                        Fixtures.understanding("I want to complain", "complaint", 0.0), conversation(Set.of())))
                .contains(SuppressionReason.FORBIDDEN_INTENT);
        assertThat(guard.suppression(Fixtures.understanding("refund please", "refund", 0.0), conversation(Set.of())))
                .contains(SuppressionReason.FORBIDDEN_INTENT);
        assertThat(guard.suppression(
                        Fixtures.understanding("is it light", "product_question", 0.0),
                        conversation(Set.of("no_marketing"))))
                .contains(SuppressionReason.OPTED_OUT);
        assertThat(guard.apply(List.of(A), Optional.of(SuppressionReason.OPTED_OUT)))
                .isEmpty();
    }

    @Test
    void should_show_each_stage_of_a_staged_script_once_when_the_conversation_moves_on() {
        Understanding calm = Fixtures.understanding("too expensive", "product_question", 0.1);
        Slot discovery = new Slot("s", "e", "v", SlotPosition.AFTER, "D", Script.Stage.NEED_DISCOVERY);
        Slot objection = new Slot("s", "e", "v", SlotPosition.AFTER, "O", Script.Stage.OBJECTION_HANDLING);
        Conversation shown = conversation(Set.of()).withLinesShown(List.of(SlotGuard.key(discovery)));

        assertThat(guard.check(calm, shown, List.of(objection)).allowed()).containsExactly(objection);
        assertThat(guard.check(calm, shown, List.of(discovery)).suppressed())
                .containsOnlyKeys(SuppressionReason.REPEATED_LINE);
    }

    @Test
    void should_show_a_line_once_per_conversation_and_stop_at_the_cap() {
        SlotGuard capped = new SlotGuard(Set.of(), Set.of(), 2);
        Understanding calm = Fixtures.understanding("is it light", "product_question", 0.1);
        Conversation c = conversation(Set.of());
        Slot holdout = Slot.holdout("h", "exp", SlotPosition.AFTER);

        SlotGuard.Verdict repeated = capped.check(calm, c.withLinesShown(List.of(SlotGuard.key(A))), List.of(A, B));
        assertThat(repeated.allowed()).containsExactly(B);
        assertThat(repeated.suppressed()).containsOnlyKeys(SuppressionReason.REPEATED_LINE);

        SlotGuard.Verdict full = capped.check(calm, c.withLinesShown(List.of("x:-", "y:-")), List.of(B, holdout));
        assertThat(full.allowed())
                .as("the holdout's place shows nothing, so the cap does not apply")
                .containsExactly(holdout);
        assertThat(full.suppressed()).containsEntry(SuppressionReason.CONVERSATION_CAP, List.of(B));

        SlotGuard.Verdict two = capped.check(calm, c, List.of(A, B));
        assertThat(two.allowed()).containsExactly(A);
        assertThat(two.suppressed()).containsEntry(SuppressionReason.ONE_PER_REPLY, List.of(B));

        SlotGuard.Verdict upset =
                capped.check(Fixtures.understanding("awful", "product_question", -0.9), c, List.of(A));
        assertThat(upset.allowed()).isEmpty();
        assertThat(upset.suppressed()).containsOnlyKeys(SuppressionReason.NEGATIVE_SENTIMENT);
    }

    @Test
    void should_treat_the_conversation_as_negative_only_below_the_neutral_band() {
        Conversation c = conversation(Set.of());
        Understanding neutral = Fixtures.understanding("how much is it", "product_question", 0.0);
        Understanding slightlyDown = new Understanding(
                neutral.language(),
                neutral.replyLanguage(),
                neutral.normalizedText(),
                neutral.intent(),
                neutral.entities(),
                neutral.sentiment(),
                dev.kefu.core.sentiment.SentimentTrend.start().next(-0.1, 0.5),
                null,
                false,
                false,
                false);
        Understanding upset = new Understanding(
                neutral.language(),
                neutral.replyLanguage(),
                neutral.normalizedText(),
                neutral.intent(),
                neutral.entities(),
                neutral.sentiment(),
                dev.kefu.core.sentiment.SentimentTrend.start().next(-0.5, 0.5),
                null,
                false,
                false,
                false);

        assertThat(guard.suppression(slightlyDown, c)).isEmpty();
        assertThat(guard.suppression(upset, c)).contains(SuppressionReason.CONVERSATION_SENTIMENT);
    }

    @Test
    void should_let_the_objection_line_through_when_a_calm_price_objection_reads_as_a_negative_complaint() {
        Conversation c = conversation(Set.of("mother_baby"));
        SentimentTrend calm = SentimentTrend.start();

        assertThat(guard.suppression(Fixtures.understanding("太贵了", "complaint", Fixtures.calmPrice("贵"), calm), c))
                .isEmpty();
        assertThat(guard.suppression(
                        Fixtures.understanding("too expensive", "oos", Fixtures.calmPrice("too", "expensive"), calm),
                        c))
                .isEmpty();
    }

    @Test
    void
            should_hold_the_line_back_when_a_price_objection_is_angry_a_complaint_a_refund_or_in_a_negative_conversation() {
        Conversation c = conversation(Set.of("mother_baby"));
        SentimentTrend calm = SentimentTrend.start();
        assertThat(guard.suppression(
                        Fixtures.understanding("太贵了，简直是抢钱！垃圾", "complaint", Fixtures.angry("贵", "抢钱", "垃圾"), calm), c))
                .contains(SuppressionReason.NEGATIVE_SENTIMENT);
        Sentiment filed = new Sentiment(
                -0.8, SentimentLabel.NEGATIVE, List.of("贵", "投诉"), 0.0, 0.0, EmotionLabel.CALM, -0.8, true);
        assertThat(guard.suppression(Fixtures.understanding("太贵了，我要投诉", "complaint", filed, calm), c))
                .contains(SuppressionReason.NEGATIVE_SENTIMENT);
        assertThat(guard.suppression(
                        Fixtures.understanding(
                                "too expensive and it broke after a week",
                                "complaint",
                                Fixtures.calmPrice("expensive", "broke"),
                                calm),
                        c))
                .as("bad news besides the price is a complaint")
                .contains(SuppressionReason.NEGATIVE_SENTIMENT);
        assertThat(guard.suppression(
                        Fixtures.understanding(
                                "too expensive, I want a refund", "refund", Fixtures.calmPrice("expensive"), calm),
                        c))
                .contains(SuppressionReason.FORBIDDEN_INTENT);
        assertThat(guard.suppression(
                        Fixtures.understanding(
                                "太贵了",
                                "complaint",
                                Fixtures.calmPrice("贵"),
                                SentimentTrend.start().next(-0.8, 1.0)),
                        c))
                .contains(SuppressionReason.CONVERSATION_SENTIMENT);
    }
}
