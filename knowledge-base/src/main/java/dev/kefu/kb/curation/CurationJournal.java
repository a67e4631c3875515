package dev.kefu.kb.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.core.Coded;
import dev.kefu.kb.ingest.JsonlEntryReader;
import dev.kefu.kb.ingest.JsonlEntryWriter;
import dev.kefu.kb.ingest.KnowledgeFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only file of every {@link Revision} and {@link Publication}, one JSON object per
 * line. An append is written and forced to the disk before it returns, so an acknowledged change
 * survives a crash. A crash in the middle of an append leaves at most one incomplete last line,
 * which the next start drops (it was never acknowledged); any other unreadable line stops the
 * start, because skipping it would silently lose a trainer's work.
 *
 * <p>Not thread-safe: {@link KnowledgeCuration} serialises access.
 */
final class CurationJournal implements Closeable {
    private static final System.Logger LOG = System.getLogger(CurationJournal.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a journal held when it was opened. */
    record Contents(List<Revision> revisions, List<Publication> publications) {}

    private final Path file;
    private final FileChannel channel;
    private final Contents contents;

    private CurationJournal(Path file, FileChannel channel, Contents contents) {
        this.file = file;
        this.channel = channel;
        this.contents = contents;
    }

    /**
     * Opens (creating if needed) the journal at {@code file} and reads what it holds.
     *
     * @throws IllegalStateException naming the line, if a line other than an incomplete last one
     *     cannot be read
     */
    static CurationJournal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Revision> revisions = new ArrayList<>();
        List<Publication> publications = new ArrayList<>();
        long validBytes = 0;
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            boolean complete = end >= 0;
            String line = complete ? text.substring(start, end) : text.substring(start);
            lineNumber++;
            try {
                if (!line.isBlank()) {
                    parse(line, revisions, publications);
                }
            } catch (RuntimeException e) {
                if (!complete) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "dropping the incomplete last line " + lineNumber + " of " + file
                                    + " (an append cut off by a crash; it was never acknowledged)");
                    break;
                }
                throw new IllegalStateException(
                        "the knowledge journal " + file + " cannot be read at line " + lineNumber + ": "
                                + e.getMessage() + ". Restore the file from a backup or remove that line.",
                        e);
            }
            if (!complete) {
                // A complete record without its line break: keep it, and end the line.
                validBytes = bytes.length;
                Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
                break;
            }
            start = end + 1;
            validBytes += line.getBytes(StandardCharsets.UTF_8).length + 1L; // the line and its break
        }
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (channel.size() > validBytes && validBytes < bytes.length) {
            channel.truncate(validBytes);
        }
        channel.position(channel.size());
        return new CurationJournal(file, channel, new Contents(List.copyOf(revisions), List.copyOf(publications)));
    }

    /** What the journal held when opened. */
    Contents contents() {
        return contents;
    }

    /** Appends the records and forces them to the disk. */
    void append(List<?> records) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Object record : records) {
            lines.append(line(record)).append('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static String line(Object record) {
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
            throw new IllegalArgumentException("not a journal record: " + record);
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void parse(String line, List<Revision> revisions, List<Publication> publications) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        String kind = node.path("kind").asText();
        if (kind.equals("revision")) {
            long number = node.path("number").asLong();
            long expected = revisions.size() + 1L;
            if (number != expected) {
                throw new IllegalArgumentException("revision " + number + " where " + expected + " was expected");
            }
            JsonNode entry = node.path("entry");
            Revision.Action action = Coded.find(
                            Revision.Action.values(), node.path("action").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown action " + node.path("action")));
            try {
                revisions.add(new Revision(
                        number,
                        node.path("entryId").asText(),
                        action,
                        entry.isObject() ? JsonlEntryReader.readEntry(entry.toString(), "revision " + number) : null,
                        node.path("author").asText(),
                        Instant.parse(node.path("at").asText()),
                        node.hasNonNull("restoredFrom")
                                ? node.get("restoredFrom").asLong()
                                : null));
            } catch (KnowledgeFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        } else if (kind.equals("publication")) {
            publications.add(new Publication(
                    node.path("number").asLong(),
                    node.path("upToRevision").asLong(),
                    node.path("author").asText(),
                    Instant.parse(node.path("at").asText()),
                    node.path("entries").asInt()));
        } else {
            throw new IllegalArgumentException("unknown record kind \"" + kind + "\"");
        }
    }
}
