package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.handoff.HandoffInput;
import dev.kefu.core.handoff.HandoffPolicy;
import dev.kefu.core.handoff.HandoffReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HandoffPolicy} must do: leave calm, answered conversations with the bot, and
 * hand off an explicit request for a person in either language, recording why.
 */
public abstract class HandoffPolicyContract {
    protected abstract HandoffPolicy policy();

    protected static final Answer GROUNDED = new Answer(
            "Standard delivery takes 2-4 days.",
            List.of(new Citation("policy-shipping", "Shipping")),
            AnswerKind.GROUNDED);

    @Test
    void should_keep_conversation_with_bot_when_shopper_is_calm_and_answered() {
        HandoffInput input = new HandoffInput(
                Fixtures.understanding("how long does delivery take", "delivery_time", 0.1),
                GROUNDED,
                Fixtures.conversation());
        assertThat(policy().evaluate(input)).isEmpty();
    }

    @Test
    void should_hand_off_with_explicit_request_reason_when_shopper_asks_for_a_person() {
        for (String text : List.of("转人工", "我要人工客服", "talk to a human please", "agent please")) {
            HandoffInput input =
                    new HandoffInput(Fixtures.understanding(text, "oos", 0.0), GROUNDED, Fixtures.conversation());
            assertThat(policy().evaluate(input))
                    .as("trigger for \"%s\"", text)
                    .hasValueSatisfying(
                            trigger -> assertThat(trigger.reason()).isEqualTo(HandoffReason.EXPLICIT_REQUEST));
        }
    }

    @Test
    void should_hand_off_when_message_is_very_negative() {
        HandoffInput input = new HandoffInput(
                Fixtures.understanding("this is the worst scam ever", "oos", -0.95), GROUNDED, Fixtures.conversation());
        assertThat(policy().evaluate(input)).isPresent();
    }
}
