package dev.kefu.channels.jdbc;

import dev.kefu.core.analytics.ConversationFacts;
import dev.kefu.core.conversation.Conversation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V9: the analytics row of every conversation ({@link FactsTable}), created and filled
 * from the stored conversations and their events by the same function the store writes it with on
 * every save ({@link ConversationFacts#of}). A Java migration because the facts are computed in
 * Java (no SQL computes them portably between H2 and PostgreSQL); returns are marked after every
 * row is in, so the order conversations are read in does not matter. It reads conversations with
 * the store's current reader, so it runs after every migration that adds a column that reader
 * selects (V8 added {@code order_thread}); a later such column needs the reader to tolerate its absence.
 */
final class AnalyticsFactsMigration extends CodeMigration {
    AnalyticsFactsMigration() {
        super("9", "analytics facts");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        execute(connection, FactsTable.DDL);
        execute(connection, DailyRollup.DDL);
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM conversations ORDER BY id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        List<ConversationFacts> written = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
            for (Conversation c : JdbcConversationStore.query(connection, "c.id IN (" + marks + ")", batch)) {
                ConversationFacts facts = ConversationFacts.of(c, JdbcConversationStore.events(connection, c.id()));
                FactsTable.write(connection, facts);
                written.add(facts);
            }
        }
        FactsTable.markReturns(connection, written);
    }
}
