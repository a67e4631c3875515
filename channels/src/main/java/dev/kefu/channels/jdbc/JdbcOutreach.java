package dev.kefu.channels.jdbc;

import dev.kefu.core.Coded;
import dev.kefu.core.order.Order;
import dev.kefu.core.outreach.Channel;
import dev.kefu.core.outreach.HoldReason;
import dev.kefu.core.outreach.OutreachLog;
import dev.kefu.core.outreach.OutreachRecord;
import dev.kefu.core.outreach.OutreachSources;
import dev.kefu.core.outreach.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Outreach in the conversation database: its decisions and opt-outs (tables of migration V14), and
 * what its triggers read from the store's data beside them (storefront events, orders, shopper
 * profiles, conversations).
 */
public final class JdbcOutreach implements OutreachLog, OutreachSources {
    private static final String COLUMNS = "candidate_key, rule_id, trigger_type, shopper_key, conversation_id,"
            + " product_id, reason, channel, arm, body, at";
    /** The most carts {@link #cartsLeft} returns: the newest of its window. */
    static final int MAX_CARTS = 10_000;

    private final DataSource database;
    private final JdbcShopperProfiles profiles;
    private final int maxCarts;

    JdbcOutreach(DataSource database, JdbcShopperProfiles profiles, int maxCarts) {
        this.database = database;
        this.profiles = profiles;
        this.maxCarts = maxCarts;
    }

