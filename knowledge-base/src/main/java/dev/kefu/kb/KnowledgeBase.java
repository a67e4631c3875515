package dev.kefu.kb;

import dev.kefu.core.Checks;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.kb.graph.KnowledgeGraph;
import dev.kefu.kb.index.EntryVectors;
import dev.kefu.kb.index.IndexThreads;
import dev.kefu.kb.index.KefuAnalyzer;
import dev.kefu.kb.index.KnowledgeIndex;
import dev.kefu.kb.ingest.DemoDates;
import dev.kefu.kb.ingest.JsonlEntryReader;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.search.LuceneKnowledgeRetriever;
import dev.kefu.kb.search.RetrievalThresholds;
import dev.kefu.kb.search.WhatsOnRetriever;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The knowledge-base module's one factory: loads entries, builds the index, and hands out the
 * stage ③ retriever.
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(indexDir, KnowledgeBase.demoEntries(),
 *         KnowledgeBase.DEFAULT_MIN_SCORE)) {
 *     KnowledgeRetriever retriever = kb.retriever();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: once open, every method may be called concurrently. {@link #close()} releases
 * the searchers, the analyzer and the directory; the index files stay on disk.
 */
public final class KnowledgeBase implements Closeable {
    /** The retriever threshold calibrated on the demo store. */
    public static final double DEFAULT_MIN_SCORE = LuceneKnowledgeRetriever.DEFAULT_MIN_SCORE;

    private final Directory directory;
    private final KefuAnalyzer analyzer;
    private final KnowledgeIndex index;
    private final LuceneKnowledgeRetriever retriever;
    private final LuceneKnowledgeRetriever lexicalRetriever;
    private final KnowledgeRetriever answering;
    private final Map<String, KnowledgeEntry> entries;
    private final KnowledgeGraph graph;

    private KnowledgeBase(
            Directory directory,
            KefuAnalyzer analyzer,
            KnowledgeIndex index,
            LuceneKnowledgeRetriever retriever,
            Map<String, KnowledgeEntry> entries) {
        this.directory = directory;
        this.analyzer = analyzer;
        this.index = index;
        this.retriever = retriever;
        this.lexicalRetriever = new LuceneKnowledgeRetriever(index, retriever.minScore());
        this.entries = entries;
        this.graph = new KnowledgeGraph(index);
        this.answering = new WhatsOnRetriever(retriever, entries, graph);
    }

    /**
     * Builds a fresh index of {@code entries} in {@code indexDirectory} (replacing any index there)
     * and opens it for search.
     *
     * @param minScore the retriever's threshold, finite and {@code >= 0}; see {@link
     *     #DEFAULT_MIN_SCORE}
     * @throws IllegalArgumentException if ids repeat, a relation targets a missing entry, or
     *     minScore is invalid
     * @throws IOException if the index cannot be written or opened
     */
    public static KnowledgeBase open(Path indexDirectory, List<KnowledgeEntry> entries, double minScore)
            throws IOException {
        return open(indexDirectory, entries, minScore, null, 1.0, 1.0, IndexThreads.callerThread());
    }

    /**
     * Like {@link #open(Path, List, double)}, and with an embedder a hybrid knowledge base: titles
     * and example questions are embedded at indexing time and found by meaning as well as by
     * words (see {@link LuceneKnowledgeRetriever}).
     *
     * @param embedder the embedder, or {@code null} for lexical retrieval only
     * @param minSimilarity cosine similarity at which an entry counts as an answer by meaning
     * @param lexicalWeight weight of the lexical ranking in the fusion
     * @param threads the threads the vectors are inserted on (an executor the caller owns), or
     *     {@link IndexThreads#callerThread()}
     */
    public static KnowledgeBase open(
            Path indexDirectory,
            List<KnowledgeEntry> entries,
            double minScore,
            TextEmbedder embedder,
            double minSimilarity,
            double lexicalWeight,
            IndexThreads threads)
            throws IOException {
        return open(
                indexDirectory,
                entries,
                embedder,
                new RetrievalThresholds(minScore, minSimilarity, minSimilarity, 2.0, 2.0),
                lexicalWeight,
                threads,
                EntryVectors.inMemory());
    }

    /**
     * Like {@link #open(Path, List, double, TextEmbedder, double, double, IndexThreads)}, with
     * per-language similarity floors and a confident similarity ({@link RetrievalThresholds}),
     * embedding only the entries whose texts {@code vectors} (kept from earlier builds, e.g. in the
     * data directory; {@link EntryVectors#inMemory()} keeps none) does not hold. {@code
     * indexDirectory} is the index's own: an index of this very release there is opened as it is
     * (nothing built); anything else in it is deleted and the index built anew.
     */
    public static KnowledgeBase open(
            Path indexDirectory,
            List<KnowledgeEntry> entries,
            TextEmbedder embedder,
            RetrievalThresholds thresholds,
            double lexicalWeight,
            IndexThreads threads,
            EntryVectors vectors)
            throws IOException {
        Checks.requireAllNonNull("knowledgeBase", "indexDirectory thresholds", indexDirectory, thresholds);
        Map<String, KnowledgeEntry> byId = byId(Checks.copyOf("entries", entries));
        Directory directory = FSDirectory.open(indexDirectory);
        KefuAnalyzer analyzer = new KefuAnalyzer();
        KnowledgeIndex index = null;
        try {
            index = KnowledgeIndex.build(directory, List.copyOf(byId.values()), analyzer, embedder, threads, vectors);
            LuceneKnowledgeRetriever retriever =
                    new LuceneKnowledgeRetriever(index, embedder, thresholds, lexicalWeight);
            return new KnowledgeBase(directory, analyzer, index, retriever, byId);
        } catch (IOException | RuntimeException e) {
            closeQuietly(e, index, analyzer, directory);
            throw e;
        }
    }

    /** The built-in demo store's entries, its promotion dates as written ({@link DemoDates#WRITTEN_FOR}). */
    public static List<KnowledgeEntry> demoEntries() {
        return JsonlEntryReader.readDemoStore();
    }

    /** The built-in demo store's entries, its promotions running around {@code clock}'s today. */
    public static List<KnowledgeEntry> demoEntries(java.time.Clock clock) {
        return DemoDates.relativeTo(JsonlEntryReader.readDemoStore(), clock);
    }

    /**
     * Entries from a JSON Lines file, all or nothing (format: {@link JsonlEntryReader}).
     *
     * @throws dev.kefu.kb.ingest.KnowledgeFormatException listing every problem in the file
     */
    public static List<KnowledgeEntry> load(Path jsonl) throws IOException {
        return JsonlEntryReader.read(jsonl);
    }

    /**
     * The stage ③ retriever over this knowledge base: search, and the promotions running now for a
     * broad question ({@link WhatsOnRetriever}); thread-safe, valid until {@link #close()}.
     */
    public KnowledgeRetriever retriever() {
        return answering;
    }

    /**
     * Every candidate of a query, ranked as the retriever ranks them, with the evidence its
     * thresholds are applied to (for calibrating them).
     */
    public List<LuceneKnowledgeRetriever.Evidence> evidence(dev.kefu.core.knowledge.KnowledgeQuery query) {
        return retriever.evidence(query);
    }

    /** The lexical (BM25) route alone, over the same index: for comparisons and benchmarks. */
    public KnowledgeRetriever lexicalRetriever() {
        return lexicalRetriever;
    }

    /** Neighbour queries over the entries' relations; valid until {@link #close()}. */
    public KnowledgeGraph graph() {
        return graph;
    }

    /** The entry with this id, if any. */
    public Optional<KnowledgeEntry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Whether the index was the one the directory already held (kept from the last start), not built. */
    public boolean indexKept() {
        return index.kept();
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Closeable closeable : List.<Closeable>of(index, analyzer, directory)) {
            try {
                closeable.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, KnowledgeEntry> byId(List<KnowledgeEntry> entries) {
        Map<String, KnowledgeEntry> byId = new LinkedHashMap<>();
        for (KnowledgeEntry entry : entries) {
            if (byId.putIfAbsent(entry.id(), entry) != null) {
                throw new IllegalArgumentException("entries must have unique ids, \"" + entry.id() + "\" repeats");
            }
        }
        List<String> dangling = new ArrayList<>();
        for (KnowledgeEntry entry : entries) {
            for (Relation relation : entry.relations()) {
                if (!byId.containsKey(relation.target())) {
                    dangling.add(entry.id() + " -" + relation.type().code() + "-> " + relation.target());
                }
            }
        }
        if (!dangling.isEmpty()) {
            throw new IllegalArgumentException("entries have relations to missing entries: " + dangling);
        }
        return Collections.unmodifiableMap(byId);
    }

    private static void closeQuietly(Exception failure, Closeable... closeables) {
        for (Closeable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
