package dev.kefu.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kefu.kb.ingest.KnowledgeFormatException.Problem;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.RelationType;
import dev.kefu.kb.model.Translation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlEntryReaderTest {
    private static final String SHIPPING =
            """
            {"id": "policy-shipping", "type": "policy", "title": "Shipping", "body": "We ship within 48 hours.", \
            "questions": ["How long does delivery take?"], "tags": ["shipping"], \
            "relations": [{"type": "related", "target": "policy-returns"}], "attributes": {"region": "CN"}, \
            "i18n": {"zh": {"title": "配送政策", "body": "我们在48小时内发货。"}}}""";
    private static final String RETURNS =
            """
            {"id": "policy-returns", "type": "policy", "title": "Returns", "body": "Return within 7 days."}""";

    private static List<KnowledgeEntry> read(String... lines) throws IOException {
        return JsonlEntryReader.read(new StringReader(String.join("\n", lines)), "test.jsonl");
    }

    private static List<Problem> problems(String... lines) {
        try {
            read(lines);
        } catch (KnowledgeFormatException e) {
            return e.problems();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a KnowledgeFormatException");
    }

    @Test
    void should_read_all_fields_when_line_is_valid() throws IOException {
        List<KnowledgeEntry> entries = read(SHIPPING, RETURNS);

        assertThat(entries).extracting(KnowledgeEntry::id).containsExactly("policy-shipping", "policy-returns");
        KnowledgeEntry shipping = entries.get(0);
        assertThat(shipping.type()).isEqualTo(EntryType.POLICY);
        assertThat(shipping.questions()).containsExactly("How long does delivery take?");
        assertThat(shipping.tags()).containsExactly("shipping");
        assertThat(shipping.relations()).containsExactly(new Relation(RelationType.RELATED, "policy-returns"));
        assertThat(shipping.attributes()).containsExactly(Map.entry("region", "CN"));
        assertThat(shipping.i18n()).containsEntry("zh", new Translation("配送政策", "我们在48小时内发货。"));
    }

    @Test
    void should_default_optional_fields_to_empty_when_absent() throws IOException {
        KnowledgeEntry returns = read(RETURNS).get(0);

        assertThat(returns.questions()).isEmpty();
        assertThat(returns.tags()).isEmpty();
        assertThat(returns.relations()).isEmpty();
        assertThat(returns.attributes()).isEmpty();
        assertThat(returns.i18n()).isEmpty();
    }

    @Test
    void should_skip_blank_lines_but_count_them_when_numbering() {
        List<Problem> problems = problems(RETURNS, "", "   ", "{not json");

        assertThat(problems).extracting(Problem::lineNumber).containsExactly(4);
    }

    @Test
    void should_report_line_number_when_line_is_malformed_json() {
        List<Problem> problems = problems(SHIPPING, "{\"id\": \"x\", ", RETURNS);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).lineNumber()).isEqualTo(2);
        assertThat(problems.get(0).message()).startsWith("malformed JSON");
    }

    @Test
    void should_report_non_object_when_line_is_an_array_or_has_trailing_content() {
        List<Problem> problems = problems("[1, 2]", RETURNS + " {}", "{\"id\": \"a\", \"id\": \"b\"}");

        assertThat(problems).extracting(Problem::lineNumber).containsExactly(1, 2, 3);
        assertThat(problems.get(0).message()).contains("expected a JSON object");
    }

    @Test
    void should_report_every_problem_together_when_several_lines_are_bad() {
        String longTitle = "t".repeat(201);
        List<Problem> problems = problems(
                "{\"id\": \"Bad Id\", \"type\": \"gadget\", \"title\": \"" + longTitle + "\", \"body\": \" \"}",
                "{\"type\": \"faq\", \"title\": 42, \"body\": \"b\", \"questions\": \"not an array\", \"colour\": \"red\"}",
                "{\"id\": \"ok\", \"type\": \"faq\", \"title\": \"t\", \"body\": \"b\", \"tags\": [\"\", 3],"
                        + " \"attributes\": {\"price\": 299.0}, \"i18n\": {\"zh\": {\"title\": \"标题\"}}}");

        assertThat(problems)
                .extracting(Problem::lineNumber, Problem::message)
                .containsExactly(
                        tuple(1, "\"id\" must match ^[A-Za-z0-9][A-Za-z0-9_.:?-]{0,127}$, was \"Bad Id\""),
                        tuple(
                                1,
                                "\"type\" must be one of product, category, brand, policy, faq, promotion, was"
                                        + " \"gadget\""),
                        tuple(
                                1,
                                "\"title\" must be at most 200 characters, was 201 characters: \"" + "t".repeat(60)
                                        + "...\""),
                        tuple(1, "\"body\" must not be blank, was \" \""),
                        tuple(
                                2,
                                "unknown field \"colour\" (known: attributes, body, i18n, id, questions, relations,"
                                        + " tags, title, type)"),
                        tuple(2, "missing required field \"id\""),
                        tuple(2, "\"title\" must be a string, was number 42"),
                        tuple(2, "\"questions\" must be an array of strings, was string \"not an array\""),
                        tuple(3, "\"tags[0]\" must not be blank, was \"\""),
                        tuple(3, "\"tags[1]\" must be a string, was number 3"),
                        tuple(3, "\"attributes.price\" must be a string, was number 299.0"),
                        tuple(3, "missing required field \"i18n.zh.body\""));
    }

    @Test
    void should_report_limits_when_questions_are_too_many_or_too_long() {
        String many = "[" + String.join(",", Collections.nCopies(101, "\"q\"")) + "]";
        String longQuestion = "[\"" + "问".repeat(501) + "\"]";
        List<Problem> problems = problems(
                "{\"id\": \"a\", \"type\": \"faq\", \"title\": \"t\", \"body\": \"b\", \"questions\": " + many + "}",
                "{\"id\": \"b\", \"type\": \"faq\", \"title\": \"t\", \"body\": \"b\", \"questions\": " + longQuestion
                        + "}");

        assertThat(problems).extracting(Problem::lineNumber).containsExactly(1, 2);
        assertThat(problems.get(0).message()).isEqualTo("\"questions\" must hold at most 100 questions, had 101");
        assertThat(problems.get(1).message()).startsWith("\"questions[0]\" must be at most 500 characters, was 501");
    }

    @Test
    void should_report_both_lines_when_ids_are_duplicated() {
        List<Problem> problems = problems(RETURNS, SHIPPING, RETURNS);

        assertThat(problems)
                .extracting(Problem::lineNumber, Problem::message)
                .containsExactly(
                        tuple(1, "duplicate id \"policy-returns\" (also on line 3)"),
                        tuple(3, "duplicate id \"policy-returns\" (also on line 1)"));
    }

    @Test
    void should_report_relation_when_target_is_not_in_file() {
        List<Problem> problems = problems(SHIPPING);

        assertThat(problems)
                .extracting(Problem::lineNumber, Problem::message)
                .containsExactly(
                        tuple(1, "\"relations[0].target\" \"policy-returns\" is not the id of any entry in the file"));
    }

    @Test
    void should_report_relation_when_type_is_unknown_or_fields_missing() {
        List<Problem> problems = problems(
                RETURNS,
                "{\"id\": \"a\", \"type\": \"faq\", \"title\": \"t\", \"body\": \"b\", \"relations\": ["
                        + "{\"type\": \"likes\", \"target\": \"policy-returns\"}, {\"type\": \"related\"}, \"x\"]}");

        assertThat(problems)
                .extracting(Problem::message)
                .containsExactly(
                        "\"relations[0].type\" must be one of belongs_to, made_by, governed_by, accessory_of,"
                                + " bundle_with, replaces, related, was \"likes\"",
                        "missing required field \"relations[1].target\"",
                        "\"relations[2]\" must be an object {\"type\": ..., \"target\": ...}, was string \"x\"");
    }

    @Test
    void should_return_nothing_when_any_line_is_bad() {
        assertThatThrownBy(() -> read(SHIPPING, RETURNS, "{\"id\": \"c\"}"))
                .isInstanceOf(KnowledgeFormatException.class)
                .hasMessageStartingWith("3 problem(s) in test.jsonl, nothing was loaded:")
                .hasMessageContaining("line 3: missing required field \"type\"");
    }

    @Test
    void should_read_file_when_given_a_path(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("entries.jsonl");
        Files.writeString(file, "\uFEFF" + RETURNS + "\n\n" + SHIPPING + "\n");

        assertThat(JsonlEntryReader.read(file)).hasSize(2);
    }

    @Test
    void should_load_150_entries_when_reading_shared_clinc150_dataset() throws IOException {
        Path dataset = Path.of("../../shared/datasets/kb-faq-clinc150/entries.jsonl");
        assumeThat(dataset).as("shared dataset next to the repository").exists();

        List<KnowledgeEntry> entries = JsonlEntryReader.read(dataset);

        assertThat(entries).hasSize(150);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.type()).isEqualTo(EntryType.FAQ));
    }

    @Test
    void should_load_77_entries_with_mixed_case_ids_when_reading_shared_banking77_dataset() throws IOException {
        Path dataset = Path.of("../../shared/datasets/kb-faq-banking77/entries.jsonl");
        assumeThat(dataset).as("shared dataset next to the repository").exists();

        List<KnowledgeEntry> entries = JsonlEntryReader.read(dataset);

        assertThat(entries).hasSize(77);
        assertThat(entries)
                .extracting(KnowledgeEntry::id)
                .contains("faq-Refund_not_showing_up", "faq-reverted_card_payment?");
    }
}
