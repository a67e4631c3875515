package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderItem;
import dev.kefu.core.order.OrderStatus;
import dev.kefu.core.order.Shipment;
import dev.kefu.core.order.TrackingEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** The pushed orders on H2 and, with {@code KEFU_TEST_POSTGRES_URL}, on PostgreSQL in a schema of its own. */
class JdbcOrdersTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:30:00Z");

    static Order order(String orderNo, String shopperId, Instant placedAt) {
        return new Order(
                orderNo,
                shopperId,
                "1234",
                OrderStatus.SHIPPED,
                placedAt,
                List.of(new OrderItem("x200", "X200 耳机", 2, new BigDecimal("499.50"))),
                List.of(new Shipment(
                        "顺丰速运",
                        "SF1234567890",
                        LocalDate.parse("2026-12-04"),
                        List.of(new TrackingEvent(placedAt.plusSeconds(3600), "in_transit", "已发出 Left Shenzhen")))));
    }

    abstract static class Contract {
        JdbcConversationStore store;

        abstract JdbcConversationStore open() throws SQLException;

        @Test
        void should_keep_an_order_as_it_was_pushed_and_find_a_shoppers_latest() throws SQLException {
            store = open();
            JdbcOrders orders = store.orders();
            Order first = order("SO1", "ann", T0);
            assertThat(orders.put(first, "store", T0)).isTrue();
            assertThat(orders.put(order("SO2", "ann", T0.plusSeconds(86_400)), "store", T0))
                    .isTrue();
            assertThat(orders.put(order("SO3", "bob", T0.plusSeconds(2 * 86_400)), "store", T0))
                    .isTrue();

            assertThat(orders.find("SO1")).contains(first);
            assertThat(orders.find("SO9")).isEmpty();
            assertThat(orders.recent("ann", 5)).extracting(Order::orderNo).containsExactly("SO2", "SO1");
            assertThat(orders.recent("ann", 1)).extracting(Order::orderNo).containsExactly("SO2");

            Order delivered =
                    new Order("SO1", "ann", null, OrderStatus.DELIVERED, T0, first.items(), first.shipments());
            assertThat(orders.put(delivered, "store", T0)).as("replaced").isFalse();
            assertThat(orders.find("SO1")).contains(delivered);

            assertThat(orders.delete("SO1")).isTrue();
            assertThat(orders.delete("SO1")).isFalse();
            assertThat(orders.find("SO1")).isEmpty();
        }
    }

    @Nested
    class H2 extends Contract {
        @TempDir
        Path dataDir;

        @Override
        JdbcConversationStore open() {
            return JdbcConversationStoreH2Test.open(dataDir);
        }

        @AfterEach
        void close() {
            store.close();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
    class Postgres extends Contract {
        private final String url = System.getenv("KEFU_TEST_POSTGRES_URL");
        private String schema;

        @TempDir
        Path dataDir;

        @Override
        JdbcConversationStore open() throws SQLException {
            schema =
                    "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
            execute("CREATE SCHEMA " + schema);
            String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return JdbcConversationStore.open(
                    new StorageConfig(schemaUrl, null, null, 4), new ConversationConfig(1_000, 60), dataDir);
        }

        @AfterEach
        void dropSchema() throws SQLException {
            store.close();
            execute("DROP SCHEMA " + schema + " CASCADE");
        }

        private void execute(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
