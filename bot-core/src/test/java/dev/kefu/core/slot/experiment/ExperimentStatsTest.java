package dev.kefu.core.slot.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kefu.core.slot.experiment.ExperimentStats.Counts;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentStatsTest {
    @Test
    void should_give_the_wilson_interval_when_10_of_100_convert() {
        // p = 0.1, z = 1.96, z² = 3.8415, z²/n = 0.038415, d = 1 + z²/n = 1.038415
        // centre = (p + z²/2n) / d = (0.1 + 0.0192073) / 1.038415 = 0.114800
        // half = z/d · sqrt(p(1-p)/n + z²/4n²) = 1.887464 · sqrt(0.0009 + 0.00009604) = 1.887464 · 0.031560 = 0.059570
        // -> [0.05523, 0.17437]
        Proportions.Interval interval = Proportions.wilson(100, 10);

        assertThat(Proportions.rate(100, 10)).isEqualTo(0.1);
        assertThat(interval.low()).isCloseTo(0.0552, within(1e-3));
        assertThat(interval.high()).isCloseTo(0.1744, within(1e-3));
        assertThat(interval.low()).isCloseTo(0.055229, within(1e-5));
        assertThat(interval.high()).isCloseTo(0.174366, within(1e-5));
    }

    @Test
    void should_start_the_interval_at_zero_when_nobody_converted() {
        // x = 0: centre = half = (z²/2n) / d, so low = 0 and high = (z²/n) / (1 + z²/n)
        // = 0.192073 / 1.192073 = 0.161125 for n = 20 (the textbook interval would be [0, 0]).
        Proportions.Interval interval = Proportions.wilson(20, 0);

        assertThat(interval.low()).isEqualTo(0.0);
        assertThat(interval.high()).isCloseTo(0.161125, within(1e-5));
        // And symmetrically at x = n.
        Proportions.Interval all = Proportions.wilson(20, 20);
        assertThat(all.low()).isCloseTo(1 - 0.161125, within(1e-5));
        assertThat(all.high()).isEqualTo(1.0);
    }

    @Test
    void should_give_rate_zero_and_the_whole_interval_when_nobody_was_exposed() {
        ArmResult result =
                ExperimentStats.of(Map.of("three-hours", new Counts(0, 0))).get(0);

        assertThat(result.rate()).isEqualTo(0.0);
        assertThat(result.low()).isEqualTo(0.0);
        assertThat(result.high()).isEqualTo(1.0);
        assertThat(result.lift()).isNull();
        assertThat(result.pValue()).isNull();
        assertThat(result.significant()).isFalse();
    }

    @Test
    void should_give_the_two_sided_p_value_when_30_of_200_are_tested_against_50_of_200() {
        // p1 = 0.15, p2 = 0.25, pooled = 80/400 = 0.2
        // se = sqrt(0.2 · 0.8 · (1/200 + 1/200)) = sqrt(0.0016) = 0.04, z = -0.10 / 0.04 = -2.5
        // p = 2 · (1 − Φ(2.5)) = 2 · 0.0062097 = 0.0124193
        assertThat(Proportions.twoSidedPValue(200, 30, 200, 50)).isCloseTo(0.0124193, within(1e-6));
        assertThat(Proportions.twoSidedPValue(200, 50, 200, 30)).isCloseTo(0.0124193, within(1e-6));
    }

    @Test
    void should_report_lift_and_p_value_against_holdout_when_arms_are_counted() {
        // The domain's example: "3 hours" converted 44/100, the holdout 32/100.
        // lift = (0.44 − 0.32) / 0.32 = 0.375
        // pooled = 76/200 = 0.38, se = sqrt(0.38 · 0.62 · 0.02) = sqrt(0.004712) = 0.068644
        // z = 0.12 / 0.068644 = 1.7481, p = 2 · (1 − Φ(1.7481)) = 0.08044 -> not significant at 0.05
        // "1 hour" 50/200 against 32/100: lift = (0.25 − 0.32) / 0.32 = −0.21875
        List<ArmResult> results = ExperimentStats.of(Map.of(
                "three-hours",
                new Counts(100, 44),
                "one-hour",
                new Counts(200, 50),
                Experiment.HOLDOUT,
                new Counts(100, 32)));

        ArmResult threeHours = arm(results, "three-hours");
        assertThat(threeHours.rate()).isEqualTo(0.44);
        assertThat(threeHours.lift()).isCloseTo(0.375, within(1e-12));
        assertThat(threeHours.pValue()).isCloseTo(0.08044, within(1e-5));
        assertThat(threeHours.significant()).isFalse();
        assertThat(arm(results, "one-hour").lift()).isCloseTo(-0.21875, within(1e-12));
        ArmResult holdout = arm(results, Experiment.HOLDOUT);
        assertThat(holdout.rate()).isEqualTo(0.32);
        assertThat(holdout.lift()).isNull();
        assertThat(holdout.pValue()).isNull();
        assertThat(holdout.significant()).isFalse();
    }

    @Test
    void should_mark_a_variant_significant_when_p_is_below_five_percent() {
        // 120/1000 vs 80/1000: pooled 0.1, se = sqrt(0.1 · 0.9 · 0.002) = 0.013416
        // z = 0.04 / 0.013416 = 2.9814, p = 2 · (1 − Φ(2.9814)) = 0.0028691; lift = 0.04 / 0.08 = 0.5
        List<ArmResult> results = ExperimentStats.of(
                Map.of("anchoring", new Counts(1000, 120), Experiment.HOLDOUT, new Counts(1000, 80)));

        ArmResult anchoring = arm(results, "anchoring");
        assertThat(anchoring.pValue()).isCloseTo(0.0028691, within(1e-6));
        assertThat(anchoring.lift()).isCloseTo(0.5, within(1e-12));
        assertThat(anchoring.significant()).isTrue();
    }

    @Test
    void should_give_p_one_and_not_significant_when_rates_are_equal() {
        // Difference 0 -> z = 0 -> p = 2 · (1 − Φ(0)) = 1; lift = 0.
        List<ArmResult> results =
                ExperimentStats.of(Map.of("three-hours", new Counts(100, 20), Experiment.HOLDOUT, new Counts(50, 10)));

        ArmResult threeHours = arm(results, "three-hours");
        assertThat(threeHours.pValue()).isEqualTo(1.0);
        assertThat(threeHours.lift()).isEqualTo(0.0);
        assertThat(threeHours.significant()).isFalse();
        // Pooled rate 0 or 1: the standard error is 0, the rates are equal, p = 1.
        assertThat(Proportions.twoSidedPValue(50, 0, 80, 0)).isEqualTo(1.0);
        assertThat(Proportions.twoSidedPValue(50, 50, 80, 80)).isEqualTo(1.0);
    }

    @Test
    void should_leave_lift_null_but_test_when_the_holdout_rate_is_zero() {
        // lift = (0.05 − 0) / 0 has no finite value.
        // pooled = 5/200 = 0.025, se = sqrt(0.025 · 0.975 · 0.02) = 0.022079, z = 0.05 / 0.022079 = 2.2646
        // p = 2 · (1 − Φ(2.2646)) = 0.02354
        List<ArmResult> results =
                ExperimentStats.of(Map.of("three-hours", new Counts(100, 5), Experiment.HOLDOUT, new Counts(100, 0)));

        ArmResult threeHours = arm(results, "three-hours");
        assertThat(threeHours.lift()).isNull();
        assertThat(threeHours.pValue()).isCloseTo(0.02354, within(1e-5));
        assertThat(threeHours.significant()).isTrue();
    }

    @Test
    void should_leave_lift_and_p_value_null_when_an_arm_has_no_exposures() {
        List<ArmResult> noHoldoutData =
                ExperimentStats.of(Map.of("three-hours", new Counts(100, 44), Experiment.HOLDOUT, new Counts(0, 0)));
        List<ArmResult> noVariantData =
                ExperimentStats.of(Map.of("three-hours", new Counts(0, 0), Experiment.HOLDOUT, new Counts(100, 32)));

        assertThat(arm(noHoldoutData, "three-hours").lift()).isNull();
        assertThat(arm(noHoldoutData, "three-hours").pValue()).isNull();
        // Not a lift of −100%: nobody has seen the variant yet.
        assertThat(arm(noVariantData, "three-hours").lift()).isNull();
        assertThat(arm(noVariantData, "three-hours").pValue()).isNull();
    }

    @Test
    void should_leave_lift_null_when_there_is_no_holdout_unless_a_baseline_is_named() {
        Map<String, Counts> counts = Map.of("free-shipping", new Counts(200, 30), "gift-wrap", new Counts(200, 50));

        assertThat(ExperimentStats.of(counts))
                .allSatisfy(result -> assertThat(result.lift()).isNull())
                .allSatisfy(result -> assertThat(result.pValue()).isNull());

        List<ArmResult> againstShipping = ExperimentStats.of(counts, "free-shipping");
        // (0.25 − 0.15) / 0.15 = 0.6667; p as in the 30/200 vs 50/200 example.
        assertThat(arm(againstShipping, "gift-wrap").lift()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(arm(againstShipping, "gift-wrap").pValue()).isCloseTo(0.0124193, within(1e-6));
        assertThat(arm(againstShipping, "free-shipping").lift()).isNull();
    }

    @Test
    void should_order_arms_by_id_with_the_baseline_last_when_the_map_has_any_order() {
        Map<String, Counts> counts = new LinkedHashMap<>();
        counts.put(Experiment.HOLDOUT, new Counts(10, 1));
        counts.put("three-hours", new Counts(10, 2));
        counts.put("anchoring", new Counts(10, 3));

        assertThat(ExperimentStats.of(counts))
                .extracting(ArmResult::arm)
                .containsExactly("anchoring", "three-hours", Experiment.HOLDOUT);
    }

    @Test
    void should_reject_counts_when_they_are_negative_or_conversions_exceed_exposures() {
        assertThatThrownBy(() -> new Counts(10, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conversions <= exposures");
        assertThatThrownBy(() -> new Counts(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Counts(5, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportions.rate(10, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportions.wilson(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportions.twoSidedPValue(10, 1, 10, 11))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_the_input_when_the_map_is_malformed_or_the_baseline_is_missing() {
        Map<String, Counts> withNull = new HashMap<>();
        withNull.put("three-hours", null);

        assertThatThrownBy(() -> ExperimentStats.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExperimentStats.of(withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three-hours");
        assertThatThrownBy(() -> ExperimentStats.of(Map.of("a", new Counts(1, 1)), "holdout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseline");
    }

    @Test
    void should_reject_an_arm_result_when_its_fields_contradict_each_other() {
        assertThatThrownBy(() -> new ArmResult("a", 100, 10, 0.1, 0.05, 0.17, 0.2, 0.01, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("significant");
        assertThatThrownBy(() -> new ArmResult("a", 100, 10, 0.1, 0.05, 0.17, null, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("significant");
        assertThatThrownBy(() -> new ArmResult("a", 100, 10, 0.1, 0.12, 0.17, null, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> new ArmResult("a", 100, 10, 0.1, 0.05, 0.17, null, 1.5, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pValue");
    }

    @ParameterizedTest
    @CsvSource({
        // x, erfc(x) from Python's math.erfc (correctly rounded libm)
        "0.1, 0.8875370839817152",
        "0.5, 0.4795001221869535",
        "1.0, 0.15729920705028513",
        "2.0, 0.004677734981047265",
        "3.0, 2.2090496998585438e-05",
        "4.0, 1.541725790028002e-08",
        "5.0, 1.5374597944280351e-12",
        "-1.0, 1.842700792949715"
    })
    void should_match_erfc_to_relative_error_1_2e_7_when_far_in_the_tail(double x, double expected) {
        // Abramowitz–Stegun 7.1.26 (absolute error 1.5e-7) would be off by percent here at x >= 4.
        assertThat(Proportions.erfc(x)).isCloseTo(expected, within(1.2e-7 * expected));
    }

    @Test
    void should_give_the_normal_quantiles_when_the_cdf_is_evaluated() {
        assertThat(Proportions.normalCdf(Proportions.Z_95)).isCloseTo(0.975, within(1e-7));
        assertThat(Proportions.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        // Φ(−2.5) = 0.0062096653257761 (tables)
        assertThat(Proportions.normalCdf(-2.5)).isCloseTo(0.0062096653, within(1e-9));
    }

    private static ArmResult arm(List<ArmResult> results, String arm) {
        return results.stream()
                .filter(result -> result.arm().equals(arm))
                .findFirst()
                .orElseThrow();
    }
}
