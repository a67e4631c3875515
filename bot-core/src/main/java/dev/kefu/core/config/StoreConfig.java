package dev.kefu.core.config;

import java.util.List;

/**
 * {@code store.*}: the store's own back end, which calls Kefu server to server (shopper profiles:
 * the tags the store keeps for its shoppers).
 *
 * @param tokens {@code name:token} pairs ({@code KEFU_STORE_TOKENS}); bearer tokens of the store's
 *     back end for {@code /api/v1/shoppers}; empty gives the demo a generated token, kept in the
 *     data directory
 */
public record StoreConfig(List<String> tokens) {
    public StoreConfig {
        tokens = Settings.list(tokens);
    }

    void validate(List<String> errors) {
        TrainerConfig.validateTokens("store.tokens", tokens, errors);
    }
}
