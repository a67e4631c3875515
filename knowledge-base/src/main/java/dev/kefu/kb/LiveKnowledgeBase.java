package dev.kefu.kb;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.graph.Neighbour;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.RelationType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The knowledge the live bot answers from, replaced as a whole by {@link #publish}: the new
 * release is built and opened in a directory of its own while the current one keeps serving, then
 * swapped in with one atomic reference update, so a query sees either the old release or the new
 * one, never a mix, and never waits. The old release is closed, and its directory deleted, when
 * the last query still using it finishes.
 *
 * <p>Thread-safe. Publishes are serialised; queries run concurrently with them and with each
 * other.
 */
public final class LiveKnowledgeBase implements KnowledgeRetriever, KnowledgeFacts, Closeable {
    /** Opens a knowledge base over entries in a fresh directory (e.g. {@link KnowledgeBase#open}). */
    @FunctionalInterface
    public interface Opener {
        KnowledgeBase open(Path directory, List<KnowledgeEntry> entries) throws IOException;
    }

    /** One published release: its number, its knowledge base, and the queries using it. */
    private static final class Release {
        final long number;
        final KnowledgeBase knowledge;
        final Path directory;
        final AtomicInteger users = new AtomicInteger(1); // the "current" reference counts as one
        volatile boolean retired;
        /** The last release when the knowledge base closes: its files stay, for the next start to reuse. */
        volatile boolean kept;

        Release(long number, KnowledgeBase knowledge, Path directory) {
            this.number = number;
            this.knowledge = knowledge;
            this.directory = directory;
        }

        boolean acquire() {
            while (true) {
                int n = users.get();
                if (n == 0) {
                    return false; // already closed: the caller reads the current release again
                }
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                try {
                    knowledge.close();
                    if (!kept) {
                        deleteRecursively(directory);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // a query or a publish must not fail because an old release's files linger
                    LOG.log(System.Logger.Level.WARNING, "cannot remove knowledge release " + number, e);
                }
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(LiveKnowledgeBase.class.getName());

    private final Path root;
    private final Opener opener;
    private final AtomicReference<Release> current = new AtomicReference<>();
    private final Object publishing = new Object();
    private long lastNumber;

    /**
     * Opens release 1 of {@code entries} under {@code root} (one subdirectory per release). The
     * newest release an earlier process left there becomes release 1's directory, so the opener
     * can reuse its index if it holds the same release ({@code KnowledgeIndex} checks); the others
     * are removed.
     *
     * @throws IllegalArgumentException if the entries are invalid (nothing is opened)
     */
    public LiveKnowledgeBase(Path root, List<KnowledgeEntry> entries, Opener opener) throws IOException {
        this.root = Checks.requireNonNull("root", root);
        this.opener = Checks.requireNonNull("opener", opener);
        Files.createDirectories(root);
        Path newest = null;
        try (Stream<Path> leftovers = Files.list(root)) {
            for (Path dir : leftovers
                    .filter(d -> number(d) > 0)
                    .sorted(Comparator.comparingLong(LiveKnowledgeBase::number).reversed())
                    .toList()) {
                if (newest == null) {
                    newest = dir;
                } else {
                    deleteRecursively(dir);
                }
            }
        }
        Path first = root.resolve("release-1");
        if (newest != null && !newest.equals(first)) {
            Files.move(newest, first);
        }
        synchronized (publishing) {
            try {
                publish(entries, newest != null);
            } catch (IOException e) { // the kept directory, whatever it holds, never fails a start
                LOG.log(System.Logger.Level.WARNING, "cannot open the kept knowledge index; building it again", e);
                publish(entries, false);
            }
        }
    }

    /** The number of a release's directory ({@code release-12}), or 0 for anything else. */
    private static long number(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.startsWith("release-") || !Files.isDirectory(dir)) {
            return 0;
        }
        try {
            return Long.parseLong(name.substring("release-".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Builds a release of {@code entries} and makes it the one every new query uses.
     *
     * @return the new release's number
     * @throws IllegalArgumentException if the entries are invalid; the current release stays
     * @throws IOException if the index cannot be written; the current release stays
     */
    public long publish(List<KnowledgeEntry> entries) throws IOException {
        synchronized (publishing) {
            return publish(entries, false);
        }
    }

    /** As {@link #publish(List)}; {@code keep} leaves what the directory holds for the opener. */
    private long publish(List<KnowledgeEntry> entries, boolean keep) throws IOException {
        long number = lastNumber + 1;
        Path directory = root.resolve("release-" + number);
        if (!keep) {
            deleteRecursively(directory); // left over from a crash
        }
        KnowledgeBase knowledge;
        try {
            knowledge = opener.open(directory, entries);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(directory);
            throw e;
        }
        lastNumber = number;
        Release previous = current.getAndSet(new Release(number, knowledge, directory));
        if (previous != null) {
            previous.retired = true;
            previous.release(); // drop the "current" reference; closes once its queries finish
        }
        return number;
    }

    /** The number of the release new queries use. */
    public long release() {
        return current.get().number;
    }

    @Override
    public List<Passage> retrieve(KnowledgeQuery query) {
        return withCurrent(knowledge -> knowledge.retriever().retrieve(query));
    }

    @Override
    public Optional<Fact> entry(String id, Language language) {
        return withCurrent(knowledge -> knowledge.entry(id).map(e -> fact(e, language)));
    }

    @Override
    public List<Fact> related(String id, String relation, boolean outgoing, Language language) {
        Optional<RelationType> type = RelationType.fromCode(relation);
        if (type.isEmpty()) {
            return List.of();
        }
        return withCurrent(knowledge -> knowledge
                .graph()
                .neighbours(
                        id,
                        Set.of(type.get()),
                        outgoing ? Neighbour.Direction.OUTGOING : Neighbour.Direction.INCOMING,
                        1)
                .stream()
                .map(n -> knowledge.entry(n.entryId()))
                .flatMap(Optional::stream)
                .map(e -> fact(e, language))
                .toList());
    }

    private static Fact fact(KnowledgeEntry entry, Language language) {
        return new Fact(
                entry.id(), entry.type().code(), entry.localized(language).title(), entry.attributes());
    }

    /** Runs {@code action} on the current release, which stays open until it returns. */
    public <T> T withCurrent(Function<KnowledgeBase, T> action) {
        while (true) {
            Release release = current.get();
            if (release.acquire()) {
                try {
                    return action.apply(release.knowledge);
                } finally {
                    release.release();
                }
            }
            if (current.get() == release) {
                throw new IllegalStateException("the knowledge base is closed");
            }
            // else: a publish retired it between the read and the acquire; read the new one
        }
    }

    /** Closes the current release once its queries finish; its files stay for the next start. */
    @Override
    public void close() throws IOException {
        synchronized (publishing) {
            Release last = current.get();
            if (last != null && !last.retired) {
                last.retired = true;
                last.kept = true;
                last.release();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
