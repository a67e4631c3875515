package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.http.WebhookOutbox;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookOutboxH2Test extends WebhookOutboxContract {
    @Override
    protected JdbcConversationStore open() {
        return JdbcConversationStoreH2Test.open(dataDir.resolve("h2"));
    }

    /** V11 came after V12-V14: a database that has those (an earlier version's) takes it at start. */
    @Test
    void should_add_the_outbox_when_the_database_has_the_later_migrations_already() throws SQLException {
        store.close();
        try (Connection c = DriverManager.getConnection(
                        JdbcConversationStore.embeddedUrl(dataDir.resolve("h2")), "sa", null);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE webhook_outbox");
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('11', '15')");
        }
        store = open();

        assertThat(store.webhookOutbox()
                        .add(
                                "handoff",
                                "k",
                                WebhookOutbox.About.nobody(),
                                URI.create("http://127.0.0.1/"),
                                "{}",
                                Instant.now()))
                .isTrue();
    }
}
