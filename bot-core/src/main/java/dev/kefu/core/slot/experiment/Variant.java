package dev.kefu.core.slot.experiment;

/**
 * One arm of an experiment that shows a line, as opposed to the holdout arm that shows none.
 *
 * @param id the variant id, unique within its experiment and never {@value Experiment#HOLDOUT}
 * @param weight the relative share of shoppers, {@code >= 0}; weights need not sum to 1, they are
 *     normalised together with the holdout weight, and a weight of 0 switches the variant off
 *     without forgetting it
 */
public record Variant(String id, double weight) {
    public Variant {
        Experiment.requireId("variant.id", id);
        Experiment.requireWeight("variant.weight", weight);
    }
}
