package dev.kefu.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.kb.model.KnowledgeEntry;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlEntryWriterTest {
    @Test
    void should_write_what_the_reader_reads_back_unchanged() throws Exception {
        List<KnowledgeEntry> demo = JsonlEntryReader.readDemoStore();
        StringWriter out = new StringWriter();

        JsonlEntryWriter.write(demo, out);

        assertThat(out.toString().lines()).hasSize(demo.size());
        assertThat(JsonlEntryReader.read(new StringReader(out.toString()), "export"))
                .isEqualTo(demo);
    }

    @Test
    void should_leave_out_empty_optional_fields() {
        KnowledgeEntry entry = JsonlEntryReader.readEntry(
                "{\"id\":\"faq-a\",\"type\":\"faq\",\"title\":\"A\",\"body\":\"B\",\"questions\":[]}", "test");

        assertThat(JsonlEntryWriter.toLine(entry))
                .isEqualTo("{\"id\":\"faq-a\",\"type\":\"faq\",\"title\":\"A\",\"body\":\"B\"}");
    }

    @Test
    void should_report_every_problem_of_a_single_entry() {
        assertThatThrownBy(() -> JsonlEntryReader.readEntry(
                        "{\"id\":\"bad id\",\"type\":\"gadget\",\"body\":\"\",\"relations\":[{\"type\":\"related\"}]}",
                        "request body"))
                .isInstanceOf(KnowledgeFormatException.class)
                .satisfies(e -> assertThat(((KnowledgeFormatException) e).problems())
                        .extracting(KnowledgeFormatException.Problem::message)
                        .anySatisfy(m -> assertThat(m).contains("\"id\""))
                        .anySatisfy(m -> assertThat(m).contains("\"type\""))
                        .anySatisfy(m -> assertThat(m).contains("title"))
                        .anySatisfy(m -> assertThat(m).contains("body"))
                        .anySatisfy(m -> assertThat(m).contains("target")));
    }
}
