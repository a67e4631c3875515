package dev.kefu.core.message;

import dev.kefu.core.Checks;
import java.util.Set;

/**
 * Who the shopper is, as far as the store told us: an id and tags (value tier, lifecycle, needs).
 * Only a {@code verified} id (the store signed it) names the shopper: it finds the store's kept tags,
 * keys the shopper's experiment arm and events, and owns their conversations. An unverified id is
 * what a browser said, kept as a hint for analytics only.
 *
 * @param id the shopper's id, or {@code null} for an anonymous shopper who gave none
 * @param tags lowercase tags such as {@code vip_diamond} or {@code mother_baby}
 * @param verified whether the store vouched for {@code id} (a signed shopper token)
 */
public record ShopperContext(String id, Set<String> tags, boolean verified) {
    /** The most tags a shopper carries (a message's, the store's and the inferred ones together). */
    public static final int MAX_TAGS = 50;

    static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_ID_LENGTH = 128;

    public ShopperContext {
        if (id != null && (id.isBlank() || id.length() > MAX_ID_LENGTH)) {
            throw new IllegalArgumentException(
                    "shopper.id must be 1.." + MAX_ID_LENGTH + " characters, was \"" + id + "\"");
        }
        if (verified && id == null) {
            throw new IllegalArgumentException("a verified shopper needs an id");
        }
        tags = Checks.copyOfSet("shopper.tags", tags);
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(
                    "shopper.tags must have at most " + MAX_TAGS + " tags, had " + tags.size());
        }
        for (String tag : tags) {
            if (!isTag(tag)) {
                throw new IllegalArgumentException("shopper.tags entries must be lowercase [a-z0-9_.:-], at most "
                        + MAX_TAG_LENGTH + " characters, was \"" + tag + "\"");
            }
        }
    }

    /**
     * A shopper as an in-process caller describes them (a replay, a test): an id given here is
     * trusted. The HTTP edge says explicitly whether the store signed the id.
     */
    public ShopperContext(String id, Set<String> tags) {
        this(id, tags, id != null);
    }

    public static ShopperContext anonymous() {
        return new ShopperContext(null, Set.of(), false);
    }

    /** Whether {@code tag} is a well-formed tag: lowercase {@code [a-z0-9_.:-]}, 1..64 characters. */
    public static boolean isTag(String tag) {
        return tag != null && tag.matches("[a-z0-9][a-z0-9_.:-]{0," + (MAX_TAG_LENGTH - 1) + "}");
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** The verified id, or {@code null} when the store did not vouch for one. */
    public String verifiedId() {
        return verified ? id : null;
    }

    /**
     * The key of this shopper in conversation {@code conversationId}: their verified id, or the
     * conversation's id for a shopper the store did not vouch for (experiment arms, events).
     */
    public String key(String conversationId) {
        return verified ? id : conversationId;
    }

    /** The same shopper with other tags. */
    public ShopperContext withTags(Set<String> newTags) {
        return new ShopperContext(id, newTags, verified);
    }
}
