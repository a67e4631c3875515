package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.ActionOutcome;
import dev.kefu.core.conversation.ActionProposal;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.HandoffListing;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.OrderAction;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.SentimentTrend;
import dev.kefu.core.slot.SuppressionReason;
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
 * What every {@link ConversationStore} must do: give back every field it was given (every kind of
 * event with all its values included), grow transcripts and event logs only by appending, show
 * signals attached to a message after it was first saved, list conversations by state and events
 * oldest first, and keep concurrent saves to different conversations apart.
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
                .withLinesShown(List.of("script-new-member:b", "script-free-shipping:-"))
                .withSubject(new Subject("product-x200", 1))
                .withOrderThread(new dev.kefu.core.conversation.OrderThread(
                        "KF123",
                        dev.kefu.core.conversation.OrderThread.Awaiting.PHONE_DIGITS,
                        2,
                        Set.of("KF100"),
                        new ActionRequest("KF123", OrderAction.ADDRESS, "上海市浦东新区世纪大道88号"),
                        new ActionProposal(3, new ActionRequest("KF100", OrderAction.CANCEL, null))))
                .withState(ConversationState.AGENT, ticket, T0.plusMillis(500_600));
    }

    protected static List<ConversationEvent> agentEvents(String id) {
        return List.of(
                new ConversationEvent.Replied(
                        id,
                        T0.plusMillis(1_503),
                        new ConversationEvent.Turn(
                                2,
                                new MessageSignals("order_status", 0.875, -0.35, -0.2125, 0.0, Language.ZH),
                                AnswerTrace.fallback("timeout", "no answer within 800 ms", "v1", 801L, false),
                                EnumSet.of(SuppressionReason.ONE_PER_REPLY, SuppressionReason.REPEATED_LINE)),
                        AnswerKind.GROUNDED,
                        List.of("policy-shipping", "faq-7"),
                        List.of("script-new-member:b")),
                new ConversationEvent.HandedOff(
                        id,
                        T0.plusMillis(4_001),
                        new HandoffTrigger(
                                HandoffReason.NEGATIVE_SENTIMENT, Map.of("score", "-0.82", "threshold", "-0.6")),
                        Priority.URGENT,
                        new ConversationEvent.Turn(
                                3,
                                new MessageSignals("complaint", 0.5, -0.82, -0.4125, 0.0, Language.ZH),
                                AnswerTrace.NONE,
                                EnumSet.of(SuppressionReason.HANDOFF_PENDING))),
                new ConversationEvent.Claimed(id, T0.plusMillis(500_123), "li.na", 496, Priority.VIP));
    }

    /**
     * One event of every kind, with every value set, and the optional values left out where they
     * may be: what a store must give back as it was given.
     */
    protected static List<ConversationEvent> everyKindOfEvent(String id) {
        List<ConversationEvent> events = new ArrayList<>(agentEvents(id));
        events.addAll(List.of(
                new ConversationEvent.Replied(
                        id,
                        T0.plusMillis(600_001),
                        new ConversationEvent.Turn(
                                5,
                                new MessageSignals("delivery_time", 1.0, 0.25, 0.0, 0.0, Language.ZH),
                                AnswerTrace.llm(1_234, "v2"),
                                Set.of()),
                        AnswerKind.GROUNDED,
                        List.of("policy-shipping"),
                        List.of()),
                new ConversationEvent.Replied(
                        id,
                        T0.plusMillis(600_002),
                        new ConversationEvent.Turn(
                                7,
                                new MessageSignals("oos", 0.0, -1.0, 1.0, 0.0, Language.ZH),
                                AnswerTrace.template(),
                                Set.of()),
                        AnswerKind.FALLBACK,
                        List.of(),
                        List.of("script-a:-", "script-b:holiday")),
                new ConversationEvent.HandedOff(
                        id,
                        T0.plusMillis(600_003),
                        new HandoffTrigger(
                                HandoffReason.REPEATED_FALLBACK,
                                Map.of("fallbacks", "2", "threshold", "2", "notHelpfulSeq", "7")),
                        Priority.NORMAL,
                        null),
                new ConversationEvent.WentOverdue(
                        id,
                        T0.plusMillis(600_004),
                        List.of("notify", "offer_message", "raise_priority"),
                        960,
                        Priority.NORMAL,
                        Priority.URGENT),
                new ConversationEvent.WentOverdue(id, T0.plusMillis(600_005), List.of(), 0, Priority.VIP, Priority.VIP),
                new ConversationEvent.Released(id, T0.plusMillis(600_006), "li.na"),
                new ConversationEvent.Closed(id, T0.plusMillis(600_007), "wang.wei", ConversationState.QUEUED),
                new ConversationEvent.Rated(id, T0.plusMillis(600_008), 5, "很好, \"quick\"", "li.na"),
                new ConversationEvent.Rated(id, T0.plusMillis(600_009), 1, null, null),
                new ConversationEvent.FeedbackGiven(id, T0.plusMillis(600_010), 7, false),
                new ConversationEvent.FeedbackGiven(id, T0.plusMillis(600_011), 5, true),
                new ConversationEvent.ActionProposed(
                        id, T0.plusMillis(600_012), 9, new ActionRequest("KF100", OrderAction.RETURN, null)),
                new ConversationEvent.ActionConfirmed(
                        id,
                        T0.plusMillis(600_013),
                        9,
                        new ActionRequest("KF100", OrderAction.ADDRESS, "12 Main St, \"B\" 座"),
                        id + ":9"),
                new ConversationEvent.ActionDeclined(
                        id, T0.plusMillis(600_014), 11, new ActionRequest("KF101", OrderAction.EXCHANGE, null)),
                new ConversationEvent.ActionResult(
                        id,
                        T0.plusMillis(600_015),
                        9,
                        new ActionRequest("KF100", OrderAction.CANCEL, null),
                        ActionOutcome.DONE,
                        "RMA-1",
                        null),
                new ConversationEvent.ActionResult(
                        id,
                        T0.plusMillis(600_016),
                        9,
                        new ActionRequest("KF100", OrderAction.CANCEL, null),
                        ActionOutcome.FAILED,
                        null,
                        "the action service answered 503")));
        return events;
    }

    protected static ConversationEvent reply(String id, long millis, long seq) {
        return new ConversationEvent.Replied(
                id,
                T0.plusMillis(millis),
                new ConversationEvent.Turn(
                        seq,
                        new MessageSignals("greeting", 0.9, 0.0, 0.0, 0.0, Language.ZH),
                        AnswerTrace.NONE,
                        Set.of()),
                AnswerKind.SMALL_TALK,
                List.of(),
                List.of());
    }

    protected static ConversationEvent feedback(String id, long millis, long seq) {
        return new ConversationEvent.FeedbackGiven(id, T0.plusMillis(millis), seq, true);
    }

    protected static ConversationEvent rating(String id, long millis, int score) {
        return new ConversationEvent.Rated(id, T0.plusMillis(millis), score, null, null);
    }

    protected static Conversation shopperSays(String id, String text) {
        return Conversation.start(id, ShopperContext.anonymous(), T0)
                .append(Speaker.SHOPPER, text, List.of(), T0.plusMillis(1));
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
    void should_return_every_kind_of_event_with_its_values_when_read_back() throws Exception {
        List<ConversationEvent> events = everyKindOfEvent("c-events");
        assertThat(events)
                .extracting(ConversationEvent::type)
                .as("the examples cover every kind of event")
                .containsAll(EnumSet.allOf(ConversationEvent.Type.class));
        store.save(agentConversation("c-events"), events.subList(0, 4));
        store.save(agentConversation("c-events"), events.subList(4, events.size()));

        assertThat(store.events("c-events")).isEqualTo(events);
        assertThat(freshView().events("c-events")).isEqualTo(events);
        assertThat(freshView().events("c-events"))
                .extracting(ConversationEvent::actor)
                .startsWith(ConversationEvent.BOT, ConversationEvent.BOT, ConversationEvent.agent("li.na"));
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
        ConversationEvent one = reply("c-grow", 2, 2);
        store.save(first, List.of(one));
        Conversation second = first.append(Speaker.BOT, "Hi! How can I help?", List.of(), T0.plusMillis(2))
                .append(Speaker.SHOPPER, "where is my parcel", List.of(), T0.plusMillis(9));
        ConversationEvent two = reply("c-grow", 10, 4);
        ConversationEvent three = feedback("c-grow", 10, 2);
        store.save(second, List.of(two, three));
        Conversation third = second.withState(ConversationState.CLOSED);
        store.save(third);

        ConversationStore fresh = freshView();
        assertThat(fresh.find("c-grow")).contains(third);
        assertThat(fresh.events("c-grow")).containsExactly(one, two, three);
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
    void should_list_the_queued_conversations_due_by_a_time_and_no_other() throws Exception {
        Conversation early = shopperSays("d-2", "hi").queued(ticketDue(60_000), T0.plusMillis(1));
        Conversation late = shopperSays("d-1", "hi").queued(ticketDue(120_000), T0.plusMillis(2));
        store.save(late);
        store.save(early);
        store.save(agentConversation("d-3")); // its claim was due long ago, but an agent has it
        store.save(shopperSays("d-4", "hi"));

        ConversationStore fresh = freshView();
        assertThat(fresh.queuedDueBy(T0.plusMillis(59_999))).isEmpty();
        assertThat(fresh.queuedDueBy(T0.plusMillis(60_000)))
                .as("due at that very instant")
                .containsExactly(early);
        assertThat(fresh.queuedDueBy(T0.plusMillis(3_600_000)))
                .as("ordered by id")
                .containsExactly(late, early);

        store.save(early.withState(ConversationState.BOT, early.ticket(), T0.plusMillis(5)));
        assertThat(freshView().queuedDueBy(T0.plusMillis(3_600_000))).containsExactly(late);
    }

    @Test
    void should_list_handed_off_conversations_as_their_full_reads_show_them() throws Exception {
        Conversation agent = agentConversation("h-2"); // the shopper wrote, then the bot and an agent
        Conversation queued = shopperSays("h-1", "where is my parcel?")
                .append(Speaker.SHOPPER, "hello??", List.of(), T0.plusMillis(2))
                .append(Speaker.BOT, "Connecting you.", List.of(), T0.plusMillis(3))
                .queued(ticketDue(60_000), T0.plusMillis(4));
        Conversation silent = Conversation.start("h-3", ShopperContext.anonymous(), T0)
                .queued(ticketDue(60_000), T0.plusMillis(5)); // handed off before a word
        store.save(agent);
        store.save(queued);
        store.save(silent);
        store.save(shopperSays("h-4", "hi")); // never went to a person
        store.save(shopperSays("h-5", "bye")
                .queued(ticketDue(1), T0.plusMillis(6))
                .withState(ConversationState.BOT, ticketDue(1), T0.plusMillis(7))); // back with the bot, ticket kept

        ConversationStore fresh = freshView();
        assertThat(fresh.handedOff(EnumSet.of(ConversationState.QUEUED, ConversationState.AGENT)))
                .containsExactly(HandoffListing.of(queued), HandoffListing.of(agent), HandoffListing.of(silent));
        assertThat(fresh.handedOff(EnumSet.of(ConversationState.QUEUED)))
                .extracting(HandoffListing::id, HandoffListing::lastShopperText)
                .containsExactly(tuple("h-1", "hello??"), tuple("h-3", ""));
        assertThat(fresh.handedOff(EnumSet.of(ConversationState.AGENT)))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.owner()).isEqualTo("li.na");
                    assertThat(h.shopper()).isEqualTo(agent.shopper());
                    assertThat(h.ticket()).isEqualTo(agent.ticket());
                });
        assertThat(fresh.handedOff(EnumSet.of(ConversationState.BOT)))
                .extracting(HandoffListing::id)
                .containsExactly("h-5");
        assertThat(fresh.handedOff(Set.of())).isEmpty();
    }

    private static HandoffTicket ticketDue(long afterMillis) {
        return HandoffTicket.queued(
                new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of()),
                Priority.NORMAL,
                Language.EN,
                T0,
                T0.plusMillis(afterMillis));
    }

    @Test
    void should_list_events_in_order_saved_when_conversations_interleave() throws Exception {
        Conversation a = shopperSays("e-a", "hi");
        Conversation b = shopperSays("e-b", "hi");
        ConversationEvent a1 = reply("e-a", 5, 2);
        ConversationEvent b1 = reply("e-b", 5, 2);
        ConversationEvent a2 = feedback("e-a", 6, 2);
        ConversationEvent a3 = rating("e-a", 6, 4);
        ConversationEvent a4 = reply("e-a", 9, 4);
        store.save(a, List.of(a1));
        store.save(b, List.of(b1));
        store.save(a, List.of(a2, a3));
        store.save(a, List.of(a4));

        ConversationStore fresh = freshView();
        assertThat(fresh.events("e-a")).containsExactly(a1, a2, a3, a4);
        assertThat(fresh.events("e-b")).containsExactly(b1);
    }

    @Test
    void should_return_nothing_when_conversation_is_unknown_until_it_is_saved() throws Exception {
        store.save(shopperSays("known", "hi"), List.of(reply("known", 2, 2)));

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
                            store.save(c, List.of(reply(id, s, s)));
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
                    .containsExactly(reply(c.id(), 1, 1), reply(c.id(), 2, 2), reply(c.id(), 3, 3));
        }
    }
}
