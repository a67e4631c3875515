package dev.kefu.core.handoff;

import dev.kefu.core.Checks;
import java.util.Map;

/**
 * Which trigger fired and the values it saw, shown to the agent and recorded with the decision.
 *
 * @param reason the trigger
 * @param details what it saw and the threshold it compared against, e.g. {@code score=-0.82,
 *     threshold=-0.6}; values are strings so they serialise and compare without surprises
 */
public record HandoffTrigger(HandoffReason reason, Map<String, String> details) {
    public HandoffTrigger {
        Checks.requireNonNull("trigger.reason", reason);
        details = Map.copyOf(Checks.requireNonNull("trigger.details", details));
    }
}
