package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kefu-eval load}'s checks before it sends anything, and how it reads the server's metrics. */
class LoadCommandTest {
    @Test
    void should_list_every_bad_option_and_send_nothing() {
        EvalCli cli = new EvalCli();
        int exit = cli.run(
                "load",
                "--url",
                "localhost:7070",
                "--ramp",
                "--duration",
                "0",
                "--connections",
                "0",
                "--out",
                "x.json");
        assertThat(exit).isEqualTo(1);
        assertThat(cli.err())
                .contains("--url must be a server's address")
                .contains("--duration must be a number of seconds > 0")
                .contains("--connections must be >= 1")
                .contains("--ramp needs --p99-bound MS")
                .contains("Nothing was run.");
    }

    @Test
    void should_refuse_a_product_page_without_idle_sockets() {
        EvalCli cli = new EvalCli();
        int exit = cli.run(
                "load",
                "--url",
                "http://localhost:7070",
                "--page",
                "product-x200",
                "--duration",
                "1",
                "--out",
                "x.json");
        assertThat(exit).isEqualTo(1);
        assertThat(cli.err())
                .contains("--page PRODUCT is the product page of --idle-sockets")
                .contains("Nothing was run.");
    }

    @Test
    void should_sum_a_series_over_its_labels_with_or_without_a_prefix() {
        Map<String, Double> samples = new LinkedHashMap<>();
        samples.put("kefu_jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}", 100.0);
        samples.put("kefu_jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"}", 50.0);
        samples.put("kefu_jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"}", 7.0);
        samples.put("process_cpu_seconds_total", 12.5);
        samples.put("system_cpu_usage", 0.9);

        assertThat(ServerGauges.sum(samples, "jvm_memory_used_bytes{area=\"heap\"}"))
                .isEqualTo(150.0);
        assertThat(ServerGauges.sum(samples, "process_cpu_seconds_total")).isEqualTo(12.5);
        assertThat(ServerGauges.sum(samples, "process_cpu_usage")).isNull();
    }
}
