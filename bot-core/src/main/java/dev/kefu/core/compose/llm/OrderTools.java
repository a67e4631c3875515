package dev.kefu.core.compose.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.Checks;
import dev.kefu.core.Coded;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.OrderAction;
import dev.kefu.core.conversation.OrderThread;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderActions;
import dev.kefu.core.order.OrderAnswers;
import dev.kefu.core.order.OrderAnswers.Lookup;
import dev.kefu.core.order.OrderItem;
import dev.kefu.core.order.OrderJson;
import dev.kefu.core.order.OrderSource;
import dev.kefu.core.order.Shipment;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shopper's orders as LangChain4j tools a model may call while it writes one answer: {@code
 * lookupOrder(orderNo)}, {@code recentOrders()} and {@code proposeAction(orderNo, action,
 * newAddress?)}. Who may see what is decided by the rules' {@link OrderAnswers#lookup} for this
 * conversation's shopper, never by the model: asked for someone else's order, the tool says what it
 * says of an unknown one. An action is only proposed, by the rules' {@link OrderAnswers#propose};
 * it is done once the shopper confirms it with Kefu's quick reply, never by the model. A result holds only what an
 * answer needs (status, items' names and quantities, parcels: carrier, tracking number, expected
 * day, latest event), no shopper id, phone or price, in plain lines the {@link MaskingVault} masks
 * before the model reads them (square brackets would hide them from the masker).
 *
 * <p>One instance per answer: it keeps what each call returned, unmasked, as the sources the
 * {@link GroundingCheck} holds the answer to, and the orders shown. Not thread-safe.
 */
final class OrderTools {
    static final String LOOKUP = "lookupOrder";
    static final String RECENT = "recentOrders";
    static final String PROPOSE = "proposeAction";
    private static final String ORDER_NO = "orderNo";
    private static final String ACTION = "action";
    private static final String NEW_ADDRESS = "newAddress";

