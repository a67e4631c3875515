package dev.kefu.channels.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderJson;
import dev.kefu.core.order.OrderSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The orders the store pushed, in the conversation database (table of migration V8), each kept as
 * its wire JSON ({@link OrderJson}) so what is read back is what the store sent.
 */
public final class JdbcOrders implements OrderSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource database;

    JdbcOrders(DataSource database) {
        this.database = database;
    }

    @Override
    public Optional<Order> find(String orderNo) {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT body FROM orders WHERE order_no = ?")) {
            query.setString(1, orderNo);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(decode(orderNo, row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read order " + orderNo, e);
        }
    }

    @Override
    public List<Order> recent(String shopperId, int limit) {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT order_no, body FROM orders WHERE shopper_id = ?"
                        + " ORDER BY placed_at DESC, order_no DESC")) {
            query.setString(1, shopperId);
            query.setMaxRows(limit);
            List<Order> orders = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    orders.add(decode(rows.getString(1), rows.getString(2)));
                }
            }
            return orders;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the orders of a shopper", e);
        }
    }

    /**
     * Stores {@code order}, replacing an order of the same number.
     *
     * @return whether it was new
     */
    public synchronized boolean put(Order order, String actor, Instant at) {
        String body = OrderJson.write(order).toString();
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM orders WHERE order_no = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO orders"
                            + " (order_no, shopper_id, placed_at, body, updated_by, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, order.orderNo());
                boolean created = delete.executeUpdate() == 0;
                insert.setString(1, order.orderNo());
                insert.setString(2, order.shopperId());
                insert.setObject(3, order.placedAt().atOffset(ZoneOffset.UTC));
                insert.setString(4, body);
                insert.setString(5, actor);
                insert.setObject(6, at.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                c.commit();
                return created;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot store order " + order.orderNo(), e);
        }
    }

    /** Forgets the order; {@code false} when there was none. */
    public boolean delete(String orderNo) {
        return JdbcConversationStore.deleteRow(
                database, "DELETE FROM orders WHERE order_no = ?", orderNo, "order " + orderNo);
    }

    static Order decode(String orderNo, String body) {
        try {
            return OrderJson.read(orderNo, JSON.readTree(body));
        } catch (JsonProcessingException | OrderJson.Invalid e) {
            throw new IllegalStateException("stored order " + orderNo + " is not what Kefu writes", e);
        }
    }
}
