package dev.kefu.core.message;

import dev.kefu.core.Checks;
import java.util.Set;

/**
 * Who the shopper is, as far as the store told us: an optional id (anonymous shoppers have none)
 * and the store's tags for them (value tier, lifecycle, needs).
 *
 * @param id the store's shopper id, or {@code null} for an anonymous shopper
 * @param tags lowercase tags such as {@code vip_diamond} or {@code mother_baby}
 */
public record ShopperContext(String id, Set<String> tags) {
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_ID_LENGTH = 128;

    public ShopperContext {
        if (id != null && (id.isBlank() || id.length() > MAX_ID_LENGTH)) {
            throw new IllegalArgumentException(
                    "shopper.id must be 1.." + MAX_ID_LENGTH + " characters, was \"" + id + "\"");
        }
        tags = Checks.copyOfSet("shopper.tags", tags);
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(
                    "shopper.tags must have at most " + MAX_TAGS + " tags, had " + tags.size());
        }
        for (String tag : tags) {
            if (!tag.matches("[a-z0-9][a-z0-9_.:-]{0," + (MAX_TAG_LENGTH - 1) + "}")) {
                throw new IllegalArgumentException("shopper.tags entries must be lowercase [a-z0-9_.:-], at most "
                        + MAX_TAG_LENGTH + " characters, was \"" + tag + "\"");
            }
        }
    }

    public static ShopperContext anonymous() {
        return new ShopperContext(null, Set.of());
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
