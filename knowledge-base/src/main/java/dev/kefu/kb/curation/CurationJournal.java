package dev.kefu.kb.curation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only file of every {@link Revision} and {@link Publication}, one JSON object per
 * line. An append is written and forced to the disk before it returns, so an acknowledged change
 * survives a crash. A crash in the middle of an append leaves at most one incomplete last line,
 * which the next start drops (it was never acknowledged); any other unreadable line stops the
 * start, because skipping it would silently lose a trainer's work.
 *
 * <p>A node alone: nothing but this process appends, so {@link #since} only ever returns what the
 * file held when opened. Not thread-safe: {@link KnowledgeCuration} serialises access.
 */
final class CurationJournal implements CurationLog {
    private static final System.Logger LOG = System.getLogger(CurationJournal.class.getName());
    private static final Contents EMPTY = new Contents(List.of(), List.of());

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
        return new CurationJournal(file, channel, new Contents(revisions, publications));
    }

    /** What the journal held when opened. */
    Contents contents() {
        return contents;
    }

    @Override
    public Contents since(long afterRevision, long afterPublication) {
        if (afterRevision >= contents.revisions().size()
                && afterPublication >= contents.publications().size()) {
            return EMPTY; // what every call after the start asks: nothing else appends to the file
        }
        return new Contents(
                contents.revisions().stream()
                        .filter(r -> r.number() > afterRevision)
                        .toList(),
                contents.publications().stream()
                        .filter(p -> p.number() > afterPublication)
                        .toList());
    }

    /** Appends the records and forces them to the disk. */
    @Override
    public void append(List<Revision> revisions, List<Publication> publications) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Object record : revisions) {
            lines.append(CurationRecords.json(record)).append('\n');
        }
        for (Object record : publications) {
            lines.append(CurationRecords.json(record)).append('\n');
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

    private static void parse(String line, List<Revision> revisions, List<Publication> publications) {
        Object record = CurationRecords.parse(line);
        if (record instanceof Revision revision) {
            long expected = revisions.size() + 1L;
            if (revision.number() != expected) {
                throw new IllegalArgumentException(
                        "revision " + revision.number() + " where " + expected + " was expected");
            }
            revisions.add(revision);
        } else {
            publications.add((Publication) record);
        }
    }
}
