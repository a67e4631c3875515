package dev.kefu.channels.jdbc;

import dev.kefu.channels.http.WebhookOutbox;
import dev.kefu.channels.jdbc.JdbcConversationStore.StorageException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The webhook outbox in the conversation database (table of migration V11), the same on H2 and
 * PostgreSQL. An attempt is claimed by a conditional update on the attempts counter, so two
 * drainers never post one row at once, without holding a transaction across the HTTP call.
 */
public final class JdbcWebhookOutbox implements WebhookOutbox {
    private final DataSource database;

    JdbcWebhookOutbox(DataSource database) {
        this.database = database;
    }

    @Override
    public boolean add(String event, String idempotencyKey, About about, URI url, String body, Instant at) {
        try (Connection c = database.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO webhook_outbox"
                        + " (event, idempotency_key, url, body, attempts, next_at, created_at, conversation_id,"
                        + " shopper_id) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
            insert.setString(1, event);
            insert.setString(2, idempotencyKey);
            insert.setString(3, url.toString());
            insert.setString(4, body);
            insert.setObject(5, at.atOffset(ZoneOffset.UTC));
            insert.setObject(6, at.atOffset(ZoneOffset.UTC));
            insert.setString(7, about.conversationId());
            insert.setString(8, about.shopperId());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (JdbcConversationStore.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw StorageException.of("cannot add a webhook post", e);
        }
    }

    @Override
    public List<Pending> due(Instant now, int limit) {
        try (Connection c = database.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT id, event, idempotency_key, url, body, attempts FROM webhook_outbox"
                                + " WHERE next_at <= ? ORDER BY next_at, id")) {
            select.setObject(1, now.atOffset(ZoneOffset.UTC));
            select.setMaxRows(limit);
            List<Pending> due = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    due.add(new Pending(
                            row.getLong(1),
                            row.getString(2),
                            row.getString(3),
                            URI.create(row.getString(4)),
                            row.getString(5),
                            row.getInt(6)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw StorageException.of("cannot read the due webhook posts", e);
        }
    }

    @Override
    public boolean claim(Pending pending, Instant until) {
        return update(
                        "UPDATE webhook_outbox SET attempts = attempts + 1, next_at = ? WHERE id = ? AND attempts = ?",
                        until,
                        pending.id(),
                        pending.attempts())
                == 1;
    }

    @Override
    public void retryAt(long id, Instant at) {
        update("UPDATE webhook_outbox SET next_at = ? WHERE id = ?", at, id, null);
    }

    @Override
    public void remove(long id) {
        try (Connection c = database.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM webhook_outbox WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("cannot remove a webhook post", e);
        }
    }

    private int update(String sql, Instant at, long id, Integer attempts) {
        try (Connection c = database.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            update.setObject(1, at.atOffset(ZoneOffset.UTC));
            update.setLong(2, id);
            if (attempts != null) {
                update.setInt(3, attempts);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("cannot update a webhook post", e);
        }
    }
}
