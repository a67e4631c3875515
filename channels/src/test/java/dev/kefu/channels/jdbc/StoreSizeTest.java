package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.message.ShopperContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes stored per single-message conversation (a shopper's question and the bot's answer with its
 * event, saved as the pipeline saves a turn: in one transaction), on embedded H2 (the data
 * directory while the store is open, and after it closed) and on PostgreSQL (its tables). The
 * bounds are well above what was measured (docs/BENCHMARKS.md, "Storage per conversation"), so a
 * regression shows: the closed H2 one is issue 17's target.
 */
class StoreSizeTest {
    private static final int CONVERSATIONS = 400;

    @TempDir
    Path dataDir;

    @Test
    void should_keep_a_single_message_conversation_under_8_kb_on_embedded_h2_once_closed() {
        double open;
        try (JdbcConversationStore store = open(null)) {
            write(store, CONVERSATIONS);
            open = (double) size(dataDir) / CONVERSATIONS;
        }
        double closed = (double) size(dataDir) / CONVERSATIONS;
        System.out.printf(Locale.ROOT, "H2: %.0f bytes per conversation open, %.0f closed%n", open, closed);
        assertThat(open).as("bytes per conversation while open").isLessThan(32 * 1024);
        assertThat(closed).as("bytes per conversation once closed").isLessThan(8 * 1024);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
    void should_keep_a_single_message_conversation_under_4_kb_on_postgresql() throws SQLException {
        String url = System.getenv("KEFU_TEST_POSTGRES_URL");
        String schema = "kefu_size_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, "CREATE SCHEMA " + schema);
        try {
            try (JdbcConversationStore store =
                    open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema)) {
                write(store, CONVERSATIONS);
            }
            long bytes;
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement();
                    ResultSet sum = statement.executeQuery("SELECT sum(pg_total_relation_size(c.oid))"
                            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = '" + schema + "' AND c.relkind = 'r'")) {
                sum.next();
                bytes = sum.getLong(1);
            }
            double perConversation = (double) bytes / CONVERSATIONS;
            System.out.printf(Locale.ROOT, "PostgreSQL: %.0f bytes per conversation%n", perConversation);
            assertThat(perConversation).isLessThan(4 * 1024);
        } finally {
            execute(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private JdbcConversationStore open(String url) {
        return JdbcConversationStore.open(
                new StorageConfig(url, null, null, 4), new ConversationConfig(1_000, 60), dataDir);
    }

    /** Single-message conversations, saved as the pipeline saves a turn. */
    private static void write(JdbcConversationStore store, int count) {
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String id = UUID.randomUUID().toString();
            Conversation c = Conversation.start(id, ShopperContext.anonymous(), now)
                    .append(Speaker.SHOPPER, "can I return the earbuds I bought last week? #" + i, List.of(), now)
                    .append(
                            Speaker.BOT,
                            "Yes: unused items can be returned within 7 days of delivery; open Orders, pick the item and"
                                    + " press Return. The refund reaches your account in 3-5 days.",
                            List.of(),
                            now);
            store.save(c, List.of(new ConversationEvent.FeedbackGiven(id, now, c.nextSeq() - 1, true)));
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
