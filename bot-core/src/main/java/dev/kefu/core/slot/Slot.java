package dev.kefu.core.slot;

import dev.kefu.core.Checks;

/**
 * One marketing line proposed for a reply, kept apart from the answer body until stage ⑥ decides.
 *
 * @param scriptId the script it comes from
 * @param experimentId the experiment it is part of, or {@code null}
 * @param variant the experiment variant, or {@code null}
 * @param position where it goes
 * @param text the line, placeholders already filled; empty for the holdout
 * @param stage the sales stage the line was chosen for (a single-stage script's own stage), or
 *     {@code null} when unknown
 */
public record Slot(
        String scriptId, String experimentId, String variant, SlotPosition position, String text, Script.Stage stage) {
    /** A line without a stage. */
    public Slot(String scriptId, String experimentId, String variant, SlotPosition position, String text) {
        this(scriptId, experimentId, variant, position, text, null);
    }

    public Slot {
        Checks.requireText("slot.scriptId", scriptId);
        Checks.requireNonNull("slot.position", position);
        if (holdout(variant)) {
            Checks.requireText("slot.experimentId", experimentId);
            Checks.requireNonNull("slot.text", text);
        } else {
            Checks.requireText("slot.text", text);
        }
    }

    /**
     * The place of a line the shopper's experiment arm does not show: it goes through the guard
     * rails like a line (so the holdout is measured under the same conditions) and is recorded as
     * an exposure, but no text reaches the shopper.
     */
    public static Slot holdout(String scriptId, String experimentId, SlotPosition position) {
        return holdout(scriptId, experimentId, position, null);
    }

    /** A holdout's place at {@code stage}. */
    public static Slot holdout(String scriptId, String experimentId, SlotPosition position, Script.Stage stage) {
        return new Slot(scriptId, experimentId, dev.kefu.core.slot.experiment.Experiment.HOLDOUT, position, "", stage);
    }

    /** Whether this is a holdout's place rather than a line to show. */
    public boolean isHoldout() {
        return holdout(variant);
    }

    private static boolean holdout(String variant) {
        return dev.kefu.core.slot.experiment.Experiment.HOLDOUT.equals(variant);
    }
}
