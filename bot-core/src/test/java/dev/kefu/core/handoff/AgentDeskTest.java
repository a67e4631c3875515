package dev.kefu.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.HandoffConfig;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.contract.MutableClock;
import dev.kefu.core.conversation.CaffeineConversationStore;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.HandoffListing;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.ObservedConversationStore;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.DeskException.Reason;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AgentDeskTest {
    private static final Instant T0 = Instant.parse("2026-11-11T08:00:00Z");
    private static final KefuConfig DEFAULTS = ConfigLoader.defaults();
    private static final HandoffTrigger EXPLICIT =
            new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of("phrase", "talk to a human"));
    private static final ShopperContext ANONYMOUS = ShopperContext.anonymous();
    private static final ShopperContext GOLD = new ShopperContext("s-gold", Set.of("vip_gold"));

    /** One change the observer was told about. */
    private record Observed(Conversation conversation, List<ConversationEvent> events) {}

    private final MutableClock clock = new MutableClock(T0);
    private final CaffeineConversationStore stored = CaffeineConversationStore.forTests();
    private final ObservedConversationStore store = new ObservedConversationStore(stored);
    private final List<Observed> observed = new CopyOnWriteArrayList<>();
    private final HandoffQueue queue = new HandoffQueue(DEFAULTS.queue());
    private final AgentDesk desk = desk(DEFAULTS.handoff());

    AgentDeskTest() {
        store.observe((conversation, events) -> observed.add(new Observed(conversation, events)));
    }

    private AgentDesk desk(HandoffConfig handoff) {
        return new AgentDesk(store, ConversationLocks.inProcess(), queue, handoff, new ExtractiveSummarizer(), clock);
    }

    // ---- queue and ownership ----

    @Test
    void should_list_vip_first_then_longest_waiting_when_queue_is_read() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0.minusSeconds(60), Language.EN);
        seedQueued("c-2", GOLD, 0.0, T0.minusSeconds(10), Language.EN);
        seedQueued("c-3", ANONYMOUS, 0.0, T0.minusSeconds(600), Language.EN);
        seedQueued("c-4", ANONYMOUS, 0.9, T0.minusSeconds(5), Language.EN);
        seedAnswered("c-5", AnswerKind.GROUNDED);

        assertThat(desk.queue()).extracting(HandoffListing::id).containsExactly("c-2", "c-4", "c-3", "c-1");
    }

    @Test
    void should_list_only_that_agents_conversations_longest_owned_first_when_owned_by_is_read() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        seedQueued("c-2", ANONYMOUS, 0.0, T0, Language.EN);
        seedQueued("c-3", ANONYMOUS, 0.0, T0, Language.EN);
        seedQueued("c-4", ANONYMOUS, 0.0, T0, Language.EN);
        clock.advance(Duration.ofMinutes(1));
        desk.claim("c-3", "li.na");
        clock.advance(Duration.ofMinutes(1));
        desk.claim("c-2", "sam");
        clock.advance(Duration.ofMinutes(1));
        desk.claim("c-1", "li.na");

        assertThat(desk.ownedBy("li.na")).extracting(HandoffListing::id).containsExactly("c-3", "c-1");
        assertThat(desk.ownedBy("sam")).extracting(HandoffListing::id).containsExactly("c-2");
        assertThat(desk.ownedBy("nobody")).isEmpty();
        assertThat(desk.queue()).extracting(HandoffListing::id).containsExactly("c-4");

        desk.release("c-3", "li.na");

        assertThat(desk.ownedBy("li.na")).extracting(HandoffListing::id).containsExactly("c-1");
    }

    // ---- claim ----

    @Test
    void should_give_conversation_to_agent_and_say_so_when_claimed() {
        Conversation seeded = seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        clock.advance(Duration.ofSeconds(90));

        Conversation claimed = desk.claim("c-1", "li.na");

        assertThat(claimed.state()).isEqualTo(ConversationState.AGENT);
        assertThat(claimed.owner()).isEqualTo("li.na");
        assertThat(claimed.ticket().agent()).isEqualTo("li.na");
        assertThat(claimed.ticket().claimedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(claimed.ticket().trigger()).isEqualTo(seeded.ticket().trigger());
        assertThat(claimed.messages()).hasSize(seeded.messages().size() + 1);
        ConversationMessage joined = last(claimed);
        assertThat(joined.from()).isEqualTo(Speaker.SYSTEM);
        assertThat(joined.text())
                .isEqualTo(ReplyTexts.AGENT_JOINED.format(Language.EN, "li.na"))
                .contains("li.na");
        assertThat(stored.find("c-1")).contains(claimed);
        ConversationEvent claim = lastEvent("c-1");
        assertThat(claim.type()).isEqualTo(ConversationEvent.Type.CLAIM);
        assertThat(claim.actor()).isEqualTo("agent:li.na");
        assertThat(claim.at()).isEqualTo(T0.plusSeconds(90));
        assertThat(claim).isInstanceOfSatisfying(ConversationEvent.Claimed.class, c -> {
            assertThat(c.waitedSeconds()).isEqualTo(90);
            assertThat(c.priority()).isEqualTo(Priority.NORMAL);
        });
    }

    @Test
    void should_announce_agent_in_shoppers_language_when_shopper_writes_chinese() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.ZH);

        Conversation claimed = desk.claim("c-1", "li.na");

        assertThat(last(claimed).text()).isEqualTo("人工客服 li.na 已接入，为您服务。");
    }

    @Test
    void should_change_nothing_when_owner_claims_again() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        Conversation first = desk.claim("c-1", "li.na");
        int events = stored.events("c-1").size();
        int changes = observed.size();
        clock.advance(Duration.ofMinutes(3));

        Conversation again = desk.claim("c-1", "li.na");

        assertThat(again).isEqualTo(first);
        assertThat(stored.find("c-1")).contains(first);
        assertThat(stored.events("c-1")).hasSize(events);
        assertThat(observed).hasSize(changes);
    }

    @Test
    void should_refuse_with_already_claimed_when_another_agent_claims() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        Conversation first = desk.claim("c-1", "li.na");

        assertDeskError(() -> desk.claim("c-1", "sam"), Reason.ALREADY_CLAIMED);
        assertThat(stored.find("c-1")).contains(first);
        assertThat(stored.events("c-1"))
                .filteredOn(e -> e.type() == ConversationEvent.Type.CLAIM)
                .hasSize(1);
    }

    @Test
    void should_refuse_with_not_queued_when_conversation_is_not_waiting() {
        seedAnswered("c-bot", AnswerKind.GROUNDED);
        seedQueued("c-closed", ANONYMOUS, 0.0, T0, Language.EN);
        desk.close("c-closed", "sam");

        assertDeskError(() -> desk.claim("c-bot", "li.na"), Reason.NOT_QUEUED);
        assertDeskError(() -> desk.claim("c-closed", "li.na"), Reason.NOT_QUEUED);
        assertThat(stored.find("c-bot").orElseThrow().state()).isEqualTo(ConversationState.BOT);
    }

    @Test
    void should_refuse_with_not_found_when_conversation_is_unknown() {
        assertDeskError(() -> desk.claim("nope", "li.na"), Reason.NOT_FOUND);
        assertDeskError(() -> desk.get("nope"), Reason.NOT_FOUND);
        assertDeskError(() -> desk.reply("nope", "li.na", "hi"), Reason.NOT_FOUND);
        assertDeskError(() -> desk.release("nope", "li.na"), Reason.NOT_FOUND);
        assertDeskError(() -> desk.close("nope", "li.na"), Reason.NOT_FOUND);
        assertDeskError(() -> desk.rate("nope", 5, null), Reason.NOT_FOUND);
        assertDeskError(() -> desk.feedback("nope", 2, false), Reason.NOT_FOUND);
        assertThat(stored.find("nope")).isEmpty();
        assertThat(observed).isEmpty();
    }

    @Test
    void should_let_exactly_one_agent_claim_when_eight_agents_claim_at_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 25; round++) {
                String id = "race-" + round;
                seedQueued(id, ANONYMOUS, 0.0, T0, Language.EN);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String agent = "agent-" + i;
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            desk.claim(id, agent);
                            return "claimed:" + agent;
                        } catch (DeskException e) {
                            return e.reason().code();
                        }
                    }));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> result : results) {
                    outcomes.add(result.get(10, TimeUnit.SECONDS));
                }

                List<String> winners =
                        outcomes.stream().filter(o -> o.startsWith("claimed:")).toList();
                assertThat(winners).as("round %d: %s", round, outcomes).hasSize(1);
                assertThat(outcomes)
                        .filteredOn(o -> !o.startsWith("claimed:"))
                        .as("round %d", round)
                        .hasSize(7)
                        .containsOnly("ALREADY_CLAIMED");
                Conversation after = stored.find(id).orElseThrow();
                assertThat("claimed:" + after.owner()).isEqualTo(winners.get(0));
                assertThat(after.messages())
                        .filteredOn(m -> m.from() == Speaker.SYSTEM)
                        .hasSize(1);
                assertThat(stored.events(id))
                        .filteredOn(e -> e.type() == ConversationEvent.Type.CLAIM)
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- reply, release, close ----

    @Test
    void should_append_agent_message_with_author_when_owner_replies() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        Conversation claimed = desk.claim("c-1", "li.na");
        int events = stored.events("c-1").size();
        clock.advance(Duration.ofSeconds(30));

        Conversation replied = desk.reply("c-1", "li.na", "Hi, I'm looking into your order now.");

        ConversationMessage message = last(replied);
        assertThat(message.seq()).isEqualTo(claimed.nextSeq());
        assertThat(message.from()).isEqualTo(Speaker.AGENT);
        assertThat(message.author()).isEqualTo("li.na");
        assertThat(message.text()).isEqualTo("Hi, I'm looking into your order now.");
        assertThat(message.at()).isEqualTo(T0.plusSeconds(30));
        assertThat(replied.state()).isEqualTo(ConversationState.AGENT);
        assertThat(stored.find("c-1")).contains(replied);
        assertThat(stored.events("c-1")).hasSize(events);
    }

    @Test
    void should_refuse_with_not_owner_when_someone_else_replies() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        seedQueued("c-2", ANONYMOUS, 0.0, T0, Language.EN);
        Conversation claimed = desk.claim("c-1", "li.na");

        assertDeskError(() -> desk.reply("c-1", "sam", "hello"), Reason.NOT_OWNER);
        assertDeskError(() -> desk.reply("c-2", "sam", "hello"), Reason.NOT_OWNER);
        assertThat(stored.find("c-1")).contains(claimed);
        assertThat(stored.find("c-2").orElseThrow().state()).isEqualTo(ConversationState.QUEUED);
    }

    @Test
    void should_hand_back_to_bot_with_a_notice_when_owner_releases() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        Conversation claimed = desk.claim("c-1", "li.na");
        stored.save(claimed.withConsecutiveFallbacks(2)
                .withSentiment(dev.kefu.core.sentiment.SentimentTrend.start().next(-0.9, 0.5)));
        clock.advance(Duration.ofMinutes(4));

        Conversation released = desk.release("c-1", "li.na");

        assertThat(released.state()).isEqualTo(ConversationState.BOT);
        assertThat(released.owner()).isNull();
        assertThat(released.consecutiveFallbacks()).isZero();
        assertThat(released.sentiment()).isEqualTo(dev.kefu.core.sentiment.SentimentTrend.start());
        assertThat(released.ticket()).isEqualTo(claimed.ticket());
        assertThat(last(released).from()).isEqualTo(Speaker.SYSTEM);
        assertThat(last(released).text()).isEqualTo(ReplyTexts.AGENT_RELEASED.in(Language.EN));
        assertThat(stored.find("c-1")).contains(released);
        ConversationEvent release = lastEvent("c-1");
        assertThat(release.type()).isEqualTo(ConversationEvent.Type.RELEASE);
        assertThat(release.actor()).isEqualTo("agent:li.na");
        assertThat(release.at()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
    }

    @Test
    void should_refuse_with_not_owner_when_someone_else_releases() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        seedQueued("c-2", ANONYMOUS, 0.0, T0, Language.EN);
        desk.claim("c-1", "li.na");

        assertDeskError(() -> desk.release("c-1", "sam"), Reason.NOT_OWNER);
        assertDeskError(() -> desk.release("c-2", "sam"), Reason.NOT_OWNER);
        assertThat(stored.find("c-1").orElseThrow().owner()).isEqualTo("li.na");
    }

    @Test
    void should_close_and_ask_for_a_rating_when_owner_closes() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        desk.claim("c-1", "li.na");
        clock.advance(Duration.ofMinutes(7));

        Conversation closed = desk.close("c-1", "li.na");

        assertThat(closed.state()).isEqualTo(ConversationState.CLOSED);
        assertThat(closed.owner()).isNull();
        assertThat(last(closed).from()).isEqualTo(Speaker.SYSTEM);
        assertThat(last(closed).text())
                .isEqualTo(ReplyTexts.CLOSED.in(Language.EN))
                .contains("rate it from 1 to 5");
        assertThat(stored.find("c-1")).contains(closed);
        ConversationEvent close = lastEvent("c-1");
        assertThat(close.type()).isEqualTo(ConversationEvent.Type.CLOSE);
        assertThat(close.actor()).isEqualTo("agent:li.na");
        assertThat(((ConversationEvent.Closed) close).from()).isEqualTo(ConversationState.AGENT);
    }

    @Test
    void should_let_any_agent_close_when_conversation_is_still_queued() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.ZH);

        Conversation closed = desk.close("c-1", "sam");

        assertThat(closed.state()).isEqualTo(ConversationState.CLOSED);
        assertThat(last(closed).text()).isEqualTo(ReplyTexts.CLOSED.in(Language.ZH));
        assertThat(desk.queue()).isEmpty();
        ConversationEvent close = lastEvent("c-1");
        assertThat(close.type()).isEqualTo(ConversationEvent.Type.CLOSE);
        assertThat(close.actor()).isEqualTo("agent:sam");
        assertThat(((ConversationEvent.Closed) close).from()).isEqualTo(ConversationState.QUEUED);
    }

    @Test
    void should_refuse_with_not_owner_when_someone_else_closes_a_claimed_conversation() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        Conversation claimed = desk.claim("c-1", "li.na");
        seedAnswered("c-bot", AnswerKind.GROUNDED);

        assertDeskError(() -> desk.close("c-1", "sam"), Reason.NOT_OWNER);
        assertDeskError(() -> desk.close("c-bot", "sam"), Reason.NOT_OWNER);
        assertThat(stored.find("c-1")).contains(claimed);
    }

    // ---- rating ----

    @Test
    void should_record_score_comment_and_agent_when_shopper_rates() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        desk.claim("c-1", "li.na");
        Conversation closed = desk.close("c-1", "li.na");
        clock.advance(Duration.ofMinutes(1));

        Conversation rated = desk.rate("c-1", 4, "  quick and kind \n");

        assertThat(rated).isEqualTo(closed);
        ConversationEvent rating = lastEvent("c-1");
        assertThat(rating.type()).isEqualTo(ConversationEvent.Type.RATING);
        assertThat(rating.actor()).isEqualTo(ConversationEvent.SHOPPER);
        assertThat(rating.at()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(rating)
                .isEqualTo(new ConversationEvent.Rated(
                        "c-1", T0.plus(Duration.ofMinutes(1)), 4, "quick and kind", "li.na"));
    }

    @Test
    void should_record_score_only_when_rating_has_no_comment_and_no_agent() {
        seedAnswered("c-1", AnswerKind.GROUNDED);

        desk.rate("c-1", 5, "   ");

        assertThat(lastEvent("c-1")).isEqualTo(new ConversationEvent.Rated("c-1", clock.instant(), 5, null, null));
    }

    @Test
    void should_reject_score_outside_one_to_five_when_rating() {
        seedAnswered("c-1", AnswerKind.GROUNDED);
        int events = stored.events("c-1").size();

        assertThatThrownBy(() -> desk.rate("c-1", 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..5");
        assertThatThrownBy(() -> desk.rate("c-1", 6, "great"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..5");
        assertThat(stored.events("c-1")).hasSize(events);
        desk.rate("c-1", 1, null);
        assertThat(stored.events("c-1")).hasSize(events + 1);
    }

    @Test
    void should_refuse_a_second_rating_of_a_conversation() {
        seedAnswered("c-1", AnswerKind.GROUNDED);
        desk.rate("c-1", 1, null);
        int events = stored.events("c-1").size();

        assertDeskError(() -> desk.rate("c-1", 5, null), Reason.ALREADY_RATED);
        assertThat(stored.events("c-1")).hasSize(events);
    }

    @Test
    void should_reject_comment_longer_than_limit_when_rating() {
        seedAnswered("c-1", AnswerKind.GROUNDED);
        int events = stored.events("c-1").size();

        assertThatThrownBy(() -> desk.rate("c-1", 3, "x".repeat(1001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000");
        assertThat(stored.events("c-1")).hasSize(events);

        desk.rate("c-1", 3, "x".repeat(1000));
        assertThat(((ConversationEvent.Rated) lastEvent("c-1")).comment()).hasSize(1000);
    }

    // ---- feedback ----

    @Test
    void should_hand_off_with_repeated_fallback_when_two_answers_in_a_row_did_not_help() {
        seedAnswered("c-1", AnswerKind.GROUNDED, AnswerKind.GROUNDED);
        desk.feedback("c-1", 2, false);
        clock.advance(Duration.ofSeconds(20));
        Instant now = clock.instant();

        Conversation after = desk.feedback("c-1", 4, false);

        assertThat(after.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(after.consecutiveFallbacks()).isZero();
        HandoffTicket ticket = after.ticket();
        assertThat(ticket.trigger().reason()).isEqualTo(HandoffReason.REPEATED_FALLBACK);
        assertThat(ticket.trigger().details())
                .containsExactlyInAnyOrderEntriesOf(Map.of("fallbacks", "2", "threshold", "2", "notHelpfulSeq", "4"));
        assertThat(ticket.priority()).isEqualTo(Priority.NORMAL);
        assertThat(ticket.language()).isEqualTo(Language.EN);
        assertThat(ticket.queuedAt()).isEqualTo(now);
        assertThat(ticket.dueAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(last(after).from()).isEqualTo(Speaker.SYSTEM);
        assertThat(last(after).text()).isEqualTo(queue.notice(ticket, false)).contains("about 15 minutes");
        assertThat(stored.find("c-1")).contains(after);
        assertThat(desk.queue()).extracting(HandoffListing::id).containsExactly("c-1");

        List<ConversationEvent> events = stored.events("c-1");
        ConversationEvent feedback = events.get(events.size() - 2);
        ConversationEvent handoff = events.get(events.size() - 1);
        assertThat(feedback.type()).isEqualTo(ConversationEvent.Type.FEEDBACK);
        assertThat(feedback.actor()).isEqualTo(ConversationEvent.SHOPPER);
        assertThat(feedback).isEqualTo(new ConversationEvent.FeedbackGiven("c-1", feedback.at(), 4, false));
        assertThat(handoff.type()).isEqualTo(ConversationEvent.Type.HANDOFF);
        assertThat(handoff.actor()).isEqualTo(ConversationEvent.SYSTEM);
        assertThat(handoff).isInstanceOfSatisfying(ConversationEvent.HandedOff.class, h -> {
            assertThat(h.trigger().reason()).isEqualTo(HandoffReason.REPEATED_FALLBACK);
            assertThat(h.priority()).isEqualTo(Priority.NORMAL);
            assertThat(h.trigger().details())
                    .containsEntry("fallbacks", "2")
                    .containsEntry("threshold", "2")
                    .containsEntry("notHelpfulSeq", "4");
            assertThat(h.turn()).isNull();
        });
        assertThat(observed.get(observed.size() - 1).events()).containsExactly(feedback, handoff);
    }

    @Test
    void should_count_only_answers_since_a_person_served_the_conversation_when_feedback_arrives() {
        seedAnswered("c-1", AnswerKind.FALLBACK, AnswerKind.GROUNDED);
        assertThat(desk.feedback("c-1", 4, false).state()).isEqualTo(ConversationState.QUEUED);
        desk.claim("c-1", "li.na");
        desk.release("c-1", "li.na");
        Conversation released = stored.find("c-1").orElseThrow();
        long answer = released.nextSeq() + 1;
        Conversation answered = released.append(Speaker.SHOPPER, "and the tracking number?", List.of(), T0)
                .append(Speaker.BOT, "answer " + answer, List.of(), T0);
        stored.save(answered, List.of(replied("c-1", answer, AnswerKind.GROUNDED)));

        Conversation after = desk.feedback("c-1", answer, false);

        assertThat(after.state()).isEqualTo(ConversationState.BOT);
        assertThat(after.consecutiveFallbacks()).isEqualTo(1);
    }

    @Test
    void should_use_the_latest_verdict_on_an_answer_when_counting_answers_that_did_not_help() {
        seedAnswered("c-1", AnswerKind.GROUNDED, AnswerKind.GROUNDED);
        desk.feedback("c-1", 2, false);
        desk.feedback("c-1", 2, true); // changed their mind: it helped after all

        Conversation after = desk.feedback("c-1", 4, false);

        assertThat(after.state()).isEqualTo(ConversationState.BOT);
        assertThat(after.consecutiveFallbacks()).isEqualTo(1);
    }

    @Test
    void should_give_vip_priority_when_a_vip_shopper_is_handed_off_by_feedback() {
        seedAnswered("c-1", GOLD, AnswerKind.GROUNDED, AnswerKind.GROUNDED);
        desk.feedback("c-1", 2, false);

        Conversation after = desk.feedback("c-1", 4, false);

        assertThat(after.ticket().priority()).isEqualTo(Priority.VIP);
        assertThat(last(after).text()).contains("about 5 minutes");
    }

    @Test
    void should_hand_off_when_a_not_helpful_answer_follows_an_answer_that_found_nothing() {
        seedAnswered("c-1", AnswerKind.FALLBACK, AnswerKind.GROUNDED);

        Conversation after = desk.feedback("c-1", 4, false);

        assertThat(after.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(after.ticket().trigger().details())
                .containsEntry("fallbacks", "2")
                .containsEntry("notHelpfulSeq", "4");
    }

    @Test
    void should_queue_the_conversation_once_when_the_shopper_accepts_the_offer_of_a_person() {
        seedAnswered("c-1", AnswerKind.GROUNDED);

        Conversation after = desk.acceptOffer("c-1", 2);
        Conversation again = desk.acceptOffer("c-1", 2);

        assertThat(after.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(after.ticket().trigger().reason()).isEqualTo(HandoffReason.SHOPPER_ACCEPTED_OFFER);
        assertThat(after.ticket().trigger().details()).containsEntry("offerSeq", "2");
        assertThat(after.messages().get(after.messages().size() - 1).from()).isEqualTo(Speaker.SYSTEM);
        assertThat(again.messages()).hasSameSizeAs(after.messages());
        assertThat(stored.events("c-1"))
                .extracting(ConversationEvent::type)
                .containsExactly(ConversationEvent.Type.REPLY, ConversationEvent.Type.HANDOFF);
    }

    @Test
    void should_keep_the_bot_when_a_newer_answer_was_not_marked_after_a_not_helpful_one() {
        seedAnswered("c-1", AnswerKind.GROUNDED, AnswerKind.GROUNDED);

        Conversation after = desk.feedback("c-1", 2, false);

        assertThat(after.state()).isEqualTo(ConversationState.BOT);
        assertThat(after.ticket()).isNull();
        assertThat(after.consecutiveFallbacks()).isZero();
        assertThat(stored.events("c-1"))
                .extracting(ConversationEvent::type)
                .containsExactly(
                        ConversationEvent.Type.REPLY, ConversationEvent.Type.REPLY, ConversationEvent.Type.FEEDBACK);
    }

    @Test
    void should_count_one_failure_when_only_the_latest_answer_did_not_help() {
        seedAnswered("c-1", AnswerKind.GROUNDED, AnswerKind.GROUNDED);

        Conversation after = desk.feedback("c-1", 4, false);

        assertThat(after.state()).isEqualTo(ConversationState.BOT);
        assertThat(after.consecutiveFallbacks()).isEqualTo(1);
        assertThat(stored.find("c-1").orElseThrow().consecutiveFallbacks()).isEqualTo(1);
        assertThat(lastEvent("c-1").type()).isEqualTo(ConversationEvent.Type.FEEDBACK);
    }

    @Test
    void should_only_record_feedback_when_the_answer_helped() {
        Conversation seeded = seedAnswered("c-1", AnswerKind.FALLBACK, AnswerKind.GROUNDED);

        Conversation after = desk.feedback("c-1", 4, true);

        assertThat(after).isEqualTo(seeded);
        assertThat(stored.find("c-1")).contains(seeded);
        ConversationEvent feedback = lastEvent("c-1");
        assertThat(feedback.type()).isEqualTo(ConversationEvent.Type.FEEDBACK);
        assertThat(feedback).isEqualTo(new ConversationEvent.FeedbackGiven("c-1", feedback.at(), 4, true));
        assertThat(stored.events("c-1")).hasSize(3);
    }

    @Test
    void should_not_hand_off_again_when_feedback_arrives_while_queued() {
        Conversation answered = seedAnswered("c-1", AnswerKind.FALLBACK, AnswerKind.GROUNDED);
        HandoffTicket ticket = queue.ticket(EXPLICIT, ANONYMOUS, 0.0, Language.EN, T0);
        Conversation waiting = answered.queued(ticket, T0);
        stored.save(waiting);
        clock.advance(Duration.ofMinutes(1));

        desk.feedback("c-1", 2, false);
        Conversation after = desk.feedback("c-1", 4, false);

        assertThat(after).isEqualTo(waiting);
        assertThat(after.ticket()).isEqualTo(ticket);
        assertThat(stored.events("c-1"))
                .extracting(ConversationEvent::type)
                .containsExactly(
                        ConversationEvent.Type.REPLY,
                        ConversationEvent.Type.REPLY,
                        ConversationEvent.Type.FEEDBACK,
                        ConversationEvent.Type.FEEDBACK);
    }

    @Test
    void should_not_count_not_helpful_answers_when_config_says_so() {
        HandoffConfig d = DEFAULTS.handoff();
        AgentDesk lenient = desk(new HandoffConfig(
                d.messageSentimentBelow(),
                d.conversationSentimentBelow(),
                d.fallingMessages(),
                d.consecutiveFallbacks(),
                d.intents(),
                d.tags(),
                d.explicitPhrases(),
                false,
                d.stageTimeoutMs(),
                d.intentMinConfidence(),
                d.offerBelow()));
        Conversation seeded = seedAnswered("c-1", AnswerKind.GROUNDED, AnswerKind.GROUNDED);

        lenient.feedback("c-1", 2, false);
        Conversation after = lenient.feedback("c-1", 4, false);

        assertThat(after).isEqualTo(seeded);
        assertThat(lastEvent("c-1").type()).isEqualTo(ConversationEvent.Type.FEEDBACK);
    }

    // ---- overdue ----

    @Test
    void should_run_overdue_actions_when_clock_passes_due_time() {
        Conversation seeded = seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        seedQueued("c-2", ANONYMOUS, 0.0, T0.plus(Duration.ofMinutes(10)), Language.EN);
        clock.set(seeded.ticket().dueAt().plusSeconds(1));
        Instant now = clock.instant();

        int count = desk.checkOverdue();

        assertThat(count).isEqualTo(1);
        Conversation after = stored.find("c-1").orElseThrow();
        assertThat(after.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(after.ticket().priority()).isEqualTo(Priority.URGENT);
        assertThat(after.ticket().overdueCount()).isEqualTo(1);
        assertThat(after.ticket().dueAt()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThat(after.ticket().queuedAt()).isEqualTo(T0);
        assertThat(after.messagesAfter(seeded.messages().size()))
                .extracting(ConversationMessage::from, ConversationMessage::text)
                .containsExactly(
                        tuple(Speaker.SYSTEM, ReplyTexts.QUEUE_OVERDUE.format(Language.EN, 10)),
                        tuple(Speaker.SYSTEM, ReplyTexts.QUEUE_OFFER_MESSAGE.in(Language.EN)));
        ConversationEvent overdue = lastEvent("c-1");
        assertThat(overdue.type()).isEqualTo(ConversationEvent.Type.OVERDUE);
        assertThat(overdue.actor()).isEqualTo(ConversationEvent.SYSTEM);
        assertThat(overdue).isInstanceOfSatisfying(ConversationEvent.WentOverdue.class, o -> {
            assertThat(o.priority()).isEqualTo(Priority.NORMAL);
            assertThat(o.newPriority()).isEqualTo(Priority.URGENT);
            assertThat(o.waitedSeconds()).isEqualTo(901);
        });
        assertThat(stored.find("c-2").orElseThrow().ticket().overdueCount()).isZero();
        assertThat(stored.events("c-2")).isEmpty();

        assertThat(desk.checkOverdue())
                .as("checked again before the new due time")
                .isZero();
        assertThat(stored.events("c-1")).hasSize(1);

        clock.set(after.ticket().dueAt());
        assertThat(desk.checkOverdue()).isEqualTo(2);
        assertThat(stored.find("c-1").orElseThrow().ticket())
                .extracting(HandoffTicket::priority, HandoffTicket::overdueCount)
                .containsExactly(Priority.VIP, 2);
    }

    @Test
    void should_count_nothing_when_no_waiting_conversation_is_due() {
        Conversation seeded = seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        seedQueued("c-2", ANONYMOUS, 0.0, T0, Language.EN);
        desk.claim("c-2", "li.na");
        int changes = observed.size();
        clock.set(seeded.ticket().dueAt().minusSeconds(1));

        assertThat(desk.checkOverdue()).isZero();
        assertThat(stored.find("c-1")).contains(seeded);

        clock.set(T0.plus(Duration.ofHours(2)));
        desk.close("c-1", "sam");
        changes++;
        assertThat(desk.checkOverdue())
                .as("claimed and closed conversations are never overdue")
                .isZero();
        assertThat(observed).hasSize(changes);
        assertThat(stored.events("c-2"))
                .extracting(ConversationEvent::type)
                .containsExactly(ConversationEvent.Type.CLAIM);
    }

    @Test
    void should_skip_a_conversation_claimed_while_the_check_runs() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        Conversation second = seedQueued("c-2", ANONYMOUS, 0.0, T0, Language.EN);
        store.observe((conversation, events) -> {
            if (conversation.id().equals("c-1")
                    && events.stream().anyMatch(e -> e.type() == ConversationEvent.Type.OVERDUE)) {
                desk.claim("c-2", "li.na"); // an agent takes c-2 after the check listed it
            }
        });
        clock.set(T0.plus(Duration.ofMinutes(20)));

        int count = desk.checkOverdue();

        assertThat(count).isEqualTo(1);
        Conversation claimed = stored.find("c-2").orElseThrow();
        assertThat(claimed.state()).isEqualTo(ConversationState.AGENT);
        assertThat(claimed.ticket().overdueCount()).isZero();
        assertThat(claimed.ticket().priority()).isEqualTo(second.ticket().priority());
        assertThat(stored.events("c-2"))
                .extracting(ConversationEvent::type)
                .containsExactly(ConversationEvent.Type.CLAIM);
    }

    // ---- observers, context ----

    @Test
    void should_tell_the_observer_every_change_with_its_events() {
        seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        List<Conversation> returned = new ArrayList<>();

        returned.add(desk.claim("c-1", "li.na"));
        returned.add(desk.reply("c-1", "li.na", "Let me check."));
        returned.add(desk.close("c-1", "li.na"));
        returned.add(desk.rate("c-1", 5, "thanks"));

        assertThat(observed).extracting(Observed::conversation).containsExactlyElementsOf(returned);
        assertThat(observed)
                .extracting(
                        o -> o.events().stream().map(ConversationEvent::type).toList())
                .containsExactly(
                        List.of(ConversationEvent.Type.CLAIM),
                        List.of(),
                        List.of(ConversationEvent.Type.CLOSE),
                        List.of(ConversationEvent.Type.RATING));
        assertThat(observed.stream().flatMap(o -> o.events().stream()).toList())
                .containsExactlyElementsOf(stored.events("c-1"));
    }

    @Test
    void should_tell_the_observer_overdue_and_feedback_changes_with_their_events() {
        Conversation waiting = seedQueued("c-1", ANONYMOUS, 0.0, T0, Language.EN);
        seedAnswered("c-2", AnswerKind.GROUNDED, AnswerKind.GROUNDED);
        clock.set(waiting.ticket().dueAt());

        desk.checkOverdue();
        desk.feedback("c-2", 2, false);
        desk.feedback("c-2", 4, false);

        assertThat(observed)
                .extracting(
                        o -> o.conversation().id(),
                        o -> o.events().stream().map(ConversationEvent::type).toList())
                .containsExactly(
                        tuple("c-1", List.of(ConversationEvent.Type.OVERDUE)),
                        tuple("c-2", List.of(ConversationEvent.Type.FEEDBACK)),
                        tuple("c-2", List.of(ConversationEvent.Type.FEEDBACK, ConversationEvent.Type.HANDOFF)));
        assertThat(observed.get(0).conversation()).isEqualTo(stored.find("c-1").orElseThrow());
        assertThat(observed.get(2).conversation()).isEqualTo(stored.find("c-2").orElseThrow());
    }

    @Test
    void should_give_context_packet_and_expected_wait_when_asked() {
        Conversation seeded = seedQueued("c-1", GOLD, 0.0, T0, Language.EN);

        ContextPacket packet = desk.context(desk.get("c-1"));

        assertThat(packet.ticket()).isEqualTo(seeded.ticket());
        assertThat(packet.tags()).containsExactly("vip_gold");
        assertThat(packet.summary()).isEqualTo(new ExtractiveSummarizer().summarize(seeded));
        assertThat(desk.expectedWaitMinutes(seeded.ticket())).isEqualTo(5);
        assertThat(desk.expectedWaitMinutes(queue.ticket(EXPLICIT, ANONYMOUS, 0.0, Language.EN, T0)))
                .isEqualTo(15);
    }

    // ---- helpers ----

    /** A conversation waiting in the queue since {@code at}, stored without notifying observers. */
    private Conversation seedQueued(String id, ShopperContext shopper, double urgency, Instant at, Language language) {
        HandoffTicket ticket = queue.ticket(EXPLICIT, shopper, urgency, language, at);
        Conversation conversation = Conversation.start(id, shopper, at)
                .append(Speaker.SHOPPER, "talk to a human please", List.of(), at)
                .append(Speaker.BOT, queue.notice(ticket, false), List.of(), at)
                .queued(ticket, at);
        stored.save(conversation);
        return conversation;
    }

    private Conversation seedAnswered(String id, AnswerKind... kinds) {
        return seedAnswered(id, ANONYMOUS, kinds);
    }

    /**
     * A bot conversation of English questions and answers of these kinds, with the REPLY events the
     * pipeline records ({@code seq} of the answer, {@code answerKind}), stored without notifying
     * observers.
     */
    private Conversation seedAnswered(String id, ShopperContext shopper, AnswerKind... kinds) {
        Conversation conversation = Conversation.start(id, shopper, T0);
        List<ConversationEvent> events = new ArrayList<>();
        for (AnswerKind kind : kinds) {
            long asked = conversation.nextSeq();
            conversation = conversation
                    .append(Speaker.SHOPPER, "where is my parcel " + asked, List.of(), T0)
                    .withSignals(asked, new MessageSignals("delivery_time", 0.9, 0.0, 0.0, 0.0, Language.EN));
            long answered = conversation.nextSeq();
            events.add(replied(id, answered, kind));
            conversation = conversation
                    .withConsecutiveFallbacks(kind == AnswerKind.FALLBACK ? conversation.consecutiveFallbacks() + 1 : 0)
                    .append(Speaker.BOT, "answer " + answered, List.of(), T0);
        }
        stored.save(conversation, events);
        return conversation;
    }

    private static ConversationEvent replied(String id, long seq, AnswerKind kind) {
        return new ConversationEvent.Replied(
                id,
                T0,
                new ConversationEvent.Turn(
                        seq,
                        new MessageSignals("delivery_time", 0.9, 0.0, 0.0, 0.0, Language.ZH),
                        AnswerTrace.NONE,
                        java.util.Set.of()),
                kind,
                List.of(),
                List.of());
    }

    private static ConversationMessage last(Conversation conversation) {
        return conversation.messages().get(conversation.messages().size() - 1);
    }

    private ConversationEvent lastEvent(String conversationId) {
        List<ConversationEvent> events = stored.events(conversationId);
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1);
    }

    private static void assertDeskError(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.reason())
                .isEqualTo(reason));
    }
}
