package dev.kefu.channels.jdbc;

import dev.kefu.core.slot.ScriptStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The edited script library in the conversation database (table of migration V13), shared by
 * every node on it: each save a new version (an identity column), the highest in use everywhere.
 * Two nodes saving at once both get a version, and every node uses the higher one.
 */
public final class JdbcScriptStore implements ScriptStore {
    private final DataSource database;
    private final Clock clock;

    JdbcScriptStore(DataSource database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Optional<Saved> newerThan(long afterVersion) {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT version, source FROM script_releases WHERE version > ? ORDER BY version DESC LIMIT 1")) {
            query.setLong(1, afterVersion);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Saved(row.getLong(1), row.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the edited scripts", e);
        }
    }

    @Override
    public Saved save(String source) {
        try (Connection c = database.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO script_releases (source, saved_at) VALUES (?, ?)", new String[] {"version"})) {
            insert.setString(1, source);
            insert.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return new Saved(key.getLong(1), source);
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot save the edited scripts", e);
        }
    }
}
