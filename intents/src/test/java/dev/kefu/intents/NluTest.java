package dev.kefu.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.intents.train.TrainingDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NluTest {
    @Test
    void should_understand_a_message_end_to_end_when_built_from_demo_data() {
        Nlu nlu = Nlu.demo(0.2);
        String raw = "订单２０２６１１２２０００１怎么还没到？太慢了！";
        Language language = nlu.languageDetector().detect(raw);
        String text = nlu.normalizer().normalize(raw);
        assertThat(language).isEqualTo(Language.ZH);
        assertThat(text).isEqualTo("订单202611220001怎么还没到?太慢了!");
        assertThat(nlu.intentClassifier().classify(text, language).name()).isEqualTo("order_status");
        assertThat(nlu.entityExtractor().extract(text, language))
                .singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo("202611220001"));
        assertThat(nlu.sentimentAnalyzer().analyze(text, language).label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void should_train_from_file_when_given_a_jsonl_path(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("intents.jsonl");
        Files.writeString(
                file,
                """
                {"text": "where is my order", "label": "order_status"}
                {"text": "track my package", "label": "order_status"}
                {"text": "i want my money back", "label": "refund"}
                {"text": "refund please", "label": "refund"}
                """,
                StandardCharsets.UTF_8);
        Nlu nlu = Nlu.fromTrainingFile(file, 0.0);
        assertThat(nlu.intentClassifier()
                        .classify("refund my money", Language.EN)
                        .name())
                .isEqualTo("refund");
    }

    @Test
    void should_fail_before_training_when_file_has_bad_lines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"text\": \"hi\"}\nnot json\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Nlu.fromTrainingFile(file, 0.2))
                .isInstanceOfSatisfying(
                        TrainingDataException.class, e -> assertThat(e.errors()).hasSize(2));
    }

    @Test
    void should_reject_threshold_outside_unit_range_when_building() {
        assertThatThrownBy(() -> Nlu.demo(-0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outOfScopeThreshold must be in [0, 1], was -0.5");
    }
}
