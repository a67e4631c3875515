package dev.kefu.core.slot.experiment;

import dev.kefu.core.Checks;
import dev.kefu.core.Coded;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A test of script lines against each other and against showing nothing (the holdout). Only
 * configuration: which shopper sees which arm is {@link Assigner}'s job, the results are {@link
 * ExperimentStats}'s.
 *
 * @param id the experiment id; it is part of the assignment hash, so renaming an experiment
 *     reshuffles its shoppers
 * @param scriptId the script whose lines are tested
 * @param variants the arms that show a line, in a fixed order (the order is part of the
 *     assignment, see {@link Assigner})
 * @param holdoutWeight the relative share of shoppers who see no line, {@code >= 0}; without a
 *     holdout, lift can only be measured between variants
 * @param status whether the experiment is running; assignment ignores it, serving decides
 */
public record Experiment(String id, String scriptId, List<Variant> variants, double holdoutWeight, Status status) {
    /** The reserved arm id of the holdout: shoppers who see no line. */
    public static final String HOLDOUT = "holdout";

    /** Lowercase so that ids are safe in URLs, metrics names and logs without escaping. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public Experiment {
        requireId("experiment.id", id);
        requireId("experiment.scriptId", scriptId);
        variants = Checks.copyOf("experiment.variants", variants);
        requireWeight("experiment.holdoutWeight", holdoutWeight);
        Checks.requireNonNull("experiment.status", status);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("experiment.variants must not be empty");
        }
        Set<String> seen = new HashSet<>();
        boolean anyPositive = false;
        for (Variant variant : variants) {
            if (HOLDOUT.equals(variant.id())) {
                throw new IllegalArgumentException(
                        "experiment.variants must not use the reserved id \"" + HOLDOUT + "\"");
            }
            if (!seen.add(variant.id())) {
                throw new IllegalArgumentException(
                        "experiment.variants must have unique ids, \"" + variant.id() + "\" repeats");
            }
            anyPositive |= variant.weight() > 0;
        }
        // A holdout-only experiment would show nothing to anyone and measure nothing.
        if (!anyPositive) {
            throw new IllegalArgumentException(
                    "experiment.variants must have at least one weight > 0, was " + variants);
        }
    }

    /** The same experiment with another status (pause, resume, end). */
    public Experiment withStatus(Status newStatus) {
        return new Experiment(id, scriptId, variants, holdoutWeight, newStatus);
    }

    /** The sum of all weights, holdout included; always {@code > 0}. */
    public double totalWeight() {
        double total = holdoutWeight;
        for (Variant variant : variants) {
            total += variant.weight();
        }
        return total;
    }

    static String requireId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must match " + ID.pattern() + ", was " + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    static double requireWeight(String field, double value) {
        if (!(value >= 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    /** Lifecycle of an experiment. Only serving reads it; the assignment stays the same. */
    public enum Status implements Coded {
        RUNNING,
        PAUSED,
        ENDED;

        /** The status with this {@link #code()} ({@code running}, {@code paused}, {@code ended}). */
        public static Status fromCode(String code) {
            return Coded.find(values(), code)
                    .orElseThrow(() ->
                            new IllegalArgumentException("experiment status must be one of running, paused, ended, was "
                                    + (code == null ? "null" : "\"" + code + "\"")));
        }
    }
}
