package dev.kefu.core.slot.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kefu.core.slot.experiment.Experiment.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignerTest {
    /** The domain's example: "3 hours to enjoy the offer" against "only 1 hour left", 10% holdout. */
    private static final Experiment URGENCY = new Experiment(
            "opener-urgency",
            "gift.opener",
            List.of(new Variant("three-hours", 45), new Variant("one-hour", 45)),
            10,
            Status.RUNNING);

    private final Assigner assigner = new Assigner();

    @Test
    void should_give_the_same_arm_when_the_same_shopper_comes_back() {
        for (int i = 0; i < 200; i++) {
            String shopper = "shopper-" + i;
            String first = assigner.assign(URGENCY, shopper);

            assertThat(assigner.assign(URGENCY, shopper)).isEqualTo(first);
            assertThat(new Assigner().assign(URGENCY, shopper)).isEqualTo(first);
            // An equal experiment built anew (as after a restart) gives the same arm too.
            Experiment reloaded = new Experiment(
                    "opener-urgency",
                    "gift.opener",
                    List.of(new Variant("three-hours", 45), new Variant("one-hour", 45)),
                    10,
                    Status.RUNNING);
            assertThat(new Assigner().assign(reloaded, shopper)).isEqualTo(first);
        }
    }

    @Test
    void should_give_these_exact_arms_when_the_hash_is_sha256_of_experiment_and_key() {
        // Computed independently (Python hashlib): u = (first 8 bytes of SHA-256 of
        // "opener-urgency:<key>" as unsigned big-endian >>> 11) · 2^-53; arms are
        // three-hours [0, 0.45), one-hour [0.45, 0.90), holdout [0.90, 1).
        // alice:     u = 0.09996758789403926 -> three-hours
        // carol:     u = 0.8349234030106808  -> one-hour
        // shopper-1: u = 0.9126692157671836  -> holdout
        assertThat(assigner.assign(URGENCY, "alice")).isEqualTo("three-hours");
        assertThat(assigner.assign(URGENCY, "carol")).isEqualTo("one-hour");
        assertThat(assigner.assign(URGENCY, "shopper-1")).isEqualTo(Experiment.HOLDOUT);
    }

    @Test
    void should_hash_to_these_exact_units_when_keys_are_ascii_or_chinese() {
        // Same independent computation; 小明 checks that the key is hashed as UTF-8.
        assertThat(Assigner.unit("opener-urgency:alice")).isEqualTo(0.09996758789403926);
        assertThat(Assigner.unit("opener-urgency:shopper-1")).isEqualTo(0.9126692157671836);
        assertThat(Assigner.unit("opener-urgency:小明")).isEqualTo(0.3587007511324638);
        assertThat(assigner.assign(URGENCY, "小明")).isEqualTo("three-hours");
    }

    @Test
    void should_split_shoppers_by_weight_when_many_shoppers_are_assigned() {
        Map<String, Integer> counts = count(URGENCY, 10_000);

        assertThat(counts.keySet()).containsExactlyInAnyOrder("three-hours", "one-hour", Experiment.HOLDOUT);
        assertThat(counts.get("three-hours") / 10_000.0).isCloseTo(0.45, within(0.02));
        assertThat(counts.get("one-hour") / 10_000.0).isCloseTo(0.45, within(0.02));
        assertThat(counts.get(Experiment.HOLDOUT) / 10_000.0).isCloseTo(0.10, within(0.02));
    }

    @Test
    void should_split_about_evenly_when_two_variants_have_equal_weight_and_no_holdout() {
        Experiment fifty = new Experiment(
                "closing-shipping",
                "gift.closing",
                List.of(new Variant("free-shipping", 1), new Variant("gift-wrap", 1)),
                0,
                Status.RUNNING);

        Map<String, Integer> counts = count(fifty, 1_000);

        assertThat(counts.keySet()).containsExactlyInAnyOrder("free-shipping", "gift-wrap");
        assertThat(counts.get("free-shipping")).isBetween(450, 550);
        assertThat(counts.get("gift-wrap")).isBetween(450, 550);
    }

    @Test
    void should_never_pick_an_arm_when_its_weight_is_zero() {
        Experiment oneOff = new Experiment(
                "opener-urgency",
                "gift.opener",
                List.of(new Variant("three-hours", 0), new Variant("one-hour", 1)),
                0,
                Status.RUNNING);

        assertThat(count(oneOff, 2_000)).containsOnlyKeys("one-hour");
    }

    @Test
    void should_assign_the_same_way_when_the_experiment_is_paused_or_ended() {
        Experiment paused = URGENCY.withStatus(Status.PAUSED);
        Experiment ended = URGENCY.withStatus(Status.ENDED);

        for (int i = 0; i < 1_000; i++) {
            String shopper = "shopper-" + i;
            String running = assigner.assign(URGENCY, shopper);
            assertThat(assigner.assign(paused, shopper)).isEqualTo(running);
            assertThat(assigner.assign(ended, shopper)).isEqualTo(running);
        }
    }

    @Test
    void should_shuffle_shoppers_independently_when_experiments_differ_only_in_id() {
        Experiment other = new Experiment(
                "opener-anchoring", URGENCY.scriptId(), URGENCY.variants(), URGENCY.holdoutWeight(), Status.RUNNING);
        int same = 0;
        for (int i = 0; i < 2_000; i++) {
            String shopper = "shopper-" + i;
            if (assigner.assign(URGENCY, shopper).equals(assigner.assign(other, shopper))) {
                same++;
            }
        }
        // Independent arms agree with probability 0.45² + 0.45² + 0.1² = 0.415; identical would be 1.
        assertThat(same / 2_000.0).isCloseTo(0.415, within(0.05));
    }

    @Test
    void should_reject_the_input_when_the_shopper_key_is_blank_or_the_experiment_is_null() {
        assertThatThrownBy(() -> assigner.assign(URGENCY, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assigner.assign(URGENCY, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assigner.assign(null, "alice")).isInstanceOf(IllegalArgumentException.class);
    }

    private Map<String, Integer> count(Experiment experiment, int shoppers) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < shoppers; i++) {
            counts.merge(assigner.assign(experiment, "shopper-" + i), 1, Integer::sum);
        }
        return counts;
    }
}
