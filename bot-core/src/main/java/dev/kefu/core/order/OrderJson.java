package dev.kefu.core.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.core.Coded;
import dev.kefu.core.text.Identifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one wire form of an order, read from the store's {@code PUT} and from its lookup service, and
 * written to the API and the database. Reading lists every problem at once (a store fixing its
 * integration wants them all), each naming its field ({@code items[1].price}).
 */
public final class OrderJson {
    /** An order number as the path gives it: letters, digits and dashes. */
    public static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private static final int MAX_TEXT = 500;
    private static final int MAX_LINES = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OrderJson() {}

    /** The order number of a path in its canonical form, or empty when it is not one. */
    public static Optional<String> canonicalNumber(String written) {
        if (written == null || !ORDER_NO.matcher(written).matches()) {
            return Optional.empty();
        }
        String canonical = Identifier.Kind.ORDER_NUMBER.canonical(written);
        return canonical.isEmpty() ? Optional.empty() : Optional.of(canonical);
    }

    /**
     * The order {@code orderNo} that {@code body} describes.
     *
     * @throws Invalid listing every problem of the body
     */
    public static Order read(String orderNo, JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Invalid(List.of("the order must be a JSON object"));
        }
        String shopperId = text(body, "shopperId", true, problems);
        String phone = text(body, "phoneLast4", false, problems);
        if (phone != null && !phone.matches("\\d{4}")) {
            problems.add("phoneLast4 must be four digits");
            phone = null;
        }
        OrderStatus status = null;
        String statusCode = text(body, "status", true, problems);
        if (statusCode != null) {
            status = Coded.find(OrderStatus.values(), statusCode).orElse(null);
            if (status == null) {
                problems.add("status must be one of "
                        + Arrays.stream(OrderStatus.values())
                                .map(OrderStatus::code)
                                .collect(Collectors.joining(", ")));
            }
        }
        Instant placedAt = instant(body, "placedAt", true, problems);
        List<OrderItem> items = new ArrayList<>();
        JsonNode itemNodes = array(body, "items", true, problems);
        if (itemNodes != null && itemNodes.isEmpty()) {
            problems.add("items must have at least one item");
        }
        for (int i = 0; itemNodes != null && i < itemNodes.size(); i++) {
            item(itemNodes.get(i), "items[" + i + "].", problems).ifPresent(items::add);
        }
        List<Shipment> shipments = new ArrayList<>();
        JsonNode shipmentNodes = array(body, "shipments", false, problems);
        for (int i = 0; shipmentNodes != null && i < shipmentNodes.size(); i++) {
            shipment(shipmentNodes.get(i), "shipments[" + i + "].", problems).ifPresent(shipments::add);
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Order(orderNo, shopperId, phone, status, placedAt, items, shipments);
    }

    /** The wire form of {@code order}, with its {@code orderNo}. */
    public static ObjectNode write(Order order) {
        ObjectNode node = NODES.objectNode();
        node.put("orderNo", order.orderNo());
        node.put("shopperId", order.shopperId());
        if (order.phoneLast4() != null) {
            node.put("phoneLast4", order.phoneLast4());
        }
        node.put("status", order.status().code());
        node.put("placedAt", order.placedAt().toString());
        ArrayNode items = node.putArray("items");
        for (OrderItem item : order.items()) {
            ObjectNode i = items.addObject();
            if (item.productId() != null) {
                i.put("productId", item.productId());
            }
            i.put("name", item.name());
            i.put("quantity", item.quantity());
            i.put("price", item.price());
        }
        ArrayNode shipments = node.putArray("shipments");
        for (Shipment shipment : order.shipments()) {
            ObjectNode s = shipments.addObject();
            s.put("carrier", shipment.carrier());
            s.put("trackingNumber", shipment.trackingNumber());
            if (shipment.estimatedDelivery() != null) {
                s.put("estimatedDelivery", shipment.estimatedDelivery().toString());
            }
            ArrayNode events = s.putArray("events");
            for (TrackingEvent event : shipment.timeline()) {
                events.addObject()
                        .put("at", event.at().toString())
                        .put("status", event.status())
                        .put("description", event.description());
            }
        }
        return node;
    }

