package dev.kefu.core.outreach;

import java.time.Instant;

/**
 * What is delivered: the rule's line for one shopper, with the way to stop them.
 *
 * @param conversationId the open widget's conversation, or {@code null} (webhook)
 * @param text the line, then the stop notice
 */
public record OutreachMessage(
        String key,
        String ruleId,
        Trigger trigger,
        String shopperKey,
        String conversationId,
        String productId,
        String language,
        String text,
        Instant at) {}
