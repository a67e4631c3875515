package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kefu-eval calibrate} on evidence whose right thresholds are known: the floors and the
 * confident similarities it chooses, per language, and its refusals.
 */
class CalibrateCommandTest {
    @TempDir
    Path dir;

    private final EvalCli cli = new EvalCli();

    /** One question: the right entry at {@code right} (or none) and a wrong one just below. */
    private static String question(String set, String id, String lang, String answer, double best) {
        String ranked = String.format(
                Locale.ROOT,
                "[[\"%s\", 0.0, %.4f, 0.001], [\"other\", 0.0, %.4f, 0.0001]]",
                answer == null ? "faq-near" : answer,
                best,
                best - 0.05);
        return String.format(
                Locale.ROOT,
                "{\"set\": \"%s\", \"id\": \"%s\", \"lang\": \"%s\", \"text\": \"q\", \"answers\": %s, \"ranked\": %s}",
                set,
                id,
                lang,
                answer == null ? "[]" : "[\"" + answer + "\"]",
                ranked);
    }

    @Test
    void should_choose_each_language_s_floor_and_confident_similarity_from_the_evidence() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // English: answers from 0.75 up, off-topic up to 0.695; Chinese: answers from 0.62, off-topic below 0.5
            lines.add(question("faq", "en-a-" + i, "en", "faq-a", 0.75 + i * 0.005));
            lines.add(question("faq", "en-n-" + i, "en", null, 0.60 + i * 0.005));
            lines.add(question("faq", "zh-a-" + i, "zh", "faq-a", 0.62 + i * 0.003));
            lines.add(question("faq", "zh-n-" + i, "mixed", null, 0.40 + i * 0.005));
        }
        Path evidence = Files.write(dir.resolve("ev.jsonl"), lines, StandardCharsets.UTF_8);
        Path report = dir.resolve("r.json");

        int exit = cli.run(
                "calibrate", "--from-evidence", evidence.toString(), "--folds", "4", "--out", report.toString());

        assertThat(exit).as(cli.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(report.toFile());
        // the highest floors that keep every answer (ties go to the safer, higher floor)
        assertThat(metrics.path("min_similarity").asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(metrics.path("min_similarity_zh").asDouble()).isCloseTo(0.62, within(1e-9));
        // the lowest confident similarity above every off-topic question of the language
        assertThat(metrics.path("confident_similarity").asDouble()).isCloseTo(0.70, within(1e-9));
        assertThat(metrics.path("confident_similarity_zh").asDouble()).isCloseTo(0.50, within(1e-9));
        // held out, a fold may miss an answer below every answer of the other folds: high, not perfect
        assertThat(metrics.path("faq_cv_recall_at_1_mean").asDouble()).isBetween(0.85, 1.0);
        assertThat(metrics.path("faq_cv_no_answer_recall_mean").asDouble()).isGreaterThanOrEqualTo(0.85);
        assertThat(dir.resolve("r.md")).content().contains("Each fold");
    }

    @Test
    void should_refuse_to_run_without_questions_or_with_fewer_than_two_folds() throws Exception {
        assertThat(cli.run("calibrate", "--out", dir.resolve("r.json").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("nothing to calibrate on");
        assertThat(cli.run(
                        "calibrate",
                        "--demo",
                        "--folds",
                        "1",
                        "--out",
                        dir.resolve("r.json").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--folds must be at least 2");
        assertThat(dir.resolve("r.json")).doesNotExist();
    }

    @Test
    void should_read_the_parity_of_a_dialogue_id() {
        assertThat(CalibrateCommand.parity("zh-kb-03")).isEqualTo(1);
        assertThat(CalibrateCommand.parity("en-offtopic-12")).isZero();
        assertThat(CalibrateCommand.parity("odd")).isEqualTo(-1);
    }
}
