package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.channels.http.WebhookOutbox;
import dev.kefu.channels.http.WebhookOutbox.About;
import dev.kefu.channels.jdbc.JdbcPersonalData.ShopperData;
import dev.kefu.channels.jdbc.JdbcPersonalData.StoredConversation;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderItem;
import dev.kefu.core.order.OrderStatus;
import dev.kefu.core.slot.experiment.ExperimentLog.Exposure;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Export, erasure and retention of a shopper's data, and database failures that name no stored
 * value, on each database: {@link JdbcPersonalDataH2Test}, {@link JdbcPersonalDataPostgresTest}.
 */
abstract class JdbcPersonalDataContract {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    /** A shopper's phone, e-mail and order number: none of them may reach a log in clear. */
    static final List<String> PERSONAL = List.of("13800138000", "li.na@example.com", "DD20261122001");

    static final String TEXT = "my phone is 13800138000, li.na@example.com, order DD20261122001 never came";

    protected JdbcConversationStore store;
    protected JdbcPersonalData data;

    /** A store over a fresh, empty database. */
    protected abstract JdbcConversationStore open() throws SQLException;

    /** A connection to the same database, for what the store does not do (break it, read raw rows). */
    protected abstract Connection connect() throws SQLException;

    @BeforeEach
    void openStore() throws SQLException {
        store = open();
        data = store.personalData(ConversationLocks.inProcess());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Ann's two conversations (one anonymous-keyed event), Bob's one, and what the storefront said. */
    private void storeTwoShoppers() {
        store.save(
                conversation("c-ann-1", "ann", T0)
                        .append(Speaker.BOT, "Sorry to hear that.", List.of(), T0.plusSeconds(1)),
                List.of(
                        new ConversationEvent.FeedbackGiven("c-ann-1", T0.plusSeconds(2), 2, false),
                        new ConversationEvent.Rated("c-ann-1", T0.plusSeconds(3), 2, "call me on 13800138000", null)));
        store.save(conversation("c-ann-2", "ann", T0.plusSeconds(10)));
        store.save(conversation("c-bob", "bob", T0), List.of(new ConversationEvent.Rated("c-bob", T0, 5, null, null)));
        JdbcExperimentLog log = store.experimentLog();
        log.event(new StorefrontEvent("ann", "order_placed", "p-1", 99.0, null, T0.plusSeconds(4)));
        log.event(new StorefrontEvent("anon-1", "slot_clicked", null, null, "c-ann-2", T0.plusSeconds(11)));
        log.event(new StorefrontEvent("bob", "order_placed", "p-1", 5.0, "c-bob", T0));
        log.exposed(new Exposure("exp", "a", "script", "ann", "c-ann-1", T0.plusSeconds(1)));
        log.exposed(new Exposure("exp", "b", "script", "bob", "c-bob", T0));
        store.shopperProfiles().put("ann", Set.of("vip_gold"), "shop", T0);
        store.shopperProfiles().put("bob", Set.of("newcomer"), "shop", T0);
        store.orders().put(order("SO-ANN-1", "ann", T0), "shop", T0);
        store.orders().put(order("SO-ANN-2", "ann", T0.plusSeconds(5)), "shop", T0);
        store.orders().put(order("SO-BOB-1", "bob", T0), "shop", T0);
        // webhook posts still waiting: a hand-off of Ann's conversation, outreach to Ann, and Bob's hand-off
        URI hook = URI.create("http://127.0.0.1:1/hook");
        store.webhookOutbox()
                .add("handoff", "c-ann-1:1", new About("c-ann-1", null), hook, "{\"t\":\"" + TEXT + "\"}", T0);
        store.webhookOutbox().add("outreach", "rule:ann", new About(null, "ann"), hook, "{}", T0);
        store.webhookOutbox().add("handoff", "c-bob:1", new About("c-bob", "bob"), hook, "{}", T0);
    }

    private static Order order(String orderNo, String shopperId, Instant placedAt) {
        return new Order(
                orderNo,
                shopperId,
                "1234",
                OrderStatus.PAID,
                placedAt,
                List.of(new OrderItem(null, "Stroller", 1, java.math.BigDecimal.TEN)),
                List.of());
    }

    static Conversation conversation(String id, String shopperId, Instant at) {
        return Conversation.start(id, new ShopperContext(shopperId, Set.of("mother_baby")), at)
                .append(Speaker.SHOPPER, TEXT, List.of(), at);
    }

    @Test
    void should_export_every_conversation_event_tag_and_exposure_of_a_shopper_and_nothing_of_another() {
        storeTwoShoppers();

        ShopperData ann = data.export("ann");

        assertThat(ann.conversations()).extracting(c -> c.conversation().id()).containsExactly("c-ann-1", "c-ann-2");
        StoredConversation first = ann.conversations().get(0);
        assertThat(first.conversation().messages()).extracting(m -> m.text()).contains(TEXT);
        assertThat(first.events())
                .extracting(JdbcPersonalData.StoredEvent::type)
                .containsExactly("feedback", "rating");
        assertThat(first.events().get(1).data()).contains("call me on 13800138000");
        assertThat(ann.storefrontEvents())
                .extracting(StorefrontEvent::type, StorefrontEvent::shopperId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order_placed", "ann"),
                        org.assertj.core.groups.Tuple.tuple("slot_clicked", "anon-1"));
        assertThat(ann.exposures()).extracting(Exposure::conversationId).containsExactly("c-ann-1");
        assertThat(ann.profile()).hasValueSatisfying(p -> assertThat(p.tags()).containsExactly("vip_gold"));
        assertThat(ann.orders()).hasSize(2);
        assertThat(ann.orders().get(0)).as("newest first").contains("SO-ANN-2", "\"phoneLast4\":\"1234\"");
        assertThat(ann.orders().get(1)).contains("SO-ANN-1");

        ShopperData nobody = data.export("nobody");
        assertThat(nobody.conversations()).isEmpty();
        assertThat(nobody.storefrontEvents()).isEmpty();
        assertThat(nobody.exposures()).isEmpty();
        assertThat(nobody.profile()).isEmpty();
        assertThat(nobody.orders()).isEmpty();
    }

    @Test
    void should_erase_a_shopper_in_one_go_count_each_kind_and_keep_an_audit_line_without_the_content()
            throws SQLException {
        storeTwoShoppers();
        assertThat(store.find("c-ann-1")).isPresent(); // cached
        List<Set<String>> askedElsewhere = new ArrayList<>();

        Map<String, Integer> counts = data.erase("ann", "shop", T0.plusSeconds(60), ids -> {
            askedElsewhere.add(ids);
            return 1;
        });

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("conversations", 2);
        expected.put("messages", 3);
        expected.put("conversationEvents", 2);
        expected.put("storefrontEvents", 2);
        expected.put("experimentExposures", 1);
        expected.put("shopperProfiles", 1);
        expected.put("orders", 2);
        expected.put("outreachDecisions", 0);
        expected.put("webhookPosts", 2);
        expected.put("unansweredQuestions", 1);
        assertThat(counts).containsExactlyEntriesOf(expected);
        assertThat(askedElsewhere).containsExactly(Set.of("c-ann-1", "c-ann-2"));
        assertThat(store.find("c-ann-1")).isEmpty();
        assertThat(store.events("c-ann-1")).isEmpty();
        ShopperData gone = data.export("ann");
        assertThat(gone.conversations()).isEmpty();
        assertThat(gone.storefrontEvents()).isEmpty();
        assertThat(gone.orders()).isEmpty();
        assertThat(store.orders().find("SO-ANN-1")).isEmpty();
        assertThat(store.orders().find("SO-BOB-1")).as("another shopper's").isPresent();
        assertThat(gone.exposures()).isEmpty();
        assertThat(gone.profile()).isEmpty();
        assertThat(data.export("bob").conversations()).hasSize(1);
        assertThat(data.export("bob").storefrontEvents()).hasSize(1);
        assertThat(data.export("bob").exposures()).hasSize(1);
        assertThat(store.webhookOutbox().due(T0.plusSeconds(60), 10))
                .as("only Bob's post is still waiting")
                .extracting(WebhookOutbox.Pending::idempotencyKey)
                .containsExactly("c-bob:1");

        assertThat(data.erasures()).singleElement().satisfies(erasure -> {
            assertThat(erasure.shopperHash())
                    .isEqualTo(JdbcPersonalData.hash("ann"))
                    .hasSize(64);
            assertThat(erasure.erasedBy()).isEqualTo("shop");
            assertThat(erasure.erasedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(erasure.counts()).containsExactlyEntriesOf(expected);
        });
        assertThat(rawRows("shopper_erasures")).doesNotContain("ann", TEXT).contains(JdbcPersonalData.hash("ann"));

        assertThat(data.erase("ann", "shop", T0.plusSeconds(61), ids -> 0).values())
                .as("erasing again finds nothing")
                .containsOnly(0);
    }

    @Test
    void should_keep_everything_when_the_inbox_cannot_be_erased() {
        storeTwoShoppers();

        assertThatThrownBy(() -> data.erase("ann", "shop", T0, ids -> {
                    throw new IllegalStateException("inbox unwritable");
                }))
                .hasMessage("inbox unwritable");

        ShopperData ann = data.export("ann");
        assertThat(ann.conversations()).hasSize(2);
        assertThat(ann.storefrontEvents()).hasSize(2);
        assertThat(ann.profile()).isPresent();
        assertThat(data.erasures()).isEmpty();
    }

    @Test
    void should_delete_conversations_idle_past_the_cutoff_with_their_messages_and_events_and_keep_the_rest() {
        Duration day = Duration.ofDays(1);
        Instant old = T0.minus(day.multipliedBy(40));
        for (int i = 0; i < JdbcPersonalData.BATCH + 3; i++) { // more than one batch
            store.save(conversation("c-old-" + i, "ann", old), List.of(rated("c-old-" + i, old)));
        }
        store.save(conversation("c-recent", "ann", T0.minus(day)), List.of(rated("c-recent", T0.minus(day))));
        store.save(conversation("c-revived", "ann", old).append(Speaker.SHOPPER, "still there?", List.of(), T0));
        JdbcExperimentLog log = store.experimentLog();
        log.event(new StorefrontEvent("ann", "order_placed", null, 1.0, null, old));
        log.event(new StorefrontEvent("ann", "order_placed", null, 2.0, null, T0));
        log.exposed(new Exposure("exp", "a", "script", "ann", "c-old-0", old));
        log.exposed(new Exposure("exp", "a", "script", "ann", "c-recent", T0.minus(day)));

        Map<String, Integer> counts = data.deleteOlderThan(T0.minus(day.multipliedBy(30)));

        assertThat(counts)
                .containsEntry("conversations", JdbcPersonalData.BATCH + 3)
                .containsEntry("messages", JdbcPersonalData.BATCH + 3)
                .containsEntry("conversationEvents", JdbcPersonalData.BATCH + 3)
                .containsEntry("storefrontEvents", 1)
                .containsEntry("experimentExposures", 1);
        assertThat(store.find("c-old-0")).isEmpty();
        ShopperData left = data.export("ann");
        assertThat(left.conversations())
                .extracting(c -> c.conversation().id())
                .containsExactly("c-recent", "c-revived");
        assertThat(left.conversations().get(0).events()).hasSize(1);
        assertThat(left.storefrontEvents()).extracting(StorefrontEvent::amount).containsExactly(2.0);
        assertThat(left.exposures()).extracting(Exposure::conversationId).containsExactly("c-recent");
    }

    private static ConversationEvent rated(String id, Instant at) {
        return new ConversationEvent.Rated(id, at, 4, null, null);
    }

    @Test
    void should_name_the_operation_and_sqlstate_but_no_stored_value_when_a_write_fails() throws SQLException {
        store.save(Conversation.start("c-1", new ShopperContext("ann", Set.of()), T0)
                .append(Speaker.SHOPPER, "hello", List.of(), T0));
        try (Connection c = connect();
                Statement statement = c.createStatement()) {
            // H2 then names the value that is too long, PostgreSQL the whole statement's values
            statement.execute("ALTER TABLE messages ALTER COLUMN text SET DATA TYPE VARCHAR(20)");
        }
        Conversation more = store.find("c-1").orElseThrow().append(Speaker.SHOPPER, TEXT, List.of(), T0.plusSeconds(1));

        assertThatThrownBy(() -> store.save(more))
                .isInstanceOfSatisfying(JdbcConversationStore.StorageException.class, e -> {
                    assertThat(e).hasMessageStartingWith("cannot save conversation c-1 (SQLState 22");
                    assertNoPersonalData(e);
                });
    }

    /** Neither the exception nor anything it carries (causes, suppressed, next exceptions) names a value. */
    static void assertNoPersonalData(Throwable thrown) {
        List<String> texts = new ArrayList<>();
        collect(thrown, texts);
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(PERSONAL));
    }

    private static void collect(Throwable t, List<String> texts) {
        if (t == null) {
            return;
        }
        texts.add(t.toString());
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t) {
            collect(sql.getNextException(), texts);
        }
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, texts);
        }
        if (t.getCause() != t) {
            collect(t.getCause(), texts);
        }
    }

    private String rawRows(String table) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection c = connect();
                Statement statement = c.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM " + table)) {
            while (row.next()) {
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    rows.append(row.getString(i)).append('|');
                }
                rows.append('\n');
            }
        }
        return rows.toString();
    }
}
