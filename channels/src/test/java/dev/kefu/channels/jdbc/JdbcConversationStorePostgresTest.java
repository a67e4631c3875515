package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.contract.ConversationStoreContract;
import dev.kefu.core.conversation.ConversationStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against a real PostgreSQL, given by {@code KEFU_TEST_POSTGRES_URL} (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; CI sets it). Each test gets its own
 * new schema, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class JdbcConversationStorePostgresTest extends ConversationStoreContract {
    private static final String URL = System.getenv("KEFU_TEST_POSTGRES_URL");

    @TempDir
    Path dataDir;

    private String schema;
    private String schemaUrl;

    @Override
    protected ConversationStore newStore() throws SQLException {
        schema = "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        closeAfterTest(() -> execute("DROP SCHEMA " + schema + " CASCADE"));
        schemaUrl = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return freshView();
    }

    @Override
    protected ConversationStore freshView() {
        return closeAfterTest(JdbcConversationStore.open(
                new StorageConfig(schemaUrl, null, null, 4), new ConversationConfig(1_000, 60), dataDir));
    }

    @Test
    void should_create_tables_in_the_connection_schema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_schema FROM information_schema.tables"
                        + " WHERE table_name = 'conversations' AND table_schema = '" + schema + "'")) {
            assertThat(rows.next()).isTrue();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
