package dev.kefu.core.slot.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.slot.experiment.Experiment.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentTest {
    private static final List<Variant> TWO = List.of(new Variant("three-hours", 45), new Variant("one-hour", 45));

    @Test
    void should_keep_its_fields_when_valid() {
        Experiment experiment = new Experiment("opener-urgency", "gift.opener", TWO, 10, Status.RUNNING);

        assertThat(experiment.id()).isEqualTo("opener-urgency");
        assertThat(experiment.scriptId()).isEqualTo("gift.opener");
        assertThat(experiment.variants()).containsExactlyElementsOf(TWO);
        assertThat(experiment.holdoutWeight()).isEqualTo(10);
        assertThat(experiment.totalWeight()).isEqualTo(100);
    }

    @Test
    void should_accept_the_longest_id_when_it_has_64_characters() {
        String id = "a".repeat(64);

        assertThat(new Variant(id, 1).id()).isEqualTo(id);
        assertThatThrownBy(() -> new Variant(id + "a", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant.id");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Opener", "-opener", "_opener", ".opener", "opener urgency", "opener/1", "开场白"})
    void should_reject_an_id_when_it_does_not_match_the_pattern(String id) {
        assertThatThrownBy(() -> new Experiment(id, "gift.opener", TWO, 10, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("experiment.id");
        assertThatThrownBy(() -> new Experiment("opener-urgency", id, TWO, 10, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("experiment.scriptId");
        assertThatThrownBy(() -> new Variant(id, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant.id");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void should_reject_a_weight_when_it_is_negative_or_not_finite(double weight) {
        assertThatThrownBy(() -> new Variant("three-hours", weight))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant.weight");
        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", TWO, weight, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("experiment.holdoutWeight");
    }

    @Test
    void should_reject_the_experiment_when_all_variant_weights_are_zero() {
        List<Variant> off = List.of(new Variant("three-hours", 0), new Variant("one-hour", 0));

        // Even with a holdout: everyone would see nothing, and nothing would be measured.
        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", off, 10, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one weight > 0");
        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", off, 0, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one weight > 0");
    }

    @Test
    void should_accept_a_zero_weight_variant_when_another_is_positive() {
        List<Variant> variants = List.of(new Variant("three-hours", 0), new Variant("one-hour", 1));

        assertThat(new Experiment("opener-urgency", "gift.opener", variants, 0, Status.RUNNING).totalWeight())
                .isEqualTo(1);
    }

    @Test
    void should_reject_the_experiment_when_variants_are_empty_or_null() {
        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", List.of(), 10, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", null, 10, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("experiment.variants");
        List<Variant> withNull = new ArrayList<>(TWO);
        withNull.add(null);
        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", withNull, 10, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("experiment.variants");
    }

    @Test
    void should_reject_the_experiment_when_variant_ids_repeat() {
        List<Variant> twice = List.of(new Variant("three-hours", 1), new Variant("three-hours", 2));

        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", twice, 10, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unique")
                .hasMessageContaining("three-hours");
    }

    @Test
    void should_reject_a_variant_when_it_uses_the_holdout_id() {
        List<Variant> reserved = List.of(new Variant("three-hours", 1), new Variant(Experiment.HOLDOUT, 1));

        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", reserved, 0, Status.RUNNING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved")
                .hasMessageContaining("holdout");
    }

    @Test
    void should_reject_the_experiment_when_status_is_null() {
        assertThatThrownBy(() -> new Experiment("opener-urgency", "gift.opener", TWO, 10, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("experiment.status");
    }

    @Test
    void should_not_change_when_the_caller_changes_the_list_it_passed() {
        List<Variant> variants = new ArrayList<>(TWO);
        Experiment experiment = new Experiment("opener-urgency", "gift.opener", variants, 10, Status.RUNNING);

        variants.add(new Variant("anchoring", 10));

        assertThat(experiment.variants()).containsExactlyElementsOf(TWO);
        assertThatThrownBy(() -> experiment.variants().add(new Variant("anchoring", 10)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void should_return_a_copy_with_only_the_status_changed_when_status_is_changed() {
        Experiment running = new Experiment("opener-urgency", "gift.opener", TWO, 10, Status.RUNNING);

        Experiment paused = running.withStatus(Status.PAUSED);

        assertThat(paused).isEqualTo(new Experiment("opener-urgency", "gift.opener", TWO, 10, Status.PAUSED));
        assertThat(running.status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void should_use_lowercase_codes_when_status_is_serialised() {
        assertThat(Status.RUNNING.code()).isEqualTo("running");
        assertThat(Status.PAUSED.code()).isEqualTo("paused");
        assertThat(Status.ENDED.code()).isEqualTo("ended");
        for (Status status : Status.values()) {
            assertThat(Status.fromCode(status.code())).isEqualTo(status);
        }
        assertThatThrownBy(() -> Status.fromCode("RUNNING")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Status.fromCode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