    @Override
    public boolean record(OutreachRecord r) {
        try (Connection c = database.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO outreach_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, r.key());
            insert.setString(2, r.ruleId());
            insert.setString(3, r.trigger().code());
            insert.setString(4, r.shopperKey());
            insert.setString(5, r.conversationId());
            insert.setString(6, r.productId());
            insert.setString(7, r.reason() == null ? null : r.reason().code());
            insert.setString(8, r.channel() == null ? null : r.channel().code());
            insert.setString(9, r.arm());
            insert.setString(10, r.text());
            insert.setObject(11, r.at().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (JdbcConversationStore.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw JdbcConversationStore.StorageException.of("cannot record an outreach decision", e);
        }
    }

    @Override
    public boolean decided(String key) {
        return !select("SELECT " + COLUMNS + " FROM outreach_log WHERE candidate_key = ?", 1, key)
                .isEmpty();
    }

    @Override
    public List<OutreachRecord> sentTo(String shopperKey, Instant since) {
        return select(
                "SELECT " + COLUMNS + " FROM outreach_log WHERE shopper_key = ? AND at >= ? AND reason IS NULL"
                        + " ORDER BY at DESC, id DESC",
                1_000,
                shopperKey,
                since);
    }

    @Override
    public List<OutreachRecord> recent(Instant since, int limit) {
        return select("SELECT " + COLUMNS + " FROM outreach_log WHERE at >= ? ORDER BY at DESC, id DESC", limit, since);
    }

    @Override
    public List<OutreachRecord> ofRule(String ruleId, Instant since) {
        return select(
                "SELECT " + COLUMNS + " FROM outreach_log WHERE rule_id = ? AND at >= ? ORDER BY at DESC, id DESC",
                100_000,
                ruleId,
                since);
    }

    @Override
    public void optOut(String shopperKey, String via, Instant at) {
        try (Connection c = database.getConnection();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO outreach_opt_outs (shopper_key, via, at) VALUES (?, ?, ?)")) {
            insert.setString(1, shopperKey);
            insert.setString(2, via);
            insert.setObject(3, at.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            // opted out before: the first time stays
            if (!JdbcConversationStore.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw JdbcConversationStore.StorageException.of("cannot record an opt-out", e);
            }
        }
    }

    @Override
    public boolean optedOut(String shopperKey) {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT 1 FROM outreach_opt_outs WHERE shopper_key = ?")) {
            query.setString(1, shopperKey);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read an opt-out", e);
        }
    }

    @Override
    public List<CartLeft> cartsLeft(Instant from, Instant to) {
        List<CartLeft> carts = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT e.id, e.shopper_id, e.product_id, e.conversation_id, e.at FROM storefront_events e"
                                + " WHERE e.type = 'added_to_cart' AND e.at >= ? AND e.at < ?"
                                + " AND NOT EXISTS (SELECT 1 FROM storefront_events o WHERE o.shopper_id = e.shopper_id"
                                + " AND o.type = 'order_placed' AND o.at >= e.at)"
                                // newest first, so that a bound on a busy day drops the oldest (decided long
                                // ago), not the carts just left; handed back oldest first
                                + " ORDER BY e.at DESC, e.id DESC")) {
            query.setObject(1, from.atOffset(ZoneOffset.UTC));
            query.setObject(2, to.atOffset(ZoneOffset.UTC));
            query.setMaxRows(maxCarts);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    carts.add(new CartLeft(
                            row.getLong(1),
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            JdbcConversationStore.instant(row, "at")));
                }
            }
            Collections.reverse(carts);
            return carts;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the carts left", e);
        }
    }

    @Override
    public List<Order> ordersChangedSince(Instant since) {
        List<Order> orders = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT order_no, body FROM orders WHERE updated_at >= ? ORDER BY order_no")) {
            query.setObject(1, since.atOffset(ZoneOffset.UTC));
            query.setMaxRows(10_000);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    orders.add(JdbcOrders.decode(row.getString(1), row.getString(2)));
                }
            }
            return orders;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the changed orders", e);
        }
    }

    @Override
    public List<String> tagged(String tag, int limit) {
        List<String> shoppers = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT shopper_id FROM shopper_profiles WHERE tags LIKE ? ORDER BY shopper_id")) {
            query.setString(1, "%\"" + tag + "\"%"); // the tags are a JSON array of strings
            query.setMaxRows(limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    shoppers.add(row.getString(1));
                }
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the shoppers of a tag", e);
        }
        return shoppers.stream().filter(s -> tagsOf(s).contains(tag)).toList();
    }

    @Override
    public Set<String> tagsOf(String shopperKey) {
        return profiles.tags(shopperKey);
    }

    @Override
    public List<String> conversationsOf(String shopperKey, Instant since) {
        List<String> ids = new ArrayList<>();
        try (Connection c = database.getConnection();
                // two branches, one index each: with an OR, H2 read every conversation changed in the
                // guard's days, once per candidate (most of a tick's time with 10,000 widgets open)
                PreparedStatement query = c.prepareStatement("SELECT id, updated_at FROM conversations"
                        + " WHERE shopper_id = ? AND shopper_verified AND updated_at >= ?"
                        + " UNION SELECT id, updated_at FROM conversations WHERE id = ? AND updated_at >= ?"
                        + " ORDER BY updated_at DESC")) {
            query.setString(1, shopperKey);
            query.setObject(2, since.atOffset(ZoneOffset.UTC));
            query.setString(3, shopperKey);
            query.setObject(4, since.atOffset(ZoneOffset.UTC));
            query.setMaxRows(100);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the conversations of a shopper", e);
        }
    }

    private List<OutreachRecord> select(String sql, int limit, Object... parameters) {
        List<OutreachRecord> records = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant at) {
                    query.setObject(i + 1, at.atOffset(ZoneOffset.UTC));
                } else {
                    query.setString(i + 1, (String) parameters[i]);
                }
            }
            query.setMaxRows(limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    records.add(record(row));
                }
            }
            return records;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the outreach log", e);
        }
    }

    private static OutreachRecord record(ResultSet row) throws SQLException {
        String reason = row.getString("reason");
        String channel = row.getString("channel");
        return new OutreachRecord(
                row.getString("candidate_key"),
                row.getString("rule_id"),
                Coded.find(Trigger.values(), row.getString("trigger_type")).orElseThrow(),
                row.getString("shopper_key"),
                row.getString("conversation_id"),
                row.getString("product_id"),
                reason == null ? null : Coded.find(HoldReason.values(), reason).orElseThrow(),
                channel == null ? null : Coded.find(Channel.values(), channel).orElseThrow(),
                row.getString("arm"),
                row.getString("body"),
                JdbcConversationStore.instant(row, "at"));
    }
}
