package dev.kefu.core.intent;

import dev.kefu.core.Checks;

/**
 * A typed span of a message, e.g. an order number or a product.
 *
 * @param type stable type code: {@code order_number}, {@code phone}, {@code email}, {@code amount},
 *     {@code date}, {@code size}, {@code product}, ...
 * @param value the canonical value (upper-case letters and digits for an order number, see {@link
 *     dev.kefu.core.text.Identifier.Kind#canonical}; the entry id for a product)
 * @param start first character of the span in the normalised text
 * @param end one past the last character
 */
public record Entity(String type, String value, int start, int end) {
    public Entity {
        Checks.requireText("entity.type", type);
        Checks.requireText("entity.value", value);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("entity span must satisfy 0 <= start <= end, was " + start + ".." + end);
        }
    }
}
