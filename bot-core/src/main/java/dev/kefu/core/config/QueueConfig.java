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
        vipTags = vipTags == null ? List.of() : List.copyOf(vipTags);
        overdueActions = overdueActions == null ? List.of() : List.copyOf(overdueActions);
    }

    void validate(List<String> errors) {
        if (!(urgentAbove >= 0 && urgentAbove <= 1)) {
            errors.add("queue.urgentAbove must be in [0, 1], was " + urgentAbove);
        }
        for (var target : List.of(
                java.util.Map.entry("vipTargetMinutes", vipTargetMinutes),
                java.util.Map.entry("urgentTargetMinutes", urgentTargetMinutes),
                java.util.Map.entry("normalTargetMinutes", normalTargetMinutes))) {
            if (target.getValue() < 1 || target.getValue() > 24 * 60) {
                errors.add("queue." + target.getKey() + " must be 1..1440, was " + target.getValue());
            }
        }
        for (String action : overdueActions) {
            if (!OVERDUE_ACTIONS.contains(action)) {
                errors.add("queue.overdueActions: unknown action \"" + action + "\" (known: notify, offer_message,"
                        + " raise_priority)");
            }
        }
        if (checkSeconds < 1 || checkSeconds > 3600) {
            errors.add("queue.checkSeconds must be 1..3600, was " + checkSeconds);
        }
    }
}
