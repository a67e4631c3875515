package dev.kefu.channels.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.jdbc.JdbcOrders;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderJson;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code /api/v1/orders/{orderNo}} (bearer store token): the store's back end pushes its orders
 * here, server to server, so the bot can tell a shopper where their order is; {@code GET} reads one
 * back and {@code DELETE} forgets it. The number in the path is kept in its canonical form
 * (upper-case letters and digits, as the bot reads order numbers from messages).
 */
public record OrdersApi(JdbcOrders orders, RequestReader reader, Clock clock) {
    /**
     * {@code PUT}: stores the order (201 when new, 200 when it replaced one) and answers it as
     * stored; a body that is not a JSON object is 400 {@code INVALID_JSON}, one that is but does not
     * describe an order 422 {@code INVALID_ORDER} with every problem.
     */
    public void put(Context ctx) {
        String orderNo = orderNo(ctx);
        JsonNode body = reader.object(ctx.body());
        Order order;
        try {
            order = OrderJson.read(orderNo, body);
        } catch (OrderJson.Invalid e) {
            throw new ApiException(
                    422,
                    ErrorCodes.INVALID_ORDER,
                    "The order has " + e.problems().size() + " problem(s).",
                    e.problems());
        }
        boolean created = orders.put(order, BearerTokens.caller(ctx), clock.instant());
        ctx.status(created ? 201 : 200).json(OrderJson.write(order));
    }

    /** {@code GET}: the stored order, 404 when there is none. */
    public void get(Context ctx) {
        String orderNo = orderNo(ctx);
        ctx.json(OrderJson.write(orders.find(orderNo).orElseThrow(() -> notFound(orderNo))));
    }

    /** {@code DELETE}: forgets the order (204), 404 when there was none. */
    public void delete(Context ctx) {
        String orderNo = orderNo(ctx);
        if (!orders.delete(orderNo)) {
            throw notFound(orderNo);
        }
        ctx.status(204);
    }

    private static ApiException notFound(String orderNo) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, "No order " + orderNo + ".");
    }

    private static String orderNo(Context ctx) {
        return OrderJson.canonicalNumber(ctx.pathParam("orderNo"))
                .orElseThrow(() -> ApiException.badRequest(
                        ErrorCodes.INVALID_FIELD, "orderNo must be 1..64 letters, digits and dashes."));
    }
}
