package dev.kefu.core.order;

import dev.kefu.core.Checks;
import java.math.BigDecimal;

/**
 * One line of an order.
 *
 * @param productId the product's id in the store (its knowledge entry, when there is one), or {@code null}
 * @param name what the shopper bought, as the store names it
 * @param quantity at least 1
 * @param price the unit price, not negative; kept with at least two decimals
 */
public record OrderItem(String productId, String name, int quantity, BigDecimal price) {
    public OrderItem {
        Checks.requireText("item.name", name);
        Checks.requirePositive("item.quantity", quantity);
        Checks.requireNonNull("item.price", price);
        if (price.signum() < 0) {
            throw new IllegalArgumentException("item.price must not be negative, was " + price);
        }
        // One form of a price however it was written (499, 499.5, 499.50): at least cents.
        price = price.setScale(Math.max(2, price.stripTrailingZeros().scale()));
    }
}
