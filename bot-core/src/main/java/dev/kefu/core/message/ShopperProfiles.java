package dev.kefu.core.message;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tags a store keeps for its shoppers, sent server to server rather than through the
 * shopper's browser (a VIP tier should not be something a shopper can claim). Stage ① adds them
 * to every message of a verified shopper, so hand-off rules and marketing slots see one set of tags.
 */
@FunctionalInterface
public interface ShopperProfiles {
    /** The stored tags of a shopper; empty for a shopper the store has not described. */
    Set<String> tags(String shopperId);

    /** No stored profiles: a message's own tags are all there is. */
    static ShopperProfiles none() {
        return shopperId -> Set.of();
    }

    /**
     * The shopper with their stored tags first and then the message's, up to {@link
     * ShopperContext#MAX_TAGS}: what the store keeps (an opt-out) is never crowded out. A shopper
     * the store did not vouch for is unchanged: an unsigned id finds nothing.
     */
    default ShopperContext enrich(ShopperContext shopper) {
        if (!shopper.verified()) {
            return shopper;
        }
        Set<String> stored = tags(shopper.id());
        if (stored.isEmpty() || shopper.tags().containsAll(stored)) {
            return shopper;
        }
        Set<String> tags = new LinkedHashSet<>(stored);
        for (String tag : shopper.tags()) {
            if (tags.size() >= ShopperContext.MAX_TAGS) {
                break;
            }
            tags.add(tag);
        }
        return shopper.withTags(tags);
    }
}
