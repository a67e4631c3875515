package dev.kefu.core.slot;

import dev.kefu.core.Checks;

/**
 * One marketing line proposed for a reply, kept apart from the answer body until stage ⑥ decides.
 *
 * @param scriptId the script it comes from
 * @param experimentId the experiment it is part of, or {@code null}
 * @param variant the experiment variant, or {@code null}
 * @param position where it goes
 * @param text the line, placeholders already filled
 */
public record Slot(String scriptId, String experimentId, String variant, SlotPosition position, String text) {
    public Slot {
        Checks.requireText("slot.scriptId", scriptId);
        Checks.requireNonNull("slot.position", position);
        Checks.requireText("slot.text", text);
    }
}
