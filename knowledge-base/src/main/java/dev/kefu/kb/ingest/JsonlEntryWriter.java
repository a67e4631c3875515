package dev.kefu.kb.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.Translation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes knowledge entries in the JSON Lines format {@link JsonlEntryReader} reads, so an export
 * imports back unchanged. Fields are written in a fixed order and empty optional fields are left
 * out, which keeps exports small and their diffs readable. Stateless and thread-safe.
 */
public final class JsonlEntryWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonlEntryWriter() {}

    /** The entry as a JSON object. */
    public static ObjectNode toJson(KnowledgeEntry entry) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", entry.id());
        node.put("type", entry.type().code());
        node.put("title", entry.title());
        node.put("body", entry.body());
        strings(node, "questions", entry.questions());
        strings(node, "tags", entry.tags());
        if (!entry.relations().isEmpty()) {
            ArrayNode relations = node.putArray("relations");
            for (Relation relation : entry.relations()) {
                relations.addObject().put("type", relation.type().code()).put("target", relation.target());
            }
        }
        if (!entry.attributes().isEmpty()) {
            ObjectNode attributes = node.putObject("attributes");
            entry.attributes().forEach(attributes::put);
        }
        if (!entry.i18n().isEmpty()) {
            ObjectNode i18n = node.putObject("i18n");
            for (Map.Entry<String, Translation> translation : entry.i18n().entrySet()) {
                i18n.putObject(translation.getKey())
                        .put("title", translation.getValue().title())
                        .put("body", translation.getValue().body());
            }
        }
        return node;
    }

    /** The entry as one line of JSON, without the line break. */
    static String toLine(KnowledgeEntry entry) {
        try {
            return MAPPER.writeValueAsString(toJson(entry));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise entry " + entry.id(), e);
        }
    }

    /** Writes the entries, one per line, in order; {@code out} is not closed. */
    public static void write(List<KnowledgeEntry> entries, Writer out) throws IOException {
        for (KnowledgeEntry entry : entries) {
            out.write(toLine(entry));
            out.write('\n');
        }
        out.flush();
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }
}
