package dev.kefu.channels.http;

import java.util.Set;

/**
 * What a request says about its shopper, validated for form only: who the shopper is is decided
 * from it at the edge (the signed token wins; without one the id is a hint and the tags are
 * filtered).
 *
 * @param token the store's signed shopper token, or {@code null}
 * @param id the shopper id the browser gave, or {@code null}
 * @param tags the tags the browser gave, in their order
 */
public record ShopperClaim(String token, String id, Set<String> tags) {
    public ShopperClaim {
        tags = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(tags));
    }

    /** A request that says nothing about its shopper. */
    public static ShopperClaim none() {
        return new ShopperClaim(null, null, Set.of());
    }
}
