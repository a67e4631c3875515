package dev.kefu.core.outreach;

import dev.kefu.core.Checks;
import dev.kefu.core.message.ShopperContext;
import java.time.Instant;

/**
 * A chat widget open now on a storefront page.
 *
 * @param shopperKey the key the server knows its shopper by (verified id, or the conversation id)
 * @param productId the product page it is on, or {@code null}
 * @param pageSince since when it is on that page
 * @param language {@code en} or {@code zh}, from the widget's locale
 */
public record OpenWidget(
        String conversationId,
        ShopperContext shopper,
        String shopperKey,
        String productId,
        Instant pageSince,
        String language) {
    public OpenWidget {
        Checks.requireAllText(
                "open widget", "conversationId shopperKey language", conversationId, shopperKey, language);
        Checks.requireAllNonNull("open widget", "shopper pageSince", shopper, pageSince);
    }
}
