package dev.kefu.channels.app;

import dev.kefu.channels.jdbc.JdbcOrders;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderItem;
import dev.kefu.core.order.OrderStatus;
import dev.kefu.core.order.Shipment;
import dev.kefu.core.order.TrackingEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The demo store's orders, for its demo shoppers ({@code demo-shopper}, {@code demo-vip}; tokens
 * from {@code kefu-server shopper-token}): stored at the first start of a demo, dated from then, so
 * "where is my order?" has something to find. A store of one's own pushes its orders instead.
 */
final class DemoOrders {
    static final String SHOPPER = "demo-shopper";
    static final String VIP = "demo-vip";
    private static final String ACTOR = "demo";

    private DemoOrders() {}

    /** Stores the demo's orders that are not stored yet. */
    static void seed(JdbcOrders orders, Clock clock, ZoneId zone) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (Order order : orders(now, today)) {
            if (orders.find(order.orderNo()).isEmpty()) {
                orders.put(order, ACTOR, now);
            }
        }
    }

    static List<Order> orders(Instant now, LocalDate today) {
        Instant placed = now.minus(Duration.ofDays(3));
        return List.of(
                new Order(
                        "DD20261201001",
                        SHOPPER,
                        "8000",
                        OrderStatus.SHIPPED,
                        placed,
                        List.of(item("product-x200", "X200 无线耳机 X200 Wireless Earbuds", "499")),
                        List.of(new Shipment(
                                "SF Express",
                                "SF1402938475610",
                                today.plusDays(1),
                                List.of(
                                        event(placed.plus(Duration.ofHours(20)), "picked_up", "Picked up in Shenzhen"),
                                        event(
                                                now.minus(Duration.ofHours(5)),
                                                "in_transit",
                                                "Arrived at the Shanghai hub"))))),
                new Order(
                        "DD20261125003",
                        SHOPPER,
                        "8000",
                        OrderStatus.SHIPPED,
                        now.minus(Duration.ofDays(9)),
                        List.of(item(null, "保温杯 Thermos bottle", "129"), item(null, "杯套 Bottle sleeve", "29")),
                        List.of(
                                new Shipment(
                                        "YTO Express",
                                        "YT8839201746512",
                                        today.minusDays(2),
                                        List.of(event(
                                                now.minus(Duration.ofDays(4)),
                                                "in_transit",
                                                "Left the Hangzhou centre"))),
                                new Shipment(
                                        "SF Express",
                                        "SF1402938400007",
                                        today.minusDays(5),
                                        List.of(event(
                                                now.minus(Duration.ofDays(6)),
                                                "delivered",
                                                "Delivered, signed by the front desk"))))),
                new Order(
                        "DD20261122005",
                        SHOPPER,
                        "8000",
                        OrderStatus.DELIVERED,
                        now.minus(Duration.ofDays(14)),
                        List.of(item(null, "婴儿推车 Cloudnest Stroller", "1299")),
                        List.of(new Shipment(
                                "JD Logistics",
                                "JD0049382711502",
                                today.minusDays(10),
                                List.of(event(
                                        now.minus(Duration.ofDays(10)),
                                        "delivered",
                                        "Delivered, signed by the shopper"))))),
                new Order(
                        "DD20261204004",
                        VIP,
                        "6688",
                        OrderStatus.PAID,
                        now.minus(Duration.ofHours(10)),
                        List.of(item("product-x200", "X200 无线耳机 X200 Wireless Earbuds", "499")),
                        List.of()));
    }

    private static OrderItem item(String productId, String name, String price) {
        return new OrderItem(productId, name, 1, new BigDecimal(price));
    }

    private static TrackingEvent event(Instant at, String status, String description) {
        return new TrackingEvent(at, status, description);
    }
}
