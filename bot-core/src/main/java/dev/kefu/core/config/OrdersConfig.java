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
 */
public record OrdersConfig(String numberPattern, int recentOrders, int phoneTries) {
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
    }

    /** The compiled {@link #numberPattern}, or {@code null}. */
    public Pattern compiledNumberPattern() {
        return numberPattern == null ? null : Pattern.compile(numberPattern);
    }
}