    /** The tools as the model sees them. */
    static final List<ToolSpecification> SPECIFICATIONS = List.of(
            ToolSpecification.builder()
                    .name(LOOKUP)
                    .description("The status, items and parcels (carrier, tracking number, expected delivery,"
                            + " latest logistics event) of one of the shopper's orders.")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty(ORDER_NO, "the order number, or the placeholder standing for it")
                            .required(ORDER_NO)
                            .build())
                    .build(),
            ToolSpecification.builder()
                    .name(PROPOSE)
                    .description("Proposes an after-sales action on one of the shopper's orders: cancel (before it"
                            + " ships), return or exchange (once delivered), or a new delivery address (before it"
                            + " ships). Nothing is done until the shopper confirms with a button Kefu shows.")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty(ORDER_NO, "the order number, or the placeholder standing for it")
                            .addEnumProperty(ACTION, List.of("cancel", "return", "exchange", "address"))
                            .addStringProperty(NEW_ADDRESS, "for address only: the new delivery address")
                            .required(ORDER_NO, ACTION)
                            .build())
                    .build(),
            ToolSpecification.builder()
                    .name(RECENT)
                    .description("The shopper's latest orders (number, day placed, status), newest first.")
                    .parameters(JsonObjectSchema.builder().build())
                    .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final OrderAnswers orders;
    private final Conversation conversation;
    private final String owner;
    private final OrderThread thread;
    private final MaskingVault vault;
    private final ZoneId zone;
    private final LocalDate today;
    private final List<String> results = new ArrayList<>();
    private final Map<String, Order> shown = new LinkedHashMap<>();
    private OrderActions.Proposed proposed;

    /**
     * @param conversation the conversation with the shopper's message and what the rules made of it
     *     (its shopper, the orders proven by phone digits)
     * @param today the store's day, for "late"
     */
    OrderTools(OrderAnswers orders, Conversation conversation, MaskingVault vault, ZoneId zone, LocalDate today) {
        this.orders = Checks.requireNonNull("orders", orders);
        this.conversation = Checks.requireNonNull("conversation", conversation);
        this.owner = conversation.shopper().verifiedId();
        this.thread = conversation.orderThread();
        this.vault = Checks.requireNonNull("vault", vault);
        this.zone = Checks.requireNonNull("zone", zone);
        this.today = Checks.requireNonNull("today", today);
    }

    /** Runs one call the model asked for; returns what the model reads, masked. */
    String execute(ToolExecutionRequest request) {
        String result;
        try {
            result = switch (request.name() == null ? "" : request.name()) {
                case LOOKUP -> lookup(argument(request.arguments(), ORDER_NO));
                case RECENT -> recent();
                case PROPOSE -> propose(
                        argument(request.arguments(), ORDER_NO),
                        argument(request.arguments(), ACTION),
                        argument(request.arguments(), NEW_ADDRESS));
                default -> "There is no tool named " + request.name() + ". The tools are " + LOOKUP + " and " + RECENT
                        + ".";
            };
        } catch (OrderSource.Unavailable e) {
            result = "The store's order system cannot be reached now: say so and offer a human agent.";
        }
        results.add(result);
        return vault.mask(result);
    }

    /** What every call returned, placeholders restored: the sources of the answer. */
    List<String> results() {
        return List.copyOf(results);
    }

    /** Whether the model called any tool. */
    boolean called() {
        return !results.isEmpty();
    }

    /** The orders the tools showed, only ever the shopper's own. */
    List<Order> shown() {
        return List.copyOf(shown.values());
    }

    /** The proposal a call made (the first that could be made), if any: the answer states it. */
    Optional<OrderActions.Proposed> proposed() {
        return Optional.ofNullable(proposed);
    }

    private Optional<String> number(String written) {
        return written.isBlank()
                ? Optional.empty()
                : orders.orderNumber(written).or(() -> OrderJson.canonicalNumber(written));
    }

    private String lookup(String written) {
        Optional<String> orderNo = number(written);
        if (orderNo.isEmpty()) {
            return LOOKUP + " needs the order number the shopper gave; if they gave none, ask for it.";
        }
        String number = orderNo.get();
        // Said as the shopper wrote it, which the masker reads as they do (a store's pattern may not
        // read the canonical form, KF123456 for KF-123456).
        String said = written.strip();
        Lookup lookup = orders.lookup(number, thread, owner);
        if (lookup instanceof Lookup.Shown visible) {
            shown.put(number, visible.order());
            return describe(visible.order(), said);
        }
        if (lookup instanceof Lookup.NeedsDigits) {
            return "To show order " + said + ", ask the shopper for the last four digits of the phone number on"
                    + " the order.";
        }
        if (lookup instanceof Lookup.NoMoreTries) {
            return "No more order details can be checked in this conversation: offer a human agent.";
        }
        return "There is no order " + said + " on the shopper's account: ask them to check the number.";
    }

    /**
     * Proposes an action by the rules' own checks ({@link OrderAnswers#propose}): only the shopper's
     * own order, only in a status that allows it. Someone else's order reads as {@link #lookup} says.
     */
    private String propose(String written, String actionCode, String newAddress) {
        Optional<String> orderNo = number(written);
        Optional<OrderAction> action = Coded.find(OrderAction.values(), actionCode);
        if (orderNo.isEmpty() || action.isEmpty()) {
            return PROPOSE + " needs the order number and one of cancel, return, exchange, address.";
        }
        if (proposed != null) {
            return "One action per answer: "
                    + proposed.proposal().request().action().code() + " of order " + written + " is proposed already.";
        }
        String address = action.get() == OrderAction.ADDRESS && !newAddress.isBlank() ? newAddress.strip() : null;
        OrderActions.Proposal proposal =
                orders.propose(conversation, new ActionRequest(orderNo.get(), action.get(), address));
        if (proposal instanceof OrderActions.Proposed made) {
            proposed = made;
            shown.put(orderNo.get(), made.order());
            return "Proposed to the shopper, not done: " + action.get().code() + " of order " + written
                    + ". Kefu shows the shopper what will happen and a button to confirm it.";
        }
        OrderActions.Refused refused = (OrderActions.Refused) proposal;
        return switch (refused.refusal()) {
            case NOT_SHOWN -> lookup(written);
            case NEEDS_ADDRESS -> "Ask the shopper for the new delivery address of order " + written + ".";
            case NOT_ALLOWED -> "order " + written + ": "
                    + refused.order().status().code() + "; " + action.get().code() + " is not possible in this status.";
        };
    }

    private String recent() {
        if (owner == null) {
            return "The shopper is not signed in, so there is no account to list: ask for the order number.";
        }
        List<Order> recent = orders.recent(owner);
        if (recent.isEmpty()) {
            return "There are no orders on the shopper's account: ask for the order number.";
        }
        return recent.stream()
                .map(order -> "order " + order.orderNo() + ": " + order.status().code() + ", placed "
                        + order.placedAt().atZone(zone).toLocalDate())
                .collect(Collectors.joining("\n"));
    }

    private String describe(Order order, String said) {
        StringBuilder text = new StringBuilder("order ")
                .append(said)
                .append(": ")
                .append(order.status().code())
                .append(", placed ")
                .append(order.placedAt().atZone(zone).toLocalDate());
        for (OrderItem item : order.items()) {
            text.append("\nitem: ").append(item.name()).append(", quantity ").append(item.quantity());
        }
        List<Shipment> shipments = order.shipments();
        for (int i = 0; i < shipments.size(); i++) {
            Shipment shipment = shipments.get(i);
            text.append("\nparcel ")
                    .append(i + 1)
                    .append(" of ")
                    .append(shipments.size())
                    .append(": carrier ")
                    .append(shipment.carrier())
                    .append(", tracking number ")
                    .append(shipment.trackingNumber());
            if (shipment.estimatedDelivery() != null) {
                text.append(", expected delivery ").append(shipment.estimatedDelivery());
            }
            shipment.latest().ifPresent(event -> text.append(", latest event ")
                    .append(AT.format(event.at().atZone(zone)))
                    .append(' ')
                    .append(event.description()));
        }
        if (order.delayed(today)) {
            text.append("\nlate: later than expected; apologise and offer a human agent");
        }
        return text.toString();
    }

    /** The argument {@code name}, its placeholders restored; blank when missing. */
    private String argument(String arguments, String name) {
        try {
            JsonNode node = JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
            return vault.restore(node.path(name).asText("")).strip();
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
