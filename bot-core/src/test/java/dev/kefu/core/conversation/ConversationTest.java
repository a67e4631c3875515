package dev.kefu.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationTest {
    private static final Instant T0 = Instant.parse("2026-11-11T08:00:00Z");
    private static final HandoffTicket WAITING = HandoffTicket.queued(
            new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of("phrase", "转人工")),
            Priority.NORMAL,
            Language.ZH,
            T0,
            T0.plus(Duration.ofMinutes(15)));
    private static final HandoffTicket CLAIMED = WAITING.claimedBy("li.na", T0.plusSeconds(60));
    private static final MessageSignals CALM = new MessageSignals("delivery_time", 0.9, 0.1, 0.1, 0.0, Language.EN);
    private static final MessageSignals ANGRY = new MessageSignals("complaint", 0.8, -0.8, -0.4, 0.7, Language.ZH);

    @Test
    void should_reject_a_queued_conversation_when_it_has_no_ticket() {
        assertThatThrownBy(() -> conversation(ConversationState.QUEUED, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queued")
                .hasMessageContaining("ticket");
    }

    @Test
    void should_reject_an_agent_conversation_when_it_has_no_ticket() {
        assertThatThrownBy(() -> conversation(ConversationState.AGENT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent")
                .hasMessageContaining("ticket");
    }

    @Test
    void should_reject_an_agent_conversation_when_its_ticket_has_no_agent() {
        assertThatThrownBy(() -> conversation(ConversationState.AGENT, WAITING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent");
    }

    @Test
    void should_accept_each_state_when_it_has_the_ticket_it_needs() {
        assertThat(conversation(ConversationState.BOT, null).state()).isEqualTo(ConversationState.BOT);
        assertThat(conversation(ConversationState.CLOSED, null).state()).isEqualTo(ConversationState.CLOSED);
        assertThat(conversation(ConversationState.QUEUED, WAITING).ticket()).isEqualTo(WAITING);
        assertThat(conversation(ConversationState.AGENT, CLAIMED).ticket()).isEqualTo(CLAIMED);
        assertThat(conversation(ConversationState.BOT, CLAIMED).ticket()).isEqualTo(CLAIMED);
    }

    @Test
    void should_reject_messages_when_they_are_not_numbered_without_gaps() {
        List<ConversationMessage> gap = List.of(
                new ConversationMessage(1, Speaker.SHOPPER, "hi", T0, List.of()),
                new ConversationMessage(3, Speaker.BOT, "hello", T0, List.of()));

        assertThatThrownBy(() -> new Conversation(
                        "c-1",
                        ShopperContext.anonymous(),
                        ConversationState.BOT,
                        gap,
                        SentimentTrend.start(),
                        0,
                        null,
                        List.of(),
                        null,
                        OrderThread.NONE,
                        T0,
                        T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq 3");
    }

    @Test
    void should_replace_only_that_messages_signals_when_signals_are_attached() {
        Conversation original = threeMessages();
        Conversation calmFirst = original.withSignals(1, CALM);

        Conversation angryLast = calmFirst.withSignals(3, ANGRY);
        Conversation replaced = angryLast.withSignals(1, ANGRY);

        assertThat(calmFirst.messages())
                .extracting(ConversationMessage::signals)
                .containsExactly(CALM, null, null);
        assertThat(angryLast.messages())
                .extracting(ConversationMessage::signals)
                .containsExactly(CALM, null, ANGRY);
        assertThat(replaced.messages()).extracting(ConversationMessage::signals).containsExactly(ANGRY, null, ANGRY);
        assertThat(replaced.messages())
                .extracting(ConversationMessage::seq, ConversationMessage::from, ConversationMessage::text)
                .containsExactlyElementsOf(original.messages().stream()
                        .map(m -> tuple(m.seq(), m.from(), m.text()))
                        .toList());
        assertThat(replaced.updatedAt()).isEqualTo(original.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(original.messages()).extracting(ConversationMessage::signals).containsOnlyNulls();
    }

    @Test
    void should_keep_state_ticket_and_counters_when_signals_are_attached() {
        Conversation queued = threeMessages().withConsecutiveFallbacks(1).queued(WAITING, T0.plusSeconds(5));

        Conversation changed = queued.withSignals(2, CALM);

        assertThat(changed.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(changed.ticket()).isEqualTo(WAITING);
        assertThat(changed.id()).isEqualTo(queued.id());
        assertThat(changed.createdAt()).isEqualTo(T0);
        assertThat(changed.messages().get(1).signals()).isEqualTo(CALM);
    }

    @Test
    void should_return_the_messages_after_a_sequence_number_when_asked() {
        Conversation conversation = threeMessages();

        assertThat(conversation.messagesAfter(0))
                .extracting(ConversationMessage::seq)
                .containsExactly(1L, 2L, 3L);
        assertThat(conversation.messagesAfter(1))
                .extracting(ConversationMessage::seq)
                .containsExactly(2L, 3L);
        assertThat(conversation.messagesAfter(2))
                .extracting(ConversationMessage::text)
                .containsExactly("still there?");
        assertThat(conversation.messagesAfter(3)).isEmpty();
        assertThat(conversation.messagesAfter(42)).isEmpty();
        assertThat(conversation.messagesAfter(-7)).hasSize(3);
    }

    @Test
    void should_name_the_owner_only_when_an_agent_serves_the_conversation() {
        Conversation queued = threeMessages().queued(WAITING, T0);
        Conversation claimed = queued.withState(ConversationState.AGENT, CLAIMED, T0.plusSeconds(60));
        Conversation released = claimed.withState(ConversationState.BOT);
        Conversation closed = claimed.withState(ConversationState.CLOSED);

        assertThat(threeMessages().owner()).isNull();
        assertThat(queued.owner()).isNull();
        assertThat(claimed.owner()).isEqualTo("li.na");
        assertThat(released.owner()).isNull();
        assertThat(released.ticket().agent()).as("the ticket keeps who took it").isEqualTo("li.na");
        assertThat(closed.owner()).isNull();
    }

    @Test
    void should_start_the_fallback_count_over_when_queued() {
        Conversation queued = threeMessages().withConsecutiveFallbacks(2).queued(WAITING, T0.plusSeconds(9));

        assertThat(queued.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(queued.consecutiveFallbacks()).isZero();
        assertThat(queued.updatedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void should_number_messages_and_record_the_author_when_appended() {
        Conversation conversation = threeMessages().appendFromAgent("li.na", "Hello, I'm here.", T0.plusSeconds(30));

        ConversationMessage agent = conversation.messages().get(3);
        assertThat(agent.seq()).isEqualTo(4);
        assertThat(agent.from()).isEqualTo(Speaker.AGENT);
        assertThat(agent.author()).isEqualTo("li.na");
        assertThat(conversation.nextSeq()).isEqualTo(5);
        assertThat(conversation.updatedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(conversation.messages().get(0).author()).isNull();
    }

    @Test
    void should_keep_lines_shown_and_subject_through_every_change() {
        Conversation remembered = threeMessages()
                .withLinesShown(List.of("s1:-"))
                .withLinesShown(List.of())
                .withLinesShown(List.of("s2:b"))
                .withSubject(new Subject("product-x200", 1));

        Conversation changed = remembered
                .append(Speaker.BOT, "Yes.", List.of(), T0.plusSeconds(3))
                .withSignals(3, CALM)
                .withConsecutiveFallbacks(1)
                .queued(WAITING, T0.plusSeconds(4))
                .withState(ConversationState.AGENT, CLAIMED, T0.plusSeconds(5))
                .appendFromAgent("li.na", "hello", T0.plusSeconds(6));

        assertThat(changed.linesShown()).containsExactly("s1:-", "s2:b");
        assertThat(changed.subject()).isEqualTo(new Subject("product-x200", 1));
    }

    @Test
    void should_reject_a_subject_named_by_a_message_the_conversation_does_not_have() {
        assertThatThrownBy(() -> threeMessages().withSubject(new Subject("product-x200", 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
    }

    private static Conversation threeMessages() {
        return Conversation.start("c-1", ShopperContext.anonymous(), T0)
                .append(Speaker.SHOPPER, "where is my parcel", List.of(), T0)
                .append(Speaker.BOT, "It ships tomorrow.", List.of(), T0.plusSeconds(1))
                .append(Speaker.SHOPPER, "still there?", List.of(), T0.plusSeconds(2));
    }

    private static Conversation conversation(ConversationState state, HandoffTicket ticket) {
        return new Conversation(
                "c-1",
                ShopperContext.anonymous(),
                state,
                List.of(new ConversationMessage(1, Speaker.SHOPPER, "转人工", T0, List.of())),
                SentimentTrend.start(),
                0,
                ticket,
                List.of(),
                null,
                OrderThread.NONE,
                T0,
                T0);
    }
}
