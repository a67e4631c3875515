package dev.kefu.core.config;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code store.*}: the store's own back end, which calls Kefu server to server (shopper profiles:
 * the tags the store keeps for its shoppers; purchase events) and signs who its shoppers are.
 *
 * @param tokens {@code name:token} pairs ({@code KEFU_STORE_TOKENS}); bearer tokens of the store's
 *     back end for {@code /api/v1/shoppers} and purchase events; empty gives the demo a generated
 *     token, kept in the data directory
 * @param identitySecret the HS256 secret the store signs its shoppers' tokens with ({@code
 *     KEFU_STORE_IDENTITY_SECRET}), at least 32 bytes; {@code null} gives the demo a generated one,
 *     kept in the data directory
 * @param productPageUrl the storefront's page of a product, {@code {productId}} standing for its
 *     knowledge entry id ({@code KEFU_STORE_PRODUCT_PAGE_URL}); a path on the storefront's own site
 *     ({@code /p/{productId}}) or an http(s) URL; the widget's product cards link to it, {@code
 *     null} gives them no link
 */
public record StoreConfig(List<String> tokens, String identitySecret, String productPageUrl) {
    /** What {@link #productPageUrl} names the product with. */
    public static final String PRODUCT_ID = "{productId}";
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    public StoreConfig {
        tokens = Settings.list(tokens);
    }

    void validate(List<String> errors) {
        TrainerConfig.validateTokens("store.tokens", tokens, errors);
        if (identitySecret != null && identitySecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            errors.add("store.identitySecret must be at least " + MIN_SECRET_BYTES + " bytes (HS256), was "
                    + identitySecret.getBytes(StandardCharsets.UTF_8).length);
        }
        // Only a page link: never a javascript: or data: URL, which a card would otherwise run.
        if (productPageUrl != null
                && (!productPageUrl.contains(PRODUCT_ID) || !productPageUrl.matches("(?i)(/(?!/)|https?://)[^\\s]*"))) {
            errors.add("store.productPageUrl must be a path (/...) or an http(s) URL containing " + PRODUCT_ID
                    + ", was " + productPageUrl);
        }
    }
}
