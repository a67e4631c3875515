package dev.kefu.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.HandoffConfig;
import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.contract.HandoffPolicyContract;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.SentimentTrend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdHandoffPolicyTest extends HandoffPolicyContract {
    private static final Answer FALLBACK =
            new Answer("Sorry, I couldn't find an answer to that.", List.of(), AnswerKind.FALLBACK);

    private final ThresholdHandoffPolicy policy =
            new ThresholdHandoffPolicy(ConfigLoader.defaults().handoff());

    @Override
    protected HandoffPolicy policy() {
        return policy;
    }

    @Test
    void should_record_score_and_threshold_when_message_sentiment_fires() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("awful", "oos", -0.9), GROUNDED, Fixtures.conversation()))
                .orElseThrow();
        assertThat(trigger.reason()).isEqualTo(HandoffReason.NEGATIVE_SENTIMENT);
        assertThat(trigger.details()).containsEntry("score", "-0.90").containsEntry("threshold", "-0.60");
    }

    @Test
    void should_hand_off_as_a_bot_failure_when_the_model_could_not_answer_and_the_answer_asks_for_a_person() {
        Answer templateAfterTimeout = GROUNDED.withTrace(AnswerTrace.fallback("timeout", null, "v1", null, true));
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("how long is delivery", "shipping", 0.0),
                        templateAfterTimeout,
                        Fixtures.conversation()))
                .orElseThrow();
        assertThat(trigger.reason()).isEqualTo(HandoffReason.BOT_FAILURE);
        assertThat(trigger.details()).containsEntry("stage", "compose").containsEntry("error", "timeout");

        Answer refusedOnly = GROUNDED.withTrace(AnswerTrace.fallback("ungrounded_fact", null, "v1", null, false));
        assertThat(policy.evaluate(new HandoffInput(
                        Fixtures.understanding("how long is delivery", "shipping", 0.0),
                        refusedOnly,
                        Fixtures.conversation())))
                .isEmpty();
    }

    @Test
    void should_hand_off_with_intent_reason_when_intent_is_configured_for_people() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("I want to complain", "complaint", 0.0),
                        GROUNDED,
                        Fixtures.conversation()))
                .orElseThrow();
        assertThat(trigger.reason()).isEqualTo(HandoffReason.INTENT);
    }

    @Test
    void should_hand_off_when_running_sentiment_falls_for_configured_messages() {
        Understanding base = Fixtures.understanding("hmm", "delivery_time", 0.0);
        SentimentTrend trend = SentimentTrend.start()
                .next(0.5, 0.5)
                .next(0.3, 0.5)
                .next(0.1, 0.5)
                .next(-0.1, 0.5);
        Understanding falling = new Understanding(
                base.language(),
                base.replyLanguage(),
                base.normalizedText(),
                base.intent(),
                base.entities(),
                base.sentiment(),
                trend,
                null,
                false,
                false,
                false);

        HandoffTrigger trigger = policy.evaluate(new HandoffInput(falling, GROUNDED, Fixtures.conversation()))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.SENTIMENT_FALLING);
        assertThat(trigger.details()).containsEntry("fallingMessages", "3");
    }

    @Test
    void should_record_the_matched_phrase_when_shopper_asks_for_a_person() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("can i Talk To A Human now", "oos", 0.0),
                        GROUNDED,
                        Fixtures.conversation()))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.EXPLICIT_REQUEST);
        assertThat(trigger.details()).containsExactlyEntriesOf(Map.of("phrase", "talk to a human"));
    }

    @Test
    void should_match_configured_phrases_case_insensitively_when_they_are_not_lowercase() {
        HandoffConfig d = ConfigLoader.defaults().handoff();
        ThresholdHandoffPolicy custom = new ThresholdHandoffPolicy(new HandoffConfig(
                d.messageSentimentBelow(),
                d.conversationSentimentBelow(),
                d.fallingMessages(),
                d.consecutiveFallbacks(),
                d.intents(),
                d.tags(),
                List.of("Store Manager"),
                d.countNotHelpful(),
                d.stageTimeoutMs(),
                d.intentMinConfidence(),
                d.offerBelow()));

        HandoffTrigger trigger = custom.evaluate(new HandoffInput(
                        Fixtures.understanding("let me speak to the STORE manager", "oos", 0.0),
                        GROUNDED,
                        Fixtures.conversation()))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.EXPLICIT_REQUEST);
        assertThat(trigger.details()).containsEntry("phrase", "store manager");
    }

    @Test
    void should_prefer_explicit_request_when_message_is_also_very_negative() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("this is awful, talk to a human", "complaint", -0.95),
                        FALLBACK,
                        Fixtures.conversation(new ShopperContext("s-1", Set.of("vip_diamond")))
                                .withConsecutiveFallbacks(5)))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.EXPLICIT_REQUEST);
        assertThat(trigger.details()).containsEntry("phrase", "talk to a human");
    }

    @Test
    void should_record_the_tag_when_shopper_carries_a_handoff_tag() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("how long does delivery take", "delivery_time", 0.1),
                        GROUNDED,
                        Fixtures.conversation(new ShopperContext("s-1", Set.of("mother_baby", "vip_diamond")))))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.SHOPPER_TAG);
        assertThat(trigger.details()).containsExactlyEntriesOf(Map.of("tag", "vip_diamond"));
    }

    @Test
    void should_prefer_shopper_tag_when_message_is_also_very_negative() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("awful", "complaint", -0.9),
                        GROUNDED,
                        Fixtures.conversation(new ShopperContext("s-1", Set.of("vip_diamond")))))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.SHOPPER_TAG);
    }

    @Test
    void should_keep_conversation_with_bot_when_shopper_tag_is_not_a_handoff_tag() {
        HandoffInput input = new HandoffInput(
                Fixtures.understanding("how long does delivery take", "delivery_time", 0.1),
                GROUNDED,
                Fixtures.conversation(new ShopperContext("s-1", Set.of("vip_gold"))));

        assertThat(policy.evaluate(input)).isEmpty();
    }

    @Test
    void should_record_intent_and_confidence_when_intent_is_configured_for_people() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("I want to complain", "complaint", 0.0),
                        GROUNDED,
                        Fixtures.conversation()))
                .orElseThrow();

        assertThat(trigger.details())
                .containsExactlyInAnyOrderEntriesOf(Map.of("intent", "complaint", "confidence", "0.90"));
    }

    @Test
    void should_record_running_and_threshold_when_conversation_sentiment_is_below_threshold() {
        Understanding calmMessage =
                withTrend(Fixtures.understanding("ok", "delivery_time", -0.1), new SentimentTrend(-0.55, 4, 0));

        HandoffTrigger trigger = policy.evaluate(new HandoffInput(calmMessage, GROUNDED, Fixtures.conversation()))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.CONVERSATION_SENTIMENT);
        assertThat(trigger.details())
                .containsExactlyInAnyOrderEntriesOf(Map.of("running", "-0.55", "threshold", "-0.40"));
    }

    @Test
    void should_keep_conversation_with_bot_when_running_sentiment_is_at_threshold() {
        Understanding atThreshold =
                withTrend(Fixtures.understanding("ok", "delivery_time", -0.1), new SentimentTrend(-0.4, 4, 0));

        assertThat(policy.evaluate(new HandoffInput(atThreshold, GROUNDED, Fixtures.conversation())))
                .isEmpty();
    }

    @Test
    void should_record_streak_threshold_and_running_when_sentiment_keeps_falling() {
        Understanding falling =
                withTrend(Fixtures.understanding("hmm", "delivery_time", 0.0), new SentimentTrend(-0.2, 6, 4));

        HandoffTrigger trigger = policy.evaluate(new HandoffInput(falling, GROUNDED, Fixtures.conversation()))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.SENTIMENT_FALLING);
        assertThat(trigger.details())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("fallingMessages", "4", "threshold", "3", "running", "-0.20"));
    }

    @Test
    void should_record_fallbacks_and_threshold_when_second_fallback_in_a_row() {
        HandoffTrigger trigger = policy.evaluate(new HandoffInput(
                        Fixtures.understanding("what about the thing", "oos", 0.0),
                        FALLBACK,
                        Fixtures.conversation().withConsecutiveFallbacks(1)))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.REPEATED_FALLBACK);
        assertThat(trigger.details()).containsExactlyInAnyOrderEntriesOf(Map.of("fallbacks", "2", "threshold", "2"));
    }

    @Test
    void should_keep_conversation_with_bot_when_first_fallback() {
        HandoffInput input = new HandoffInput(
                Fixtures.understanding("what about the thing", "oos", 0.0), FALLBACK, Fixtures.conversation());

        assertThat(policy.evaluate(input)).isEmpty();
    }

    @Test
    void should_keep_conversation_with_bot_when_answer_found_something_after_fallbacks() {
        HandoffInput input = new HandoffInput(
                Fixtures.understanding("how long does delivery take", "delivery_time", 0.0),
                GROUNDED,
                Fixtures.conversation().withConsecutiveFallbacks(3));

        assertThat(policy.evaluate(input)).isEmpty();
    }

    @Test
    void should_never_hand_off_for_fallbacks_or_falling_sentiment_when_thresholds_are_zero() {
        HandoffConfig defaults = ConfigLoader.defaults().handoff();
        HandoffConfig disabled = new HandoffConfig(
                defaults.messageSentimentBelow(),
                defaults.conversationSentimentBelow(),
                0,
                0,
                defaults.intents(),
                defaults.tags(),
                defaults.explicitPhrases(),
                defaults.countNotHelpful(),
                defaults.stageTimeoutMs(),
                defaults.intentMinConfidence(),
                defaults.offerBelow());
        ThresholdHandoffPolicy lenient = new ThresholdHandoffPolicy(disabled);
        HandoffInput manyFallbacks = new HandoffInput(
                Fixtures.understanding("what about the thing", "oos", 0.0),
                FALLBACK,
                Fixtures.conversation().withConsecutiveFallbacks(9));
        HandoffInput longFall = new HandoffInput(
                withTrend(Fixtures.understanding("hmm", "delivery_time", 0.0), new SentimentTrend(-0.2, 12, 10)),
                GROUNDED,
                Fixtures.conversation());
        HandoffInput calm = new HandoffInput(
                Fixtures.understanding("how long does delivery take", "delivery_time", 0.1),
                GROUNDED,
                Fixtures.conversation());

        assertThat(policy.evaluate(manyFallbacks)).as("default config").isPresent();
        assertThat(policy.evaluate(longFall)).as("default config").isPresent();
        assertThat(lenient.evaluate(manyFallbacks)).isEmpty();
        assertThat(lenient.evaluate(longFall)).isEmpty();
        assertThat(lenient.evaluate(calm)).isEmpty();
    }

    private static Understanding withTrend(Understanding base, SentimentTrend trend) {
        return new Understanding(
                base.language(),
                base.replyLanguage(),
                base.normalizedText(),
                base.intent(),
                base.entities(),
                base.sentiment(),
                trend,
                null,
                false,
                false,
                false);
    }

    @Test
    void should_answer_a_calm_price_objection_the_intent_model_calls_a_complaint_and_hand_off_an_angry_one() {
        SentimentTrend calm = SentimentTrend.start();
        Understanding objection = Fixtures.understanding("太贵了", "complaint", Fixtures.calmPrice("贵"), calm);
        assertThat(policy.evaluate(new HandoffInput(objection, GROUNDED, Fixtures.conversation())))
                .isEmpty();
        assertThat(policy.offer(new HandoffInput(objection, GROUNDED, Fixtures.conversation())))
                .isEmpty();

        Understanding angry =
                Fixtures.understanding("太贵了，简直是抢钱！垃圾", "complaint", Fixtures.angry("贵", "抢钱", "垃圾"), calm);
        assertThat(policy.evaluate(new HandoffInput(angry, GROUNDED, Fixtures.conversation())))
                .hasValueSatisfying(t -> assertThat(t.reason()).isEqualTo(HandoffReason.INTENT));
        Understanding brokenToo = Fixtures.understanding(
                "too expensive and it broke after a week", "complaint", Fixtures.calmPrice("expensive", "broke"), calm);
        assertThat(policy.evaluate(new HandoffInput(brokenToo, GROUNDED, Fixtures.conversation())))
                .hasValueSatisfying(t -> assertThat(t.reason()).isEqualTo(HandoffReason.INTENT));
    }
}
