package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.contract.ConversationStoreContract;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.Speaker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcConversationStoreH2Test extends ConversationStoreContract {
    @TempDir
    Path dataDir;

    static JdbcConversationStore open(Path dataDir) {
        return JdbcConversationStore.open(
                new StorageConfig(null, null, null, 4), new ConversationConfig(1_000, 60), dataDir);
    }

    @Override
    protected ConversationStore newStore() {
        return closeAfterTest(open(dataDir));
    }

    @Override
    protected ConversationStore freshView() {
        return closeAfterTest(open(dataDir));
    }

    @Test
    void should_keep_database_in_data_directory_when_no_url_is_configured() {
        assertThat(dataDir.resolve("db").resolve("kefu.mv.db")).isRegularFile();
    }

    @Test
    void should_find_everything_when_reopened_from_same_directory() {
        store.save(agentConversation("c-1"), agentEvents("c-1"));
        store.save(shopperSays("c-2", "hello"));
        ((JdbcConversationStore) store).close();

        try (JdbcConversationStore reopened = open(dataDir)) {
            assertThat(reopened.find("c-1")).contains(agentConversation("c-1"));
            assertThat(reopened.events("c-1")).isEqualTo(agentEvents("c-1"));
            assertThat(reopened.inStates(EnumSet.of(ConversationState.AGENT, ConversationState.BOT)))
                    .containsExactly(agentConversation("c-1"), shopperSays("c-2", "hello"));
        }
    }

    @Test
    void should_leave_nothing_behind_when_save_fails_after_writing_rows() throws SQLException {
        // The event is written last, after the conversation row and the messages.
        try (Connection connection = DriverManager.getConnection(JdbcConversationStore.embeddedUrl(dataDir), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE conversation_events ADD CONSTRAINT no_boom CHECK (actor <> 'agent:boom')");
        }
        Conversation first = shopperSays("c-1", "hello");
        ConversationEvent ok = reply("c-1", 2, 2);
        store.save(first, List.of(ok));

        Conversation more = first.withSignals(1, SIGNALS)
                .append(Speaker.BOT, "Hi!", List.of(), T0.plusMillis(3))
                .withState(ConversationState.CLOSED);
        assertThatThrownBy(() -> store.save(more, List.of(boom("c-1"))))
                .isInstanceOf(JdbcConversationStore.StorageException.class)
                .hasMessageContaining("c-1");
        assertThatThrownBy(() -> store.save(shopperSays("c-new", "hi"), List.of(boom("c-new"))))
                .isInstanceOf(JdbcConversationStore.StorageException.class);

        assertThat(store.find("c-1")).contains(first);
        ConversationStore fresh = freshView();
        assertThat(fresh.find("c-1")).contains(first);
        assertThat(fresh.events("c-1")).containsExactly(ok);
        assertThat(fresh.find("c-new")).isEmpty();
        assertThat(fresh.events("c-new")).isEmpty();

        store.save(more);
        assertThat(freshView().find("c-1")).contains(more);
    }

    private static ConversationEvent boom(String id) {
        return new ConversationEvent.Released(id, T0.plusMillis(9), "boom");
    }

    @Test
    void should_store_signals_when_saved_by_a_store_that_has_not_cached_the_conversation() {
        Conversation unanalysed = shopperSays("c-1", "where is my parcel");
        store.save(unanalysed);

        Conversation analysed =
                unanalysed.withSignals(1, SIGNALS).append(Speaker.BOT, "Today.", List.of(), T0.plusMillis(4));
        freshView().save(analysed);

        assertThat(freshView().find("c-1")).contains(analysed);
    }

    @Test
    void should_refuse_to_drop_stored_messages() {
        Conversation two = shopperSays("c-1", "hi").append(Speaker.BOT, "Hello!", List.of(), T0.plusMillis(2));
        store.save(two);

        assertThatThrownBy(() -> store.save(shopperSays("c-1", "hi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only appended");
        assertThat(freshView().find("c-1")).contains(two);
    }

    @Test
    void should_name_database_without_password_when_it_cannot_be_reached() {
        StorageConfig unreachable =
                new StorageConfig("jdbc:postgresql://127.0.0.1:1/kefu?user=kefu&password=hunter2", null, "s3cret", 2);

        assertThatThrownBy(() -> JdbcConversationStore.open(unreachable, new ConversationConfig(10, 10), dataDir))
                .isInstanceOf(JdbcConversationStore.StorageException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/kefu?user=kefu&password=***")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void should_create_schema_once_when_opened_again() throws SQLException {
        ((JdbcConversationStore) store).close();
        open(dataDir).close();

        try (Connection connection = DriverManager.getConnection(JdbcConversationStore.embeddedUrl(dataDir), "sa", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\"")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }
}
