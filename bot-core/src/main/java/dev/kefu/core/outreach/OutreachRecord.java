package dev.kefu.core.outreach;

import dev.kefu.core.Checks;
import java.time.Instant;

/**
 * One outreach decision: a message sent, or one held back and why. Each candidate (a rule and
 * what fired it: a cart event, a page visit, an order, a day) is decided once, under its {@code key}.
 *
 * @param key the candidate's key, unique: a decision is never taken twice
 * @param conversationId the widget's conversation it went to, else {@code null}
 * @param productId the product it is about, or {@code null}
 * @param reason why it was held back; {@code null} when sent
 * @param channel where it went; {@code null} when held back
 * @param arm the experiment arm, or {@code null} when held back before assignment
 * @param text what was (or would have been) said
 */
public record OutreachRecord(
        String key,
        String ruleId,
        Trigger trigger,
        String shopperKey,
        String conversationId,
        String productId,
        HoldReason reason,
        Channel channel,
        String arm,
        String text,
        Instant at) {
    public OutreachRecord {
        Checks.requireAllText("outreach record", "key ruleId shopperKey", key, ruleId, shopperKey);
        Checks.requireAllNonNull("outreach record", "trigger at", trigger, at);
        if ((reason == null) == (channel == null)) {
            throw new IllegalArgumentException("an outreach record is either sent (a channel) or held (a reason)");
        }
    }

    public boolean sent() {
        return reason == null;
    }
}
