package dev.kefu.core.config;

import java.util.List;
import java.util.Set;

/**
 * {@code queue.*}: how handed-off conversations wait for an agent. Three priorities, highest
 * first: {@code vip} (a VIP tier tag), {@code urgent} (the message signals an urgent problem) and
 * {@code normal}; each has a response-time target. A conversation nobody claimed by its target is
 * overdue, and the {@code overdueActions} run, in order.
 *
 * @param vipTags shopper tags that give VIP priority
 * @param urgentAbove urgency (0..1) of the handed-off message at which it is urgent
 * @param vipTargetMinutes response-time target of VIP conversations
 * @param urgentTargetMinutes response-time target of urgent conversations
 * @param normalTargetMinutes response-time target of the rest
 * @param overdueActions what happens when the target passes: {@code notify} (tell the shopper the
 *     wait is longer), {@code offer_message} (offer to leave a message or a number for a call
 *     back), {@code raise_priority} (one priority up)
 * @param checkSeconds how often the queue looks for overdue conversations
 */
public record QueueConfig(
        List<String> vipTags,
        double urgentAbove,
        int vipTargetMinutes,
        int urgentTargetMinutes,
        int normalTargetMinutes,
        List<String> overdueActions,
        int checkSeconds) {
    static final Set<String> OVERDUE_ACTIONS = Set.of("notify", "offer_message", "raise_priority");

    public QueueConfig {
        vipTags = Settings.list(vipTags);
        overdueActions = Settings.list(overdueActions);
    }

    void validate(List<String> errors) {
        Settings.within(errors, "queue.urgentAbove", urgentAbove, 0, 1);
        Settings.range(errors, "queue.vipTargetMinutes", vipTargetMinutes, 1, 24 * 60);
        Settings.range(errors, "queue.urgentTargetMinutes", urgentTargetMinutes, 1, 24 * 60);
        Settings.range(errors, "queue.normalTargetMinutes", normalTargetMinutes, 1, 24 * 60);
        for (String action : overdueActions) {
            if (!OVERDUE_ACTIONS.contains(action)) {
                errors.add("queue.overdueActions: unknown action \"" + action + "\" (known: notify, offer_message,"
                        + " raise_priority)");
            }
        }
        Settings.range(errors, "queue.checkSeconds", checkSeconds, 1, 3600);
    }
}
