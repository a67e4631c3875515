package dev.kefu.core.slot;

import java.util.List;

/**
 * Stage ⑤: proposes marketing lines for a reply from the shopper's tags and experiment variants.
 * Proposals are not final: stage ⑥ drops them when the shopper is upset or a hand-off is pending.
 * Thread-safe; a planner that fails is skipped (service never waits on marketing).
 */
@FunctionalInterface
public interface SlotPlanner {
    List<Slot> plan(SlotRequest request);

    /** A planner that never proposes anything: the default until scripts are configured. */
    static SlotPlanner none() {
        return request -> List.of();
    }
}
