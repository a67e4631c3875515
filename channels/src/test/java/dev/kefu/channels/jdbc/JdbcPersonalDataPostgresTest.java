package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.Speaker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** On the PostgreSQL of {@code KEFU_TEST_POSTGRES_URL}, in a schema of its own per test. */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class JdbcPersonalDataPostgresTest extends JdbcPersonalDataContract {
    private static final String URL = System.getenv("KEFU_TEST_POSTGRES_URL");

    @TempDir
    Path dataDir;

    private String schema;
    private String schemaUrl;

    @Override
    protected JdbcConversationStore open() throws SQLException {
        schema = "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute(URL, "CREATE SCHEMA " + schema);
        schemaUrl = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return JdbcConversationStore.open(
                new StorageConfig(schemaUrl, null, null, 4), new ConversationConfig(1_000, 60), dataDir);
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(schemaUrl);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        store.close();
        execute(URL, "DROP SCHEMA " + schema + " CASCADE");
    }

    /** The finding: PostgreSQL refuses a NUL, and the driver's message holds the whole statement's values. */
    @Test
    void should_name_no_stored_value_when_postgresql_refuses_a_nul_in_a_text() {
        var withNul = conversation("c-nul", "ann", T0).append(Speaker.SHOPPER, TEXT + "\u0000", List.of(), T0);

        assertThatThrownBy(() -> store.save(withNul))
                .isInstanceOfSatisfying(JdbcConversationStore.StorageException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e)
                            .hasMessageStartingWith("cannot save conversation c-nul (SQLState 22");
                    assertNoPersonalData(e);
                });
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
