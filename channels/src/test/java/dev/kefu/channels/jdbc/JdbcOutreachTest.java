package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.outreach.Channel;
import dev.kefu.core.outreach.HoldReason;
import dev.kefu.core.outreach.OutreachRecord;
import dev.kefu.core.outreach.OutreachSources.CartLeft;
import dev.kefu.core.outreach.Trigger;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outreach's log, opt-outs and trigger sources in the embedded database. */
class JdbcOutreachTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void should_find_carts_left_without_a_later_order_of_the_same_shopper() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            JdbcExperimentLog events = store.experimentLog();
            JdbcOutreach outreach = store.outreach();
            events.event(new StorefrontEvent("ann", "added_to_cart", "p1", null, null, T0));
            events.event(new StorefrontEvent("ben", "added_to_cart", "p2", null, null, T0));
            events.event(new StorefrontEvent("ben", "order_placed", "p2", 10.0, null, T0.plusSeconds(5)));
            events.event(new StorefrontEvent("cat", "order_placed", "p3", 10.0, null, T0));
            events.event(new StorefrontEvent("cat", "added_to_cart", "p3", null, null, T0.plusSeconds(5)));
            events.event(new StorefrontEvent("dan", "added_to_cart", "p4", null, null, T0.plusSeconds(60)));

            List<CartLeft> left = outreach.cartsLeft(T0, T0.plusSeconds(30));

            assertThat(left).extracting(CartLeft::shopperId).containsExactly("ann", "cat");
            assertThat(left).extracting(CartLeft::productId).containsExactly("p1", "p3");
        }
    }

    @Test
    void should_keep_the_newest_carts_when_more_were_left_than_one_read_returns() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            JdbcExperimentLog events = store.experimentLog();
            for (String shopper : List.of("ann", "ben", "cat", "dan")) {
                events.event(new StorefrontEvent(
                        shopper, "added_to_cart", "p1", null, null, T0.plusSeconds(shopper.charAt(0))));
            }

            List<CartLeft> left = store.outreach(3).cartsLeft(T0, T0.plusSeconds(3_600));

            // the oldest (decided long ago on a busy day) is dropped, not the carts just left
            assertThat(left).extracting(CartLeft::shopperId).containsExactly("ben", "cat", "dan");
        }
    }

    @Test
    void should_decide_a_candidate_once_and_keep_sent_messages_and_opt_outs() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            JdbcOutreach outreach = store.outreach();
            OutreachRecord sent = new OutreachRecord(
                    "cart:cart:1",
                    "cart",
                    Trigger.CART_ABANDONED,
                    "ann",
                    "c-ann",
                    "p1",
                    null,
                    Channel.WIDGET,
                    "message",
                    "hi",
                    T0);
            OutreachRecord held = new OutreachRecord(
                    "cart:cart:2",
                    "cart",
                    Trigger.CART_ABANDONED,
                    "ben",
                    null,
                    "p2",
                    HoldReason.OPTED_OUT,
                    null,
                    null,
                    "hi",
                    T0.plusSeconds(1));

            assertThat(outreach.record(sent)).isTrue();
            assertThat(outreach.record(sent)).as("the same candidate again").isFalse();
            assertThat(outreach.record(held)).isTrue();
            assertThat(outreach.decided("cart:cart:1")).isTrue();
            assertThat(outreach.decided("cart:cart:3")).isFalse();
            assertThat(outreach.sentTo("ann", T0)).containsExactly(sent);
            assertThat(outreach.sentTo("ben", T0)).isEmpty();
            assertThat(outreach.recent(T0, 10)).containsExactly(held, sent);
            assertThat(outreach.ofRule("cart", T0)).hasSize(2);

            assertThat(outreach.optedOut("ann")).isFalse();
            outreach.optOut("ann", "widget", T0);
            outreach.optOut("ann", "store", T0.plusSeconds(1)); // again: kept once
            assertThat(outreach.optedOut("ann")).isTrue();
        }
    }

    @Test
    void should_find_a_verified_shopper_s_conversations_and_tagged_shoppers() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            store.save(Conversation.start("c-1", new ShopperContext("ann", Set.of(), true), T0));
            store.save(Conversation.start("c-2", new ShopperContext("ann", Set.of(), false), T0));
            store.save(Conversation.start("c-3", new ShopperContext("ann", Set.of(), true), T0.plusSeconds(60)));
            store.save(Conversation.start("c-old", new ShopperContext("ann", Set.of(), true), T0.minusSeconds(1)));
            // an anonymous shopper's key is their conversation's id
            store.save(Conversation.start("w-9", new ShopperContext("w-9", Set.of(), false), T0.plusSeconds(5)));
            store.shopperProfiles().put("ann", Set.of("silent_30d"), "store", T0);
            store.shopperProfiles().put("ben", Set.of("silent_30d_x"), "store", T0);
            JdbcOutreach outreach = store.outreach();

            assertThat(outreach.conversationsOf("ann", T0)).containsExactly("c-3", "c-1"); // newest first
            assertThat(outreach.conversationsOf("w-9", T0)).containsExactly("w-9");
            assertThat(outreach.conversationsOf("w-9", T0.plusSeconds(6))).isEmpty();
            assertThat(outreach.tagged("silent_30d", 10)).containsExactly("ann");
            assertThat(outreach.tagsOf("ann")).containsExactly("silent_30d");
        }
    }
}
