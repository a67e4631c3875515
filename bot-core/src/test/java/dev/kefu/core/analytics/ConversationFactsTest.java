package dev.kefu.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationFactsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final String ID = "c-1";

    private Conversation conversation = Conversation.start(ID, new ShopperContext("s-1", Set.of()), T0);
    private final List<ConversationEvent> events = new ArrayList<>();

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The shopper writes at {@code second}, the bot answers 0.25 s later with {@code kind}. */
    private void turn(long second, String intent, double sentiment, AnswerKind kind, String... slots) {
        conversation = conversation.append(Speaker.SHOPPER, "q", List.of(), at(second));
        long shopperSeq = conversation.messages().size();
        MessageSignals signals = new MessageSignals(intent, 0.9, sentiment, sentiment, 0.0, Language.EN);
        conversation = conversation
                .withSignals(shopperSeq, signals)
                .append(Speaker.BOT, "a", List.of(), at(second).plusMillis(250));
        events.add(new ConversationEvent.Replied(
                ID,
                at(second).plusMillis(250),
                new ConversationEvent.Turn(shopperSeq + 1, signals, AnswerTrace.template(), Set.of()),
                kind,
                List.of(),
                List.of(slots)));
    }

    private ConversationFacts facts() {
        return ConversationFacts.of(conversation, events);
    }

    @Test
    void should_count_a_helped_answer_as_confirmed_with_the_bot_s_first_response_time() {
        turn(0, "shipping", 0.1, AnswerKind.GROUNDED, "promo-1:a");
        events.add(new ConversationEvent.FeedbackGiven(ID, at(5), 2, true));

        ConversationFacts facts = facts();

        assertThat(facts.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(facts.botFirstMs()).isEqualTo(250);
        assertThat(facts.firstIntent()).isEqualTo("shipping");
        assertThat(facts.linesShown()).isEqualTo(1);
        assertThat(facts.handoffReason()).isNull();
        assertThat(facts.agentServed()).isFalse();
    }

    @Test
    void should_leave_a_quiet_answered_conversation_pending_for_24_hours_then_assume_it() {
        turn(0, "shipping", 0.0, AnswerKind.GROUNDED);

        ConversationFacts facts = facts();

        assertThat(facts.outcome()).isEqualTo(Outcome.PENDING);
        Instant last = facts.lastAt();
        assertThat(facts.outcome().at(false, last, last.plusSeconds(3600))).isEqualTo(Outcome.PENDING);
        assertThat(facts.outcome().at(false, last, last.plus(Outcome.RETURN_WINDOW)))
                .isEqualTo(Outcome.ASSUMED);
        assertThat(facts.outcome().at(true, last, last.plus(Outcome.RETURN_WINDOW)))
                .isEqualTo(Outcome.ABANDONED);
    }

    @Test
    void should_count_a_last_reply_that_found_nothing_as_unanswered_and_didnt_help_as_abandoned() {
        turn(0, "shipping", 0.0, AnswerKind.GROUNDED);
        turn(10, "oos", 0.0, AnswerKind.FALLBACK);
        assertThat(facts().outcome()).isEqualTo(Outcome.UNANSWERED);

        turn(20, "returns", 0.0, AnswerKind.GROUNDED);
        events.add(new ConversationEvent.FeedbackGiven(ID, at(25), 6, false));
        assertThat(facts().outcome()).isEqualTo(Outcome.ABANDONED);
    }

    @Test
    void should_time_a_hand_off_its_queue_wait_first_agent_reply_handling_and_sla() {
        turn(0, "human", -0.6, AnswerKind.GROUNDED);
        HandoffTrigger trigger = new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of());
        events.add(new ConversationEvent.HandedOff(ID, at(10), trigger, Priority.NORMAL, null));
        events.add(new ConversationEvent.WentOverdue(
                ID, at(400), List.of("notify"), 390, Priority.NORMAL, Priority.URGENT));
        events.add(new ConversationEvent.Claimed(ID, at(430), "li.na", 420, Priority.URGENT));
        conversation = conversation.appendFromAgent("li.na", "hello", at(470));
        turn(500, "thanks", 0.5, AnswerKind.SMALL_TALK);
        events.add(new ConversationEvent.Closed(ID, at(730), "li.na", ConversationState.AGENT));
        events.add(new ConversationEvent.Rated(ID, at(740), 2, null, "li.na"));

        ConversationFacts facts = facts();

        assertThat(facts.outcome()).isEqualTo(Outcome.HANDED_OFF);
        assertThat(facts.handoffReason()).isEqualTo(HandoffReason.EXPLICIT_REQUEST);
        assertThat(facts.queueWaitSeconds()).isEqualTo(420);
        assertThat(facts.agentFirstSeconds()).isEqualTo(460);
        assertThat(facts.handlingSeconds()).isEqualTo(300);
        assertThat(facts.slaHit()).isFalse();
        assertThat(facts.agent()).isEqualTo("li.na");
        assertThat(facts.agentServed()).isTrue();
        assertThat(facts.rating()).isEqualTo(2);
        assertThat(facts.minSentiment()).isEqualTo(-0.6);
        assertThat(facts.lastSentiment()).isEqualTo(0.5);
    }

    @Test
    void should_count_a_claim_before_the_target_as_an_sla_hit() {
        turn(0, "human", 0.0, AnswerKind.GROUNDED);
        HandoffTrigger trigger = new HandoffTrigger(HandoffReason.SHOPPER_TAG, Map.of());
        events.add(new ConversationEvent.HandedOff(ID, at(10), trigger, Priority.URGENT, null));
        events.add(new ConversationEvent.Claimed(ID, at(40), "wang", 30, Priority.URGENT));

        assertThat(facts().slaHit()).isTrue();
        assertThat(facts().handlingSeconds()).isNull();
    }
}
