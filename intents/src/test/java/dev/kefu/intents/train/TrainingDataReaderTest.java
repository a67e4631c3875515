package dev.kefu.intents.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataReaderTest {
    private final TrainingDataReader reader = new TrainingDataReader();

    private List<TrainingExample> read(String jsonl) throws IOException {
        return reader.read(new StringReader(jsonl), "test.jsonl");
    }

    @Test
    void should_read_examples_in_order_when_every_line_is_valid() throws IOException {
        List<TrainingExample> examples = read(
                """
                {"text": "where is my order", "label": "order_status"}

                {"text": "退货政策", "label": "return_policy"}
                """);
        assertThat(examples)
                .containsExactly(
                        new TrainingExample("where is my order", "order_status"),
                        new TrainingExample("退货政策", "return_policy"));
    }

    @Test
    void should_report_every_bad_line_with_its_number_when_several_lines_are_bad() {
        String jsonl =
                """
                {"text": "hello", "label": "greeting"}
                {"text": "hi", "label": }
                ["not", "an", "object"]
                {"text": "bye"}
                {"text": "   ", "label": "goodbye"}
                {"text": 42, "label": "goodbye"}
                {"text": "refund me", "label": "Refund Me"}
                {"text": "thanks", "label": "thanks", "lang": "en"}
                """;
        assertThatThrownBy(() -> read(jsonl))
                .isInstanceOfSatisfying(TrainingDataException.class, e -> assertThat(e.errors())
                        .satisfiesExactly(
                                error -> assertThat(error).startsWith("test.jsonl:2: not valid JSON"),
                                error -> assertThat(error).startsWith("test.jsonl:3: expected a JSON object"),
                                error -> assertThat(error).isEqualTo("test.jsonl:4: missing \"label\""),
                                error -> assertThat(error).isEqualTo("test.jsonl:5: \"text\" must not be blank"),
                                error -> assertThat(error).startsWith("test.jsonl:6: \"text\" must be a string"),
                                error -> assertThat(error).startsWith("test.jsonl:7: label must match"),
                                error -> assertThat(error).startsWith("test.jsonl:8: unknown field \"lang\"")))
                .hasMessageStartingWith("Invalid training data (7 errors)");
    }

    @Test
    void should_load_nothing_when_one_line_is_bad() {
        assertThatThrownBy(() -> read("{\"text\": \"a\", \"label\": \"x\"}\n{broken\n"))
                .isInstanceOf(TrainingDataException.class);
    }

    @Test
    void should_fail_when_file_has_no_examples() {
        assertThatThrownBy(() -> read("\n\n"))
                .isInstanceOfSatisfying(TrainingDataException.class, e -> assertThat(e.errors())
                        .containsExactly("test.jsonl: no training examples"));
    }

    @Test
    void should_read_a_utf8_file_with_byte_order_mark_when_given_a_path(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("intents.jsonl");
        Files.writeString(file, "\uFEFF{\"text\": \"发票\", \"label\": \"invoice\"}\n", StandardCharsets.UTF_8);
        assertThat(reader.read(file)).containsExactly(new TrainingExample("发票", "invoice"));
    }

    @Test
    void should_throw_unchecked_io_when_file_is_missing(@TempDir Path dir) {
        assertThatThrownBy(() -> reader.read(dir.resolve("missing.jsonl")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.jsonl");
    }

    @Test
    void should_reject_blank_label_when_example_is_built_in_code() {
        assertThatThrownBy(() -> new TrainingExample("hi", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.label");
    }

    @Test
    void should_keep_both_examples_when_the_same_text_has_two_labels() throws Exception {
        List<TrainingExample> examples = read(
                """
                {"text": "Hello", "label": "greeting"}
                {"text": "hello", "label": "goodbye"}
                """);
        assertThat(examples).extracting(TrainingExample::label).containsExactly("greeting", "goodbye");
    }
}
