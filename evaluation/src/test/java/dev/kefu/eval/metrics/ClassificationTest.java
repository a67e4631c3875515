package dev.kefu.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {
    /** gold a: 3 (2 right, 1 -> b); gold b: 2 (1 right, 1 -> a); gold c: 1 (-> a). */
    private static Classification sample() {
        Classification metrics = new Classification();
        metrics.add("a", "a", 0.9);
        metrics.add("a", "a", 0.8);
        metrics.add("a", "b", 0.6);
        metrics.add("b", "b", 0.7);
        metrics.add("b", "a", 0.55);
        metrics.add("c", "a", 0.5);
        return metrics;
    }

    @Test
    void should_compute_accuracy_as_the_share_of_exact_matches() {
        Classification metrics = sample();
        assertThat(metrics.total()).isEqualTo(6);
        assertThat(metrics.accuracy()).isCloseTo(3.0 / 6, within(1e-12));
    }

    @Test
    void should_return_nan_accuracy_and_macro_f1_when_nothing_was_added() {
        Classification metrics = new Classification();
        assertThat(metrics.total()).isZero();
        assertThat(metrics.accuracy()).isNaN();
        assertThat(metrics.macroF1()).isNaN();
        assertThat(metrics.goldLabels()).isEmpty();
    }

    @Test
    void should_compute_per_label_precision_recall_and_f1_from_the_counts() {
        Classification metrics = sample();
        // a: tp 2, fp 2 (b->a, c->a), fn 1
        assertThat(metrics.precision("a")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.recall("a")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(metrics.f1("a")).isCloseTo(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), within(1e-12));
        // b: tp 1, fp 1, fn 1
        assertThat(metrics.precision("b")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.recall("b")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.f1("b")).isCloseTo(0.5, within(1e-12));
        // c: never predicted
        assertThat(metrics.precision("c")).isZero();
        assertThat(metrics.recall("c")).isZero();
        assertThat(metrics.f1("c")).isZero();
        assertThat(metrics.precision("unknown")).isZero();
    }

    @Test
    void should_average_f1_over_gold_labels_only_when_a_label_is_only_predicted() {
        Classification metrics = new Classification();
        metrics.add("a", "a", 0.9);
        metrics.add("a", "a", 0.9);
        metrics.add("b", "b", 0.9);
        metrics.add("b", "z", 0.4); // z is predicted but never gold
        assertThat(metrics.goldLabels()).containsExactly("a", "b");
        double f1b = 2 * 1.0 * 0.5 / 1.5;
        assertThat(metrics.macroF1()).isCloseTo((1.0 + f1b) / 2, within(1e-12));
        assertThat(metrics.f1("z")).isZero();
    }

    @Test
    void should_count_an_error_when_the_gold_label_was_never_seen_in_training() {
        Classification metrics = new Classification();
        metrics.add("known", "known", 0.9);
        metrics.add("brand_new_intent", "known", 0.8);
        assertThat(metrics.accuracy()).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.recall("brand_new_intent")).isZero();
        assertThat(metrics.goldLabels()).containsExactly("brand_new_intent", "known");
        assertThat(metrics.macroF1()).isCloseTo((0.0 + 2 * 0.5 * 1.0 / 1.5) / 2, within(1e-12));
        assertThat(metrics.perLabelTable()).contains("| brand_new_intent | 0.000 | 0.000 | 0.000 | 1 |");
    }

    @Test
    void should_list_per_label_rows_sorted_by_label_with_support() {
        List<String> lines = sample().perLabelTable().lines().toList();
        assertThat(lines)
                .containsExactly(
                        "| label | precision | recall | F1 | support |",
                        "|---|---|---|---|---|",
                        "| a | 0.500 | 0.667 | 0.571 | 3 |",
                        "| b | 0.500 | 0.500 | 0.500 | 2 |",
                        "| c | 0.000 | 0.000 | 0.000 | 1 |");
    }

    @Test
    void should_order_confusions_by_count_then_name_and_keep_the_most_frequent() {
        Classification metrics = new Classification();
        metrics.add("x", "y", 0.5);
        metrics.add("b", "a", 0.5);
        metrics.add("x", "y", 0.5);
        metrics.add("a", "b", 0.5);
        metrics.add("x", "y", 0.5);
        metrics.add("b", "a", 0.5);
        metrics.add("c", "a", 0.5);
        metrics.add("a", "a", 0.5);
        List<String> lines = metrics.confusionTable(3).lines().toList();
        assertThat(lines)
                .containsExactly(
                        "| gold -> predicted | count |",
                        "|---|---|",
                        "| x -> y | 3 |",
                        "| b -> a | 2 |",
                        "| a -> b | 1 |");
        assertThat(metrics.confusionTable(10).lines()).hasSize(6).last().isEqualTo("| c -> a | 1 |");
    }

    @Test
    void should_put_each_confidence_in_its_decile_and_full_confidence_in_the_last_bucket() {
        Classification metrics = new Classification();
        metrics.add("a", "a", 1.0);
        metrics.add("a", "b", 0.95);
        metrics.add("a", "a", 0.0);
        metrics.add("a", "a", 0.25);
        metrics.add("a", "a", 0.3);
        List<String> lines = metrics.confidenceHistogram().lines().toList();
        assertThat(lines).hasSize(12);
        assertThat(lines.get(2)).startsWith("| 0.0-0.1 | 1 | 1.000 |");
        assertThat(lines.get(3)).startsWith("| 0.1-0.2 | 0 | n/a |");
        assertThat(lines.get(4)).startsWith("| 0.2-0.3 | 1 | 1.000 |");
        assertThat(lines.get(5)).startsWith("| 0.3-0.4 | 1 | 1.000 |");
        assertThat(lines.get(11)).isEqualTo("| 0.9-1.0 | 2 | 0.500 | " + "#".repeat(30) + " |");
    }

    @Test
    void should_clamp_out_of_range_confidences_into_the_edge_buckets() {
        Classification metrics = new Classification();
        metrics.add("a", "a", 1.7);
        metrics.add("a", "a", -0.2);
        List<String> lines = metrics.confidenceHistogram().lines().toList();
        assertThat(lines.get(2)).startsWith("| 0.0-0.1 | 1 |");
        assertThat(lines.get(11)).startsWith("| 0.9-1.0 | 1 |");
    }
}
