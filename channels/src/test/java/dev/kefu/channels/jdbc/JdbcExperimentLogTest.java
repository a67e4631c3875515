package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.slot.SuppressionReason;
import dev.kefu.core.slot.experiment.ArmTally;
import dev.kefu.core.slot.experiment.ExperimentLog.Exposure;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import dev.kefu.core.slot.experiment.ExperimentStats.Counts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution of storefront events to experiment arms, in the embedded database. */
class JdbcExperimentLogTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(72);

    @TempDir
    Path dataDir;

    @Test
    void should_tally_clicks_orders_revenue_and_the_service_outcomes_of_the_exposed_conversations() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            JdbcExperimentLog log = store.experimentLog();
            for (String shopper : List.of("ann", "ben", "cat", "dan")) {
                store.save(Conversation.start("c-" + shopper, new ShopperContext(shopper, Set.of()), T0));
            }
            // ann: handed off and rated 2 after the line; ben: a thumbs-down before it (not counted)
            // and one after, rated 5; cat: held back, rated 4 before her exposure (not counted).
            store.save(conversation(store, "c-ann"), List.of(handoff("c-ann", 30)));
            store.save(conversation(store, "c-ann"), List.of(handoff("c-ann", 40)));
            store.save(conversation(store, "c-ann"), List.of(rating("c-ann", 50, 2)));
            store.save(conversation(store, "c-ben"), List.of(feedback("c-ben", 5, false)));
            store.save(
                    conversation(store, "c-ben"),
                    List.of(
                            feedback("c-ben", 30, false),
                            feedback("c-ben", 31, false),
                            feedback("c-ben", 32, true),
                            rating("c-ben", 60, 5)));
            store.save(conversation(store, "c-cat"), List.of(rating("c-cat", 1, 4)));
            log.exposed(new Exposure("exp", "a", "script", "ann", "c-ann", T0.plusSeconds(10)));
            log.exposed(new Exposure("exp", "a", "script", "ben", "c-ben", T0.plusSeconds(10)));
            log.exposed(new Exposure("exp", "holdout", "script", "cat", "c-cat", T0.plusSeconds(10)));
            log.exposed(new Exposure("exp", "holdout", "script", "dan", "c-dan", T0.plusSeconds(10)));

            log.event(new StorefrontEvent("ann", "slot_clicked", null, null, "c-ann", T0.plusSeconds(20)));
            log.event(new StorefrontEvent("ann", "order_placed", "p", 100.0, "c-ann", T0.plusSeconds(25)));
            log.event(
                    new StorefrontEvent("ann", "order_placed", null, 100.0, null, T0.plusSeconds(25))); // a second one
            log.event(new StorefrontEvent("ben", "order_placed", "p", null, null, T0.plusSeconds(25))); // no amount
            log.event(new StorefrontEvent("dan", "added_to_cart", "p", 50.0, null, T0.plusSeconds(25)));

            Map<String, ArmTally> tally = log.tally("exp", WINDOW);

            assertThat(tally.get("a")).isEqualTo(new ArmTally(2, 1, 2, 2, 200.0, 2, 1, 2, 7, 1));
            assertThat(tally.get("a").handoffRate()).isEqualTo(0.5);
            assertThat(tally.get("a").meanRating()).isEqualTo(3.5);
            assertThat(tally.get("holdout")).isEqualTo(new ArmTally(2, 0, 1, 0, 0.0, 2, 0, 0, 0, 0));
            assertThat(tally.get("holdout").meanRating()).isNull();
        }
    }

    @Test
    void should_count_each_decision_once_per_reason_it_dropped_lines_for_since_the_given_time() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            store.save(
                    Conversation.start("c-1", new ShopperContext("ann", Set.of()), T0),
                    List.of(
                            decision("c-1", 1, Set.of(SuppressionReason.REPEATED_LINE)),
                            decision(
                                    "c-1", 2, Set.of(SuppressionReason.ONE_PER_REPLY, SuppressionReason.REPEATED_LINE)),
                            decision("c-1", 3, Set.of()),
                            rating("c-1", 4, 5),
                            decision("c-1", 5, Set.of(SuppressionReason.OPTED_OUT))));

            assertThat(store.experimentLog().suppressions(T0))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            SuppressionReason.REPEATED_LINE, 2L,
                            SuppressionReason.ONE_PER_REPLY, 1L,
                            SuppressionReason.OPTED_OUT, 1L));
            assertThat(store.experimentLog().suppressions(T0.plusSeconds(3)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(SuppressionReason.OPTED_OUT, 1L));
        }
    }

    private static ConversationEvent decision(String conversation, int second, Set<SuppressionReason> suppressed) {
        return new ConversationEvent.Replied(
                conversation,
                T0.plusSeconds(second),
                new ConversationEvent.Turn(
                        2,
                        new MessageSignals("delivery_time", 0.9, 0.0, 0.0, 0.0, Language.ZH),
                        AnswerTrace.NONE,
                        suppressed),
                AnswerKind.GROUNDED,
                List.of("policy-shipping"),
                List.of());
    }

    private static Conversation conversation(JdbcConversationStore store, String id) {
        return store.find(id).orElseThrow();
    }

    private static ConversationEvent handoff(String conversation, int second) {
        return new ConversationEvent.HandedOff(
                conversation,
                T0.plusSeconds(second),
                new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of()),
                Priority.NORMAL,
                null);
    }

    private static ConversationEvent rating(String conversation, int second, int score) {
        return new ConversationEvent.Rated(conversation, T0.plusSeconds(second), score, null, null);
    }

    private static ConversationEvent feedback(String conversation, int second, boolean helpful) {
        return new ConversationEvent.FeedbackGiven(conversation, T0.plusSeconds(second), 2, helpful);
    }

    @Test
    void should_count_each_shopper_once_in_their_first_arm_and_conversions_only_inside_the_window() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            JdbcExperimentLog log = store.experimentLog();
            log.exposed(new Exposure("exp", "a", "script", "alice", "c-alice", T0));
            log.exposed(new Exposure("exp", "a", "script", "alice", "c-alice", T0.plusSeconds(60))); // again: once
            log.exposed(new Exposure("exp", "b", "script", "bob", "c-bob", T0));
            log.exposed(new Exposure("exp", "holdout", "script", "carol", "c-carol", T0));
            log.exposed(new Exposure("exp", "b", "script", "c-anon", "c-anon", T0)); // anonymous: key = conversation
            log.exposed(new Exposure("other", "a", "script", "dave", "c-dave", T0));

            log.event(new StorefrontEvent("alice", "order_placed", "p-1", 89.0, null, T0.plus(Duration.ofHours(1))));
            log.event(new StorefrontEvent("bob", "order_placed", null, 10.0, null, T0.minusSeconds(1))); // before
            log.event(new StorefrontEvent("bob", "added_to_cart", null, null, null, T0.plus(Duration.ofHours(73))));
            log.event(new StorefrontEvent("carol", "product_viewed", "p-1", null, null, T0.plusSeconds(5))); // no
            log.event(new StorefrontEvent("guest-9", "slot_clicked", null, null, "c-anon", T0.plusSeconds(9)));
            log.event(new StorefrontEvent("dave", "order_placed", null, 1.0, null, T0.plusSeconds(9)));

            Map<String, ArmTally> tally = log.tally("exp", WINDOW);

            assertThat(tally).containsOnlyKeys("a", "b", "holdout");
            assertThat(tally.get("a").counts()).isEqualTo(new Counts(1, 1));
            assertThat(tally.get("b").counts())
                    .as("the anonymous shopper's click is a click, not a conversion")
                    .isEqualTo(new Counts(2, 0));
            assertThat(tally.get("holdout").counts()).isEqualTo(new Counts(1, 0));
            assertThat(tally.get("a").orders()).isEqualTo(1);
            assertThat(tally.get("a").revenue()).isEqualTo(89.0);
            assertThat(tally.get("b").clicks())
                    .as("the anonymous shopper's click")
                    .isEqualTo(1);
            assertThat(tally.get("b").orders())
                    .as("bob's order came before his exposure")
                    .isZero();
            assertThat(log.tally("exp", Duration.ofHours(74)).get("b").counts()).isEqualTo(new Counts(2, 1));
            assertThat(log.tally("missing", WINDOW)).isEmpty();

            assertThat(log.events("bob", T0))
                    .extracting(StorefrontEvent::type, StorefrontEvent::amount)
                    .containsExactly(org.assertj.core.api.Assertions.tuple("added_to_cart", null));
            assertThat(log.events("alice", T0.minusSeconds(60))).singleElement().satisfies(e -> {
                assertThat(e.amount()).isEqualTo(89.0);
                assertThat(e.productId()).isEqualTo("p-1");
                assertThat(e.at()).isEqualTo(T0.plus(Duration.ofHours(1)));
            });
        }
    }
}
