package dev.kefu.kb.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.core.Coded;
import dev.kefu.kb.ingest.JsonlEntryReader;
import dev.kefu.kb.ingest.JsonlEntryWriter;
import dev.kefu.kb.ingest.KnowledgeFormatException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one JSON form of a {@link Revision} and a {@link Publication}, whether they are kept in the
 * journal file ({@link CurationJournal}) or in a database ({@code JdbcCurationLog}): one object
 * with a {@code kind}.
 */
public final class CurationRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CurationRecords() {}

    /** The record (a revision or a publication) as one line of JSON. */
    public static String json(Object record) {
        ObjectNode node = MAPPER.createObjectNode();
        if (record instanceof Revision revision) {
            node.put("kind", "revision");
            node.put("number", revision.number());
            node.put("entryId", revision.entryId());
            node.put("action", revision.action().code());
            node.put("author", revision.author());
            node.put("at", revision.at().toString());
            if (revision.restoredFrom() != null) {
                node.put("restoredFrom", revision.restoredFrom());
            }
            node.set("entry", revision.entry() == null ? null : JsonlEntryWriter.toJson(revision.entry()));
        } else if (record instanceof Publication publication) {
            node.put("kind", "publication");
            node.put("number", publication.number());
            node.put("upToRevision", publication.upToRevision());
            node.put("author", publication.author());
            node.put("at", publication.at().toString());
            node.put("entries", publication.entries());
        } else {
            throw new IllegalArgumentException("not a curation record: " + record);
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The revision or publication {@code json} holds.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Object parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        String kind = node.path("kind").asText();
        if (kind.equals("revision")) {
            long number = node.path("number").asLong();
            JsonNode entry = node.path("entry");
            Revision.Action action = Coded.find(
                            Revision.Action.values(), node.path("action").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown action " + node.path("action")));
            try {
                return new Revision(
                        number,
                        node.path("entryId").asText(),
                        action,
                        entry.isObject() ? JsonlEntryReader.readEntry(entry.toString(), "revision " + number) : null,
                        node.path("author").asText(),
                        Instant.parse(node.path("at").asText()),
                        node.hasNonNull("restoredFrom")
                                ? node.get("restoredFrom").asLong()
                                : null);
            } catch (KnowledgeFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        if (kind.equals("publication")) {
            return new Publication(
                    node.path("number").asLong(),
                    node.path("upToRevision").asLong(),
                    node.path("author").asText(),
                    Instant.parse(node.path("at").asText()),
                    node.path("entries").asInt());
        }
        throw new IllegalArgumentException("unknown record kind \"" + kind + "\"");
    }
}
