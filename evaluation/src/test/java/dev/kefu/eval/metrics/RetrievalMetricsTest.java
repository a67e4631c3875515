package dev.kefu.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalMetricsTest {
    @Test
    void should_compute_recall_mrr_and_no_answer_rates_as_defined_in_contracts() {
        RetrievalMetrics metrics = new RetrievalMetrics();
        metrics.add("a", List.of("a", "b"));
        metrics.add("b", List.of("a", "b"));
        metrics.add("c", List.of());
        metrics.add("none", List.of());
        metrics.add("none", List.of("a"));

        assertThat(metrics.recallAt1()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(metrics.recallAt5()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(metrics.mrr()).isCloseTo((1 + 0.5 + 0) / 3, within(1e-9));
        assertThat(metrics.noAnswerRecall()).isEqualTo(0.5);
        assertThat(metrics.noAnswerPrecision()).isEqualTo(0.5);
    }

    @Test
    void should_report_nearest_rank_percentiles_in_milliseconds() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 300; i++) {
            latencies.add(i * 1_000_000L);
        }
        assertThat(latencies.percentileMs(50)).isEqualTo(150.0);
        assertThat(latencies.percentileMs(99)).isEqualTo(297.0);
    }
}
