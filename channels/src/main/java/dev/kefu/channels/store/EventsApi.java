package dev.kefu.channels.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.core.slot.experiment.ExperimentLog;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/events}: the storefront reports what shoppers do, for the tag rules (what a
 * shopper viewed or bought) and the experiments' conversions.
 */
public final class EventsApi {
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z_]{0,39}");

    private final ExperimentLog log;
    private final Clock clock;
    private final RequestReader reader;

    public EventsApi(ExperimentLog log, Clock clock, RequestReader reader) {
        this.log = log;
        this.clock = clock;
        this.reader = reader;
    }

    public record EventAccepted(boolean accepted) {}

    /**
     * {@code POST /api/v1/events} from the storefront ({@code product_viewed}, {@code added_to_cart},
     * {@code order_placed} with {@code amount}, {@code slot_clicked}, ...): stored for tags and for
     * the experiments' conversions.
     */
    public void event(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        String shopperId = reader.requiredString(body, "shopperId");
        String type = reader.requiredString(body, "type");
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "type must be a lowercase event name such as order_placed.");
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
