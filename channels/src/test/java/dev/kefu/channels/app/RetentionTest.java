package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.jdbc.JdbcConversationStore;
import dev.kefu.channels.jdbc.JdbcPersonalData;
import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.contract.MutableClock;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import dev.kefu.kb.curation.UnansweredInbox;
import dev.kefu.kb.curation.UnansweredQuestion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code privacy.retentionDays}: a run deletes what is older than the period and keeps the rest. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dataDir;

    @Test
    void should_delete_conversations_events_and_questions_older_than_the_period_and_keep_recent_ones()
            throws Exception {
        MutableClock clock = new MutableClock(NOW.minus(DAY.multipliedBy(31)));
        try (JdbcConversationStore store = JdbcConversationStore.open(
                        new StorageConfig(null, null, null, 2), new ConversationConfig(100, 60), dataDir);
                UnansweredInbox inbox =
                        new UnansweredInbox(dataDir.resolve("unanswered.jsonl"), null, 100, 0.8, clock)) {
            keep(store, inbox, "c-old", clock.instant());
            clock.set(NOW.minus(DAY.multipliedBy(29)));
            keep(store, inbox, "c-recent", clock.instant());
            clock.set(NOW);
            Retention retention = new Retention(store.personalData(ConversationLocks.inProcess()), inbox, 30, clock);

            assertThat(retention.deleteOld())
                    .containsEntry(JdbcPersonalData.CONVERSATIONS, 1)
                    .containsEntry(JdbcPersonalData.MESSAGES, 1)
                    .containsEntry(JdbcPersonalData.CONVERSATION_EVENTS, 1)
                    .containsEntry(JdbcPersonalData.STOREFRONT_EVENTS, 1)
                    .containsEntry(JdbcPersonalData.UNANSWERED, 1);

            assertThat(store.find("c-old")).isEmpty();
            assertThat(store.find("c-recent")).isPresent();
            assertThat(store.events("c-recent")).hasSize(1);
            assertThat(store.experimentLog().events("ann", Instant.EPOCH))
                    .extracting(StorefrontEvent::conversationId)
                    .containsExactly("c-recent");
            assertThat(inbox.find(q -> true))
                    .extracting(UnansweredQuestion::conversationId)
                    .containsExactly("c-recent");

            clock.advance(DAY.multipliedBy(2));
            retention.run();
            assertThat(store.find("c-recent"))
                    .as("past the period two days later")
                    .isEmpty();
        }
    }

    /** A conversation of Ann's at {@code at}, with an event, a storefront event and an inbox question. */
    private static void keep(JdbcConversationStore store, UnansweredInbox inbox, String id, Instant at) {
        store.save(
                Conversation.start(id, new ShopperContext("ann", Set.of()), at)
                        .append(Speaker.SHOPPER, "do you sell opera tickets?", List.of(), at),
                List.of(new ConversationEvent.Rated(id, at, 3, null, null)));
        store.experimentLog().event(new StorefrontEvent("ann", "order_placed", null, 1.0, id, at));
        inbox.add("do you sell opera tickets?", UnansweredQuestion.Reason.NO_ANSWER, "en", id, List.of());
    }
}
