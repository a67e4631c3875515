package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kefu-eval kb} over a small knowledge file: hybrid retrieval with the real sentence encoders. */
class KbCommandIT {
    @TempDir
    Path dir;

    private final EvalCli cli = new EvalCli();

    @Test
    void should_write_json_and_markdown_reports_with_contract_fields() throws Exception {
        Path kb = Files.writeString(
                dir.resolve("kb.jsonl"),
                """
                {"id": "policy-shipping", "type": "policy", "title": "Shipping times", "body": "Delivery takes 2-4 days.", "questions": ["how long does delivery take", "when will my parcel arrive"]}
                {"id": "policy-returns", "type": "policy", "title": "Returns", "body": "Return within 7 days.", "questions": ["can I return an item", "what is the return policy"]}
                """);
        Path queries = Files.writeString(
                dir.resolve("q.jsonl"),
                """
                {"text": "how long does delivery take to arrive", "label": "policy-shipping"}
                {"text": "what is your return policy", "label": "policy-returns"}
                {"text": "quantum chromodynamics lecture notes", "label": "none"}
                """);
        Path out = dir.resolve("reports/kb.json");

        int exit = cli.run(
                "kb",
                "--kb",
                kb.toString(),
                "--queries",
                queries.toString(),
                "--out",
                out.toString(),
                "--min-score",
                "0.5");

        assertThat(exit).as(cli.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertThat(report.fieldNames())
                .toIterable()
                .contains(
                        "recall_at_1",
                        "recall_at_5",
                        "mrr",
                        "no_answer_precision",
                        "no_answer_recall",
                        "n_test",
                        "query_ms_p50",
                        "query_ms_p99");
        assertThat(report.path("n_test").asInt()).isEqualTo(3);
        assertThat(report.path("recall_at_1").asDouble()).isEqualTo(1.0);
        assertThat(report.path("no_answer_recall").asDouble()).isEqualTo(1.0);
        assertThat(dir.resolve("reports/kb.md")).content().contains("recall_at_1");
    }
}
