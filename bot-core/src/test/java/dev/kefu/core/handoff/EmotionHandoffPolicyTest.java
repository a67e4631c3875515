package dev.kefu.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.sentiment.EmotionLabel;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.core.sentiment.SentimentTrend;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-off policy with emotion told apart from valence, under the demo defaults: what it
 * answers, what it answers with an offer of a person, and what it hands off at once.
 */
class EmotionHandoffPolicyTest {
    private static final Answer GROUNDED = new Answer(
            "Covered for 12 months.", List.of(new Citation("policy-warranty", "Warranty")), AnswerKind.GROUNDED);

    private final ThresholdHandoffPolicy policy =
            new ThresholdHandoffPolicy(ConfigLoader.defaults().handoff());

    /** A message with this emotion and valence (a first message, its trend started from its tone). */
    private static Understanding message(
            String intent, double confidence, double emotion, double valence, boolean complaint) {
        Sentiment sentiment = new Sentiment(
                valence,
                valence < -0.25 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL,
                List.of("cue"),
                0.0,
                emotion,
                EmotionLabel.of(emotion),
                valence,
                complaint);
        return new Understanding(
                Language.ZH,
                Language.ZH,
                "text",
                new IntentPrediction(new IntentScore(intent, confidence), List.of()),
                List.of(),
                sentiment,
                SentimentTrend.start().next(sentiment.tone(), 0.5),
                null,
                false,
                false,
                false);
    }

    private HandoffInput input(Understanding nlu) {
        return new HandoffInput(nlu, GROUNDED, Fixtures.conversation());
    }

    @Test
    void should_answer_a_calm_report_of_a_problem_however_negative_the_facts() {
        HandoffInput brokenDevice = input(message("warranty", 0.98, 0.0, -0.9, false));

        assertThat(policy.evaluate(brokenDevice)).isEmpty();
        assertThat(policy.offer(brokenDevice)).isEmpty();
    }

    @Test
    void should_answer_mild_frustration_and_offer_a_person() {
        HandoffInput mild = input(message("delivery_time", 0.9, 0.35, -0.5, false));

        assertThat(policy.evaluate(mild)).isEmpty();
        assertThat(policy.offer(mild)).hasValueSatisfying(offer -> {
            assertThat(offer.reason()).isEqualTo(HandoffReason.NEGATIVE_SENTIMENT);
            assertThat(offer.details()).containsEntry("emotion", "mild").containsEntry("threshold", "-0.20");
        });
    }

    @Test
    void should_hand_off_anger_at_once_with_the_emotion_and_the_valence_for_the_agent() {
        HandoffTrigger trigger = policy.evaluate(input(message("refund", 0.9, 0.85, -0.4, false)))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.NEGATIVE_SENTIMENT);
        assertThat(trigger.details())
                .containsEntry("score", "-0.85")
                .containsEntry("emotion", "angry")
                .containsEntry("valence", "-0.40");
    }

    @Test
    void should_hand_off_a_complaint_even_when_it_is_calm() {
        HandoffTrigger trigger = policy.evaluate(input(message("shipping", 0.9, 0.0, -0.1, true)))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.COMPLAINT);
    }

    @Test
    void should_hand_off_a_configured_intent_only_when_the_router_is_sure_and_offer_a_person_below() {
        HandoffInput sure = input(message("complaint", 0.97, 0.0, -0.3, false));
        HandoffInput unsure = input(message("complaint", 0.6, 0.0, -0.3, false));

        assertThat(policy.evaluate(sure))
                .hasValueSatisfying(t -> assertThat(t.reason()).isEqualTo(HandoffReason.INTENT));
        assertThat(policy.evaluate(unsure)).isEmpty();
        assertThat(policy.offer(unsure))
                .hasValueSatisfying(offer -> assertThat(offer.details()).containsEntry("intent", "complaint"));
    }

    @Test
    void should_judge_a_first_message_by_its_own_tone_not_by_the_conversation_threshold_too() {
        HandoffInput firstMildlyUpset = input(message("return_policy", 0.98, 0.45, -0.4, false));

        assertThat(policy.evaluate(firstMildlyUpset)).isEmpty();
        assertThat(policy.offer(firstMildlyUpset)).isPresent();
    }

    @Test
    void should_not_count_calm_messages_as_a_fall_when_the_running_tone_drifts_back_to_zero() {
        SentimentTrend afterThanks = SentimentTrend.start()
                .next(0.6, 0.5)
                .next(0.0, 0.5)
                .next(0.0, 0.5)
                .next(0.0, 0.5);
        SentimentTrend upset = SentimentTrend.start()
                .next(-0.1, 0.5)
                .next(-0.3, 0.5)
                .next(-0.4, 0.5)
                .next(-0.5, 0.5);

        assertThat(afterThanks.fallingStreak()).isZero();
        assertThat(upset.fallingStreak()).isEqualTo(4); // the first one fell from 0
    }
}