    private static Optional<OrderItem> item(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path.substring(0, path.length() - 1) + " must be an object");
            return Optional.empty();
        }
        int before = problems.size();
        String productId = text(node, "productId", false, problems, path);
        String name = text(node, "name", true, problems, path);
        JsonNode quantity = node.get("quantity");
        if (quantity == null || !quantity.canConvertToInt() || !quantity.isIntegralNumber() || quantity.asInt() < 1) {
            problems.add(path + "quantity must be a whole number of at least 1");
        }
        JsonNode price = node.get("price");
        BigDecimal amount = null;
        if (price == null || !price.isNumber() || price.decimalValue().signum() < 0) {
            problems.add(path + "price must be a number, not negative");
        } else {
            amount = price.decimalValue();
        }
        return problems.size() > before
                ? Optional.empty()
                : Optional.of(new OrderItem(productId, name, quantity.asInt(), amount));
    }

    private static Optional<Shipment> shipment(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path.substring(0, path.length() - 1) + " must be an object");
            return Optional.empty();
        }
        int before = problems.size();
        String carrier = text(node, "carrier", true, problems, path);
        String tracking = text(node, "trackingNumber", true, problems, path);
        LocalDate estimated = null;
        JsonNode date = node.get("estimatedDelivery");
        if (date != null && !date.isNull()) {
            estimated = date(date, path + "estimatedDelivery", problems);
        }
        List<TrackingEvent> events = new ArrayList<>();
        JsonNode eventNodes = array(node, "events", false, problems, path);
        for (int i = 0; eventNodes != null && i < eventNodes.size(); i++) {
            String at = path + "events[" + i + "].";
            JsonNode e = eventNodes.get(i);
            if (!e.isObject()) {
                problems.add(at + " must be an object");
                continue;
            }
            int eventBefore = problems.size();
            Instant when = instant(e, "at", true, problems, at);
            String status = text(e, "status", true, problems, at);
            String description = text(e, "description", true, problems, at);
            if (problems.size() == eventBefore) {
                events.add(new TrackingEvent(when, status, description));
            }
        }
        return problems.size() > before
                ? Optional.empty()
                : Optional.of(new Shipment(carrier, tracking, estimated, events));
    }

    private static String text(JsonNode node, String field, boolean required, List<String> problems) {
        return text(node, field, required, problems, "");
    }

    private static String text(JsonNode node, String field, boolean required, List<String> problems, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path + field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path + field + " must be a non-blank string");
            return null;
        }
        String text = value.asText();
        if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
            problems.add(path + field + " must be at most " + MAX_TEXT + " characters without control characters");
            return null;
        }
        return text;
    }

    private static JsonNode array(JsonNode node, String field, boolean required, List<String> problems) {
        return array(node, field, required, problems, "");
    }

    private static JsonNode array(JsonNode node, String field, boolean required, List<String> problems, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path + field + " is required");
            }
            return null;
        }
        if (!value.isArray() || value.size() > MAX_LINES) {
            problems.add(path + field + " must be an array of at most " + MAX_LINES);
            return null;
        }
        return value;
    }

    private static Instant instant(JsonNode node, String field, boolean required, List<String> problems) {
        return instant(node, field, required, problems, "");
    }

    private static Instant instant(JsonNode node, String field, boolean required, List<String> problems, String path) {
        String text = text(node, field, required, problems, path);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(path + field + " must be an ISO-8601 time with an offset, e.g. 2026-12-01T08:30:00Z");
            return null;
        }
    }

    private static LocalDate date(JsonNode value, String field, List<String> problems) {
        if (value.isTextual()) {
            String text = value.asText();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text)
                            .atZoneSameInstant(ZoneOffset.UTC)
                            .toLocalDate();
                } catch (DateTimeParseException again) {
                    // reported below
                }
            }
        }
        problems.add(field + " must be a date (2026-12-08) or an ISO-8601 time");
        return null;
    }

    /** A body that does not describe an order; {@link #problems()} says every reason. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        public Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
