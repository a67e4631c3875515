package dev.kefu.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.contract.HandoffPolicyContract;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.sentiment.SentimentTrend;
import org.junit.jupiter.api.Test;

class ThresholdHandoffPolicyTest extends HandoffPolicyContract {
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
                trend);

        HandoffTrigger trigger = policy.evaluate(new HandoffInput(falling, GROUNDED, Fixtures.conversation()))
                .orElseThrow();

        assertThat(trigger.reason()).isEqualTo(HandoffReason.SENTIMENT_FALLING);
        assertThat(trigger.details()).containsEntry("fallingMessages", "3");
    }
}
