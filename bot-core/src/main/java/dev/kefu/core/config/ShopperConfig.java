package dev.kefu.core.config;

import dev.kefu.core.message.ShopperContext;
import java.util.List;

/**
 * {@code shopper.*}: what a browser may say about an anonymous shopper. A shopper's tier and
 * opt-outs come from the store (its signed token, its kept profile), never from the browser.
 *
 * @param selfDeclaredTags the interests a browser may declare ({@code mother_baby}, ...); never a
 *     VIP tier nor a tag that goes straight to a person (checked against {@code queue.vipTags} and
 *     {@code handoff.tags}); the opt-outs of {@code slots.optOutTags} may always be added
 * @param maxBrowserTags most tags taken from the browser per message (the rest are dropped)
 */
public record ShopperConfig(List<String> selfDeclaredTags, int maxBrowserTags) {
    public ShopperConfig {
        selfDeclaredTags = Settings.list(selfDeclaredTags);
    }

    void validate(List<String> errors, List<String> vipTags, List<String> handoffTags) {
        for (String tag : selfDeclaredTags) {
            if (!ShopperContext.isTag(tag)) {
                errors.add("shopper.selfDeclaredTags entries must be lowercase tags [a-z0-9_.:-], was \"" + tag + "\"");
            } else if (tag.startsWith("vip") || vipTags.contains(tag) || handoffTags.contains(tag)) {
                errors.add("shopper.selfDeclaredTags must not hold a VIP tier or a tag that goes to a person"
                        + " (queue.vipTags, handoff.tags), was \"" + tag + "\"");
            }
        }
        Settings.range(errors, "shopper.maxBrowserTags", maxBrowserTags, 0, ShopperContext.MAX_TAGS);
    }
}
