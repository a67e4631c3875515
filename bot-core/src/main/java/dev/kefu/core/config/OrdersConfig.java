package dev.kefu.core.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code orders.*}: where the bot finds the store's orders and how it reads their numbers.
 *
 * @param numberPattern a regular expression for the store's order numbers (a group named {@code
 *     value} is the number), or {@code null} for the text library's rules
 * @param recentOrders how many of a verified shopper's latest orders the bot offers to pick from
 * @param phoneTries wrong last-four-digit answers an anonymous shopper may give per conversation
 * @param lookupUrl the store's order service ({@code GET {lookupUrl}/{orderNo}}), asked for an order
 *     the store did not push; {@code null} asks nothing
 * @param actionsUrl the store's service for confirmed after-sales actions ({@code POST
 *     {actionsUrl}/{orderNo}/{cancel|return|exchange|address}}); {@code null}: a person carries
 *     them out (the conversation goes to the queue)
 * @param apiKey the bearer token sent to both services ({@code KEFU_ORDERS_API_KEY})
 * @param timeoutMs the longest one lookup or action request may take
 * @param cacheSeconds how long a looked-up order (or its absence) is reused
 * @param circuitFailures failures in a row after which the service is not asked for {@code
 *     circuitOpenSeconds}
 */
public record OrdersConfig(
        String numberPattern,
        int recentOrders,
        int phoneTries,
        String lookupUrl,
        String actionsUrl,
        String apiKey,
        long timeoutMs,
        long cacheSeconds,
        int circuitFailures,
        long circuitOpenSeconds) {
    void validate(List<String> errors) {
        if (numberPattern != null) {
            try {
                Pattern.compile(numberPattern);
            } catch (PatternSyntaxException e) {
                errors.add("orders.numberPattern is not a regular expression: " + e.getDescription());
            }
        }
        Settings.range(errors, "orders.recentOrders", recentOrders, 1, 10);
        Settings.range(errors, "orders.phoneTries", phoneTries, 1, 10);
        Settings.httpUrl(errors, "orders.lookupUrl", lookupUrl);
        Settings.httpUrl(errors, "orders.actionsUrl", actionsUrl);
        Settings.range(errors, "orders.timeoutMs", timeoutMs, 1, 60_000);
        Settings.range(errors, "orders.cacheSeconds", cacheSeconds, 0, 3_600);
        Settings.range(errors, "orders.circuitFailures", circuitFailures, 1, 1_000);
        Settings.range(errors, "orders.circuitOpenSeconds", circuitOpenSeconds, 1, 3_600);
    }

    /** The compiled {@link #numberPattern}, or {@code null}. */
    public Pattern compiledNumberPattern() {
        return numberPattern == null ? null : Pattern.compile(numberPattern);
    }
}
