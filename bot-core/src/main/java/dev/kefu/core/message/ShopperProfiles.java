package dev.kefu.core.message;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tags a store keeps for its shoppers, sent server to server rather than through the
 * shopper's browser (a VIP tier should not be something a shopper can claim). Stage ① adds them
 * to every message's shopper, so hand-off rules and marketing slots see one set of tags.
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
     * The shopper with their stored tags added to the message's, up to {@link
     * ShopperContext#MAX_TAGS} (the message's own come first); an anonymous shopper is unchanged.
     */
    default ShopperContext enrich(ShopperContext shopper) {
        if (shopper.id() == null) {
            return shopper;
        }
        Set<String> stored = tags(shopper.id());
        if (stored.isEmpty() || shopper.tags().containsAll(stored)) {
            return shopper;
        }
        Set<String> tags = new LinkedHashSet<>(shopper.tags());
        for (String tag : stored) {
            if (tags.size() >= ShopperContext.MAX_TAGS) {
                break;
            }
            tags.add(tag);
        }
        return new ShopperContext(shopper.id(), tags);
    }
}
