package dev.kefu.core.slot.experiment;

import dev.kefu.core.Checks;

/**
 * How one arm of an experiment did, compared with the baseline arm (normally the holdout).
 *
 * @param arm the variant id or {@value Experiment#HOLDOUT}
 * @param exposures shoppers who were shown the arm
 * @param conversions of those, shoppers who converted
 * @param rate {@code conversions / exposures}, 0 without exposures
 * @param low lower bound of the 95% Wilson score interval of the rate
 * @param high upper bound of that interval
 * @param lift {@code (rate − baselineRate) / baselineRate}, or {@code null} for the baseline
 *     itself, without a baseline, when the baseline rate is 0 (no finite lift), or when this arm
 *     has no exposures
 * @param pValue two-sided p-value of the pooled two-proportion z-test against the baseline, or
 *     {@code null} for the baseline itself, without a baseline, or when either arm has no exposures
 * @param significant whether {@code pValue < 0.05}; one test per arm, not corrected for comparing
 *     several variants, so treat a lone significant arm among many with care
 */
public record ArmResult(
        String arm,
        long exposures,
        long conversions,
        double rate,
        double low,
        double high,
        Double lift,
        Double pValue,
        boolean significant) {
    /** The significance level of {@link #significant()}. */
    public static final double ALPHA = 0.05;

    public ArmResult {
        Checks.requireText("arm", arm);
        Proportions.requireCounts(exposures, conversions);
        Checks.requireUnit("rate", rate);
        if (!(low >= 0.0 && low <= rate && rate <= high && high <= 1.0)) {
            throw new IllegalArgumentException(
                    "interval must contain the rate " + rate + " within [0, 1], was [" + low + ", " + high + "]");
        }
        if (lift != null && !Double.isFinite(lift)) {
            throw new IllegalArgumentException("lift must be finite or null, was " + lift);
        }
        if (pValue != null) {
            Checks.requireUnit("pValue", pValue);
        }
        if (significant != (pValue != null && pValue < ALPHA)) {
            throw new IllegalArgumentException(
                    "significant must be pValue < " + ALPHA + ", was " + significant + " for pValue " + pValue);
        }
    }
}
