package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversationStore} must do: give back every field it was given, grow
 * transcripts and event logs only by appending, show signals attached to a message after it was
 * first saved, list conversations by state and events oldest first, and keep concurrent saves to
 * different conversations apart.
 *
 * <p>Reads that matter go through {@link #freshView()}, so a store with a cache in front of its
 * database is checked against what the database holds. Timestamps are whole milliseconds.
 */
public abstract class ConversationStoreContract {
    protected static final Instant T0 = Fixtures.T0;
    protected static final MessageSignals SIGNALS =
            new MessageSignals("order_status", 0.875, -0.35, -0.2125, 0.6, Language.ZH);

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    /** The store under test, new and empty for each test. */
    protected ConversationStore store;

    /** A new, empty store; register what must be closed with {@link #closeAfterTest}. */
    protected abstract ConversationStore newStore() throws Exception;

    /**
     * A store reading the same data as {@link #store} without any of its memory (another instance
     * over the same database); a store that only lives in memory returns {@link #store} itself.
     */
    protected ConversationStore freshView() throws Exception {
        return store;
    }

    /** Closes {@code resource} after the test, before anything registered earlier. */
    protected final <T extends AutoCloseable> T closeAfterTest(T resource) {
        toClose.push(resource);
        return resource;
    }

    @BeforeEach
    final void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    final void closeStores() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    /** An agent's conversation with every field set: tags, ticket, trend, citations, author, signals. */
    protected static Conversation agentConversation(String id) {
        HandoffTicket ticket = HandoffTicket.queued(
                        new HandoffTrigger(
                                HandoffReason.NEGATIVE_SENTIMENT, Map.of("score", "-0.82", "threshold", "-0.6")),
                        Priority.URGENT,
                        Language.ZH,
                        T0.plusMillis(4_001),
                        T0.plusMillis(304_001))
                .overdue(Priority.VIP, T0.plusMillis(404_001))
                .claimedBy("li.na", T0.plusMillis(500_123));
        return Conversation.start(id, new ShopperContext("shopper-42", Set.of("vip_gold", "mother_baby")), T0)
                .append(Speaker.SHOPPER, "我的订单 KF123 到哪了？太慢了 😠", List.of(), T0.plusMillis(1_001))
                .withSignals(1, SIGNALS)
                .append(
                        Speaker.BOT,
                        "Your order ships today.",
                        List.of(new Citation("policy-shipping", "Shipping"), new Citation("faq-7", "运费说明")),
                        T0.plusMillis(1_502))
                .append(Speaker.SYSTEM, "正在为您转接人工客服", List.of(), T0.plusMillis(4_001))
                .appendFromAgent("li.na", "您好，我来帮您查一下", T0.plusMillis(500_500))
                .withSentiment(new SentimentTrend(-0.4125, 3, 2))
                .withConsecutiveFallbacks(2)
                .withState(ConversationState.AGENT, ticket, T0.plusMillis(500_600));
    }

    protected static List<ConversationEvent> agentEvents(String id) {
        return List.of(
                new ConversationEvent(
                        id,
                        T0.plusMillis(1_503),
                        ConversationEvent.Type.REPLY,
                        ConversationEvent.BOT,
                        Map.of("intent", "order_status", "kind", "grounded", "citations", "policy-shipping,faq-7")),
                new ConversationEvent(
                        id,
                        T0.plusMillis(4_001),
                        ConversationEvent.Type.HANDOFF,
                        ConversationEvent.SYSTEM,
                        Map.of("trigger", "negative_sentiment", "score", "-0.82", "priority", "urgent")),
                new ConversationEvent(
                        id,
                        T0.plusMillis(500_123),
                        ConversationEvent.Type.CLAIM,
                        ConversationEvent.agent("li.na"),
                        Map.of()));
    }

    protected static Conversation shopperSays(String id, String text) {
        return Conversation.start(id, ShopperContext.anonymous(), T0)
                .append(Speaker.SHOPPER, text, List.of(), T0.plusMillis(1));
    }

    protected static ConversationEvent event(String id, long millis, ConversationEvent.Type type, String note) {
        return new ConversationEvent(id, T0.plusMillis(millis), type, ConversationEvent.BOT, Map.of("note", note));
    }

    @Test
    void should_return_every_field_when_conversation_is_read_back() throws Exception {
        Conversation conversation = agentConversation("c-full");
        store.save(conversation, agentEvents("c-full"));

        assertThat(store.find("c-full")).contains(conversation);
        ConversationStore fresh = freshView();
        assertThat(fresh.find("c-full")).contains(conversation);
        assertThat(fresh.events("c-full")).isEqualTo(agentEvents("c-full"));
    }

    @Test
    void should_return_waiting_ticket_and_anonymous_shopper_when_read_back() throws Exception {
        HandoffTicket waiting = HandoffTicket.queued(
                new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of()),
                Priority.NORMAL,
                Language.EN,
                T0.plusMillis(2_345),
                T0.plusMillis(602_345));
        Conversation queued = shopperSays("c-queued", "talk to a human").queued(waiting, T0.plusMillis(2_345));
        Conversation empty = Conversation.start("c-empty", ShopperContext.anonymous(), T0.plusMillis(7));
        store.save(queued);
        store.save(empty);

        ConversationStore fresh = freshView();
        assertThat(fresh.find("c-queued")).contains(queued);
        assertThat(fresh.find("c-empty")).contains(empty);
        assertThat(fresh.events("c-empty")).isEmpty();
    }

    @Test
    void should_append_messages_and_events_when_saved_again() throws Exception {
        Conversation first = shopperSays("c-grow", "hello");
        store.save(first, List.of(event("c-grow", 2, ConversationEvent.Type.REPLY, "one")));
        Conversation second = first.append(Speaker.BOT, "Hi! How can I help?", List.of(), T0.plusMillis(2))
                .append(Speaker.SHOPPER, "where is my parcel", List.of(), T0.plusMillis(9));
        store.save(
                second,
                List.of(
                        event("c-grow", 10, ConversationEvent.Type.REPLY, "two"),
                        event("c-grow", 10, ConversationEvent.Type.FEEDBACK, "three")));
        Conversation third = second.withState(ConversationState.CLOSED);
        store.save(third);

        ConversationStore fresh = freshView();
        assertThat(fresh.find("c-grow")).contains(third);
        assertThat(fresh.events("c-grow")).extracting(e -> e.data().get("note")).containsExactly("one", "two", "three");
    }

    @Test
    void should_show_signals_when_attached_after_message_was_saved() throws Exception {
        Conversation unanalysed = shopperSays("c-signals", "where is my parcel");
        store.save(unanalysed);
        Conversation analysed =
                unanalysed.withSignals(1, SIGNALS).append(Speaker.BOT, "It ships today.", List.of(), T0.plusMillis(5));
        store.save(analysed);
        assertThat(freshView().find("c-signals")).contains(analysed);

        MessageSignals revised = new MessageSignals("shipping_delay", 0.5, -0.75, -0.5, 1.0, Language.MIXED);
        Conversation reanalysed = analysed.withSignals(1, revised);
        store.save(reanalysed);
        assertThat(store.find("c-signals")).contains(reanalysed);
        assertThat(freshView().find("c-signals")).contains(reanalysed);
    }

    @Test
    void should_list_conversations_in_requested_states_ordered_by_id() throws Exception {
        HandoffTicket ticket = HandoffTicket.queued(
                new HandoffTrigger(HandoffReason.SHOPPER_TAG, Map.of("tag", "vip_gold")),
                Priority.VIP,
                Language.EN,
                T0,
                T0.plusMillis(60_000));
        Conversation queued = shopperSays("s-3", "hi").queued(ticket, T0.plusMillis(3));
        Conversation agent = agentConversation("s-1");
        store.save(shopperSays("s-4", "hi"));
        store.save(queued);
        store.save(agent);
        store.save(shopperSays("s-2", "bye").withState(ConversationState.CLOSED));

        ConversationStore fresh = freshView();
        assertThat(fresh.inStates(EnumSet.of(ConversationState.QUEUED, ConversationState.AGENT)))
                .containsExactly(agent, queued);
        assertThat(fresh.inStates(EnumSet.allOf(ConversationState.class)))
                .extracting(Conversation::id)
                .containsExactly("s-1", "s-2", "s-3", "s-4");
        assertThat(fresh.inStates(Set.of())).isEmpty();

        store.save(queued.withState(ConversationState.BOT, ticket, T0.plusMillis(4)));
        assertThat(freshView().inStates(EnumSet.of(ConversationState.QUEUED))).isEmpty();
        assertThat(freshView().inStates(EnumSet.of(ConversationState.BOT)))
                .extracting(Conversation::id)
                .containsExactly("s-3", "s-4");
    }

    @Test
    void should_list_events_in_order_saved_when_conversations_interleave() throws Exception {
        Conversation a = shopperSays("e-a", "hi");
        Conversation b = shopperSays("e-b", "hi");
        store.save(a, List.of(event("e-a", 5, ConversationEvent.Type.REPLY, "a1")));
        store.save(b, List.of(event("e-b", 5, ConversationEvent.Type.REPLY, "b1")));
        store.save(
                a,
                List.of(
                        event("e-a", 6, ConversationEvent.Type.FEEDBACK, "a2"),
                        event("e-a", 6, ConversationEvent.Type.RATING, "a3")));
        store.save(a, List.of(event("e-a", 9, ConversationEvent.Type.REPLY, "a4")));

        ConversationStore fresh = freshView();
        assertThat(fresh.events("e-a")).extracting(e -> e.data().get("note")).containsExactly("a1", "a2", "a3", "a4");
        assertThat(fresh.events("e-b")).extracting(e -> e.data().get("note")).containsExactly("b1");
    }

    @Test
    void should_return_nothing_when_conversation_is_unknown_until_it_is_saved() throws Exception {
        store.save(shopperSays("known", "hi"), List.of(event("known", 2, ConversationEvent.Type.REPLY, "x")));

        assertThat(store.find("unknown")).isEmpty();
        assertThat(store.events("unknown")).isEmpty();
        assertThat(freshView().find("unknown")).isEmpty();

        Conversation later = shopperSays("unknown", "now I exist");
        store.save(later);
        assertThat(store.find("unknown")).contains(later);
    }

    @Test
    void should_keep_every_change_when_threads_save_different_conversations_at_once() throws Exception {
        int threads = 4;
        int perThread = 15;
        int saves = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int n = 0; n < perThread; n++) {
                        String id = "t" + thread + "-" + n;
                        Conversation c = Conversation.start(id, ShopperContext.anonymous(), T0);
                        for (int s = 1; s <= saves; s++) {
                            c = c.append(Speaker.SHOPPER, "message " + s, List.of(), T0.plusMillis(s));
                            store.save(c, List.of(event(id, s, ConversationEvent.Type.REPLY, "save " + s)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        ConversationStore fresh = freshView();
        List<Conversation> all = fresh.inStates(EnumSet.of(ConversationState.BOT));
        assertThat(all).hasSize(threads * perThread);
        for (Conversation c : all) {
            assertThat(c.messages()).extracting(m -> m.text()).containsExactly("message 1", "message 2", "message 3");
            assertThat(fresh.events(c.id()))
                    .extracting(e -> e.data().get("note"))
                    .containsExactly("save 1", "save 2", "save 3");
        }
    }
}
