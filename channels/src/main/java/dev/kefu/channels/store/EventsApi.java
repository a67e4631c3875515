package dev.kefu.channels.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.identity.ConversationGate;
import dev.kefu.core.slot.experiment.ExperimentLog;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/events}: the storefront reports what shoppers do, for the tag rules (what a
 * shopper viewed or bought) and the experiments' conversions. The store's back end (store token)
 * may report anything; a browser only {@code slot_clicked} and {@code product_viewed} for a conversation the route
 * table let it into, under the key the server knows that conversation's shopper by.
 */
public record EventsApi(ExperimentLog log, Clock clock, RequestReader reader, ConversationGate gate) {
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z_]{0,39}");
    private static final String BROWSER_EVENTS_DOC = "slot_clicked and product_viewed";
    /** What a shopper's browser may report: never a purchase, which only the store knows happened. */
    public static final Set<String> BROWSER_EVENTS = Set.of(ExperimentLog.CLICK, "product_viewed");

    public record EventAccepted(boolean accepted) {}

    /**
     * {@code POST /api/v1/events} from the storefront ({@code product_viewed}, {@code added_to_cart},
     * {@code order_placed} with {@code amount}, {@code slot_clicked}, ...): stored for tags and for
     * the experiments' conversions. From a browser (no store token) only {@link #BROWSER_EVENTS},
     * for the conversation it holds the token of; its {@code shopperId} is ignored.
     */
    public void event(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        boolean fromStore = BearerTokens.caller(ctx) != null;
        String type = reader.requiredString(body, "type");
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "type must be a lowercase event name such as order_placed.");
        }
        if (!fromStore && !BROWSER_EVENTS.contains(type)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"store\"");
            throw new ApiException(
                    401,
                    ErrorCodes.UNAUTHORIZED,
                    "Only the store's back end (a store token) may report " + type + "; a browser may report "
                            + BROWSER_EVENTS_DOC + ".");
        }
        String productId = optionalText(body, "productId");
        Double amount = null;
        if (body.hasNonNull("amount")) {
            if (!body.get("amount").isNumber()
                    || body.get("amount").doubleValue() < 0
                    || !Double.isFinite(body.get("amount").doubleValue())) {
                throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "amount must be a number >= 0.");
            }
            amount = body.get("amount").doubleValue();
        }
        String conversationId = reader.conversationId(body);
        String shopperId = fromStore ? reader.requiredString(body, "shopperId") : gate.shopperKey(conversationId);
        Instant at = clock.instant();
        String given = optionalText(body, "at");
        if (given != null) {
            try {
                at = Instant.parse(given);
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "at must be an ISO-8601 instant.");
            }
            if (at.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
                throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "at must not be in the future.");
            }
        }
        log.event(new ExperimentLog.StorefrontEvent(shopperId, type, productId, amount, conversationId, at));
        ctx.status(202).json(new EventAccepted(true));
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > 128) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, field + " must be a string of 1..128 characters.");
        }
        return node.textValue();
    }
}
