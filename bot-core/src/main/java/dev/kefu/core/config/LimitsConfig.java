package dev.kefu.core.config;

import java.util.List;

/**
 * {@code limits.*}: how much one client may ask of the server, so that one client cannot take it
 * from everyone else (token buckets that refill evenly over the minute; a refusal says when to try
 * again). 0 turns a limit off.
 *
 * @param perConversationPerMinute messages into one conversation (REST and the widget's socket)
 * @param perShopperPerMinute messages of one verified shopper, over all their conversations
 * @param perAddressPerMinute requests to the shopper's API and frames on the widget's socket from
 *     one client address ({@code KEFU_LIMITS_PER_ADDRESS_PER_MINUTE=0} for load tests from one
 *     machine: it turns {@code maxQueuedPerAddress} off too)
 * @param maxQueuedPerAddress conversations from one client address waiting for a person at once;
 *     past it, that address cannot hand another conversation off until one is served
 * @param wrongTokensPerMinute wrong agent, trainer or store tokens from one client address; past
 *     it, every bearer request from that address waits until the bucket refills
 */
public record LimitsConfig(
        int perConversationPerMinute,
        int perShopperPerMinute,
        int perAddressPerMinute,
        int maxQueuedPerAddress,
        int wrongTokensPerMinute) {
    private static final int MAX = 1_000_000;

    void validate(List<String> errors) {
        String off = " (0 = no limit)";
        Settings.range(errors, "limits.perConversationPerMinute", perConversationPerMinute, 0, MAX, off);
        Settings.range(errors, "limits.perShopperPerMinute", perShopperPerMinute, 0, MAX, off);
        Settings.range(errors, "limits.perAddressPerMinute", perAddressPerMinute, 0, MAX, off);
        Settings.range(errors, "limits.maxQueuedPerAddress", maxQueuedPerAddress, 0, MAX, off);
        Settings.range(errors, "limits.wrongTokensPerMinute", wrongTokensPerMinute, 0, MAX, off);
    }
}
