package dev.kefu.core.slot.experiment;

/**
 * The statistics of conversion rates: a rate with its 95% Wilson score interval, and the pooled
 * two-proportion z-test. Wilson, not the textbook {@code p ± 1.96·sqrt(p(1-p)/n)}, because
 * experiment arms are small (a store may test on groups of 100) and rates are often near 0, where
 * the textbook interval collapses to a point or leaves [0, 1].
 */
public final class Proportions {
    /** The two-sided 95% quantile of the standard normal distribution, Φ⁻¹(0.975). */
    public static final double Z_95 = 1.959963984540054;

    /** Numerical Recipes' {@code erfcc} coefficients c0..c9 of the polynomial in t = 1 / (1 + |x|/2). */
    private static final double[] ERFC_COEFFICIENTS = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };

    private Proportions() {}

    /** A closed interval within [0, 1]. */
    public record Interval(double low, double high) {
        public Interval {
            if (!(low >= 0.0 && low <= high && high <= 1.0)) {
                throw new IllegalArgumentException(
                        "interval must satisfy 0 <= low <= high <= 1, was [" + low + ", " + high + "]");
            }
        }
    }

    /** Conversions over exposures; 0 when nobody was exposed (there is nothing to show yet). */
    public static double rate(long exposures, long conversions) {
        requireCounts(exposures, conversions);
        return exposures == 0 ? 0.0 : (double) conversions / exposures;
    }

    /**
     * The 95% Wilson score interval of the rate; [0, 1] when nobody was exposed, since then
     * nothing is known.
     */
    public static Interval wilson(long exposures, long conversions) {
        requireCounts(exposures, conversions);
        if (exposures == 0) {
            return new Interval(0.0, 1.0);
        }
        double n = exposures;
        double p = conversions / n;
        double z2 = Z_95 * Z_95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // The bounds are exactly 0 and 1 at x = 0 and x = n; set them so rounding cannot leave
        // the rate a hair outside its own interval.
        double low = conversions == 0 ? 0.0 : Math.max(0.0, centre - half);
        double high = conversions == exposures ? 1.0 : Math.min(1.0, centre + half);
        return new Interval(low, high);
    }

    /**
     * The two-sided p-value of the pooled two-proportion z-test of "both arms convert at the same
     * rate", or {@code null} when an arm has no exposures (there is nothing to test). When both
     * arms have the same rate, or the pooled rate is 0 or 1, the difference is 0 and the p-value
     * is 1.
     */
    public static Double twoSidedPValue(long exposuresA, long conversionsA, long exposuresB, long conversionsB) {
        requireCounts(exposuresA, conversionsA);
        requireCounts(exposuresB, conversionsB);
        if (exposuresA == 0 || exposuresB == 0) {
            return null;
        }
        double nA = exposuresA;
        double nB = exposuresB;
        double pooled = (conversionsA + conversionsB) / (nA + nB);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
        double difference = conversionsA / nA - conversionsB / nB;
        if (standardError == 0 || difference == 0) {
            return 1.0;
        }
        double z = difference / standardError;
        // 2·(1 − Φ(|z|)) = erfc(|z| / √2); the approximation is a hair above 1 near 0, so clamp.
        return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /** Φ(x), the standard normal cumulative distribution, with relative error below 1.2e-7. */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * The complementary error function, by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2,
     * {@code erfcc}), with relative error below 1.2e-7 everywhere. The common Abramowitz–Stegun
     * 7.1.26 has absolute error 1.5e-7, which is a large relative error in the tail, exactly where
     * small p-values are read.
     */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double polynomial = 0;
        for (int i = ERFC_COEFFICIENTS.length - 1; i >= 0; i--) {
            polynomial = ERFC_COEFFICIENTS[i] + t * polynomial;
        }
        double value = t * Math.exp(-z * z + polynomial);
        return x >= 0 ? value : 2 - value;
    }

    static void requireCounts(long exposures, long conversions) {
        if (exposures < 0 || conversions < 0 || conversions > exposures) {
            throw new IllegalArgumentException("counts must satisfy 0 <= conversions <= exposures, was " + conversions
                    + " conversions of " + exposures + " exposures");
        }
    }
}
