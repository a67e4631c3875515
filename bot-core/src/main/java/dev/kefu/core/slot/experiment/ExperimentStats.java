package dev.kefu.core.slot.experiment;

import dev.kefu.core.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns each arm's exposure and conversion counts into an {@link ArmResult}: its rate and 95%
 * Wilson interval, and its lift and p-value against a baseline arm. The counts come from storage;
 * this class only computes, so results can be recomputed at any time from the same counts.
 */
public final class ExperimentStats {
    private ExperimentStats() {}

    /**
     * One arm's counts.
     *
     * @param exposures shoppers who were shown the arm, {@code >= 0}
     * @param conversions of those, shoppers who converted, {@code 0 <= conversions <= exposures}
     */
    public record Counts(long exposures, long conversions) {
        public Counts {
            Proportions.requireCounts(exposures, conversions);
        }
    }

    /**
     * The results of all arms against the {@link Experiment#HOLDOUT} arm; when there is no
     * holdout arm, lift and p-value are {@code null} for every arm (see {@link #of(Map, String)}
     * to compare with a variant instead).
     */
    public static List<ArmResult> of(Map<String, Counts> arms) {
        Checks.requireNonNull("arms", arms);
        return compute(arms, arms.containsKey(Experiment.HOLDOUT) ? Experiment.HOLDOUT : null);
    }

    /**
     * The results of all arms against the given baseline arm, which must be one of them; for
     * experiments without a holdout, where the current line is the baseline.
     */
    public static List<ArmResult> of(Map<String, Counts> arms, String baseline) {
        Checks.requireNonNull("arms", arms);
        Checks.requireText("baseline", baseline);
        if (!arms.containsKey(baseline)) {
            throw new IllegalArgumentException(
                    "baseline \"" + baseline + "\" must be one of the arms, was " + arms.keySet());
        }
        return compute(arms, baseline);
    }

    /** Results ordered by arm id with the baseline last, so the order never depends on the map. */
    private static List<ArmResult> compute(Map<String, Counts> arms, String baseline) {
        Counts base = baseline == null ? null : arms.get(baseline);
        List<ArmResult> results = new ArrayList<>();
        arms.forEach((arm, counts) -> {
            Checks.requireText("arm", arm);
            Checks.requireNonNull("counts of " + arm, counts);
            results.add(result(arm, counts, arm.equals(baseline) ? null : base));
        });
        results.sort(
                Comparator.comparing((ArmResult r) -> r.arm().equals(baseline)).thenComparing(ArmResult::arm));
        return List.copyOf(results);
    }

    private static ArmResult result(String arm, Counts counts, Counts base) {
        long n = counts.exposures();
        long x = counts.conversions();
        double rate = Proportions.rate(n, x);
        Proportions.Interval interval = Proportions.wilson(n, x);
        Double lift = null;
        Double pValue = null;
        if (base != null) {
            double baseRate = Proportions.rate(base.exposures(), base.conversions());
            if (baseRate > 0 && n > 0) {
                lift = (rate - baseRate) / baseRate;
            }
            pValue = Proportions.twoSidedPValue(n, x, base.exposures(), base.conversions());
        }
        boolean significant = pValue != null && pValue < ArmResult.ALPHA;
        return new ArmResult(arm, n, x, rate, interval.low(), interval.high(), lift, pValue, significant);
    }
}
