package dev.kefu.kb.index;

import dev.kefu.core.Checks;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.Translation;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;

/**
 * A Lucene index of knowledge entries, built once and then only searched.
 *
 * <p>{@link #build} replaces whatever the directory held with the given entries in one commit
 * ({@link OpenMode#CREATE}): readers see either the old index or the complete new one, never a
 * half-written one, and a failure before the commit rolls back and leaves the old index intact.
 * Searches share the readers of one {@link SearcherManager}; no reader is opened per query.
 *
 * <p>Thread-safety: {@link #search} may be called from many threads at once. {@link #close()}
 * closes the searcher manager but not the directory, which the caller owns.
 */
public final class KnowledgeIndex implements Closeable {
    /** Indexing memory before a flush; large enough that a 100,000-node graph is flushed a few times only. */
    static final double RAM_BUFFER_MB = 256;

    /** Similarity for indexing and search alike (Lucene's BM25 defaults, k1 = 1.2, b = 0.75). */
    static final Similarity SIMILARITY = new BM25Similarity();
    /** The commit's user-data key of the release an index holds ({@link #release}). */
    static final String RELEASE = "kefu.release";
    /** Changed whenever {@link #document} or the vector documents index anything differently. */
    private static final int INDEX_FORMAT = 1;

    private static final System.Logger LOG = System.getLogger(KnowledgeIndex.class.getName());

    private final SearcherManager searcherManager;
    private final KefuAnalyzer analyzer;
    private final int size;
    private final boolean kept;

    private KnowledgeIndex(SearcherManager searcherManager, KefuAnalyzer analyzer, int size, boolean kept) {
        this.kept = kept;
        this.searcherManager = searcherManager;
        this.analyzer = analyzer;
        this.size = size;
    }

    /** A search against the current searcher. */
    @FunctionalInterface
    public interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /**
     * Indexes {@code entries} into {@code directory}, replacing its contents atomically.
     *
     * @param analyzer the analyzer also used for querying; not closed by the index
     * @throws IllegalArgumentException if two entries share an id
     * @throws IOException if the directory cannot be written (the previous index, if any, stays)
     */
    public static KnowledgeIndex build(Directory directory, List<KnowledgeEntry> entries, KefuAnalyzer analyzer)
            throws IOException {
        return build(directory, entries, analyzer, null);
    }

    /**
     * Indexes {@code entries} as {@link #build(Directory, List, KefuAnalyzer)} does and, with an
     * embedder, also each entry's titles (both languages) and example questions as vectors: one
     * small document per text, holding the entry id ({@link KbFields#VECTOR_OF}) and the
     * unit-length vector in the field of its space ({@link KbFields#vector}), searched by HNSW
     * with dot-product similarity. Several vectors per entry let a paraphrase match whichever
     * example question it resembles most.
     *
     * @param embedder the embedder, or {@code null} for a lexical index only
     */
    public static KnowledgeIndex build(
            Directory directory, List<KnowledgeEntry> entries, KefuAnalyzer analyzer, TextEmbedder embedder)
            throws IOException {
        return build(directory, entries, analyzer, embedder, IndexThreads.callerThread());
    }

    /**
     * As {@link #build(Directory, List, KefuAnalyzer, TextEmbedder)}, inserting the vectors into the
     * HNSW graph on {@code threads}: the indexing cost, which each thread pays for its own
     * in-memory segment.
     */
    public static KnowledgeIndex build(
            Directory directory,
            List<KnowledgeEntry> entries,
            KefuAnalyzer analyzer,
            TextEmbedder embedder,
            IndexThreads threads)
            throws IOException {
        return build(directory, entries, analyzer, embedder, threads, EntryVectors.inMemory());
    }

    /**
     * As {@link #build(Directory, List, KefuAnalyzer, TextEmbedder, IndexThreads)}, embedding only
     * the entries whose texts {@code vectors} does not hold yet.
     */
    public static KnowledgeIndex build(
            Directory directory,
            List<KnowledgeEntry> entries,
            KefuAnalyzer analyzer,
            TextEmbedder embedder,
            IndexThreads threads,
            EntryVectors vectors)
            throws IOException {
        Checks.requireAllNonNull("index", "directory vectors threads analyzer", directory, vectors, threads, analyzer);
        List<KnowledgeEntry> copy = Checks.copyOf("entries", entries);
        Set<String> ids = new HashSet<>();
        for (KnowledgeEntry entry : copy) {
            if (!ids.add(entry.id())) {
                throw new IllegalArgumentException("entries must have unique ids, \"" + entry.id() + "\" repeats");
            }
        }
        String release = release(copy, embedder);
        KnowledgeIndex kept = kept(directory, release, analyzer, copy.size());
        if (kept != null) {
            return kept;
        }
        for (String file : directory.listAll()) { // another release's, or damaged: CREATE would read its commit
            directory.deleteFile(file);
        }
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(OpenMode.CREATE)
                .setSimilarity(SIMILARITY)
                .setRAMBufferSizeMB(RAM_BUFFER_MB) // few flushes: each flushed segment builds its own HNSW graph
                .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            for (KnowledgeEntry entry : copy) {
                writer.addDocument(document(entry));
            }
            if (embedder != null) {
                addVectors(writer, copy, embedder, threads, vectors);
            }
            writer.setLiveCommitData(Map.of(RELEASE, release).entrySet());
            writer.commit();
        } catch (IOException | RuntimeException e) {
            try {
                writer.rollback(); // also closes the writer, discarding everything since the last commit
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        writer.close();
        SearcherManager manager = new SearcherManager(directory, new SearcherFactoryWithSimilarity());
        return new KnowledgeIndex(manager, analyzer, copy.size(), false);
    }

    /**
     * The index {@code directory} already holds if it was built from this very release ({@link
     * #release}) and reads whole (every file's checksum checked), opened as it is; else {@code
     * null}, and the caller builds it again: an index of another release, of another format or
     * Lucene version, cut short or damaged is never used, and never fails a start.
     */
    private static KnowledgeIndex kept(Directory directory, String release, KefuAnalyzer analyzer, int size) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return null;
            }
            List<IndexCommit> commits = DirectoryReader.listCommits(directory);
            IndexCommit last = commits.get(commits.size() - 1);
            if (!release.equals(last.getUserData().get(RELEASE))) {
                return null;
            }
            try (DirectoryReader reader = DirectoryReader.open(last)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    leaf.reader().checkIntegrity();
                }
            }
            return new KnowledgeIndex(
                    new SearcherManager(directory, new SearcherFactoryWithSimilarity()), analyzer, size, true);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the kept knowledge index cannot be read; it is built again", e);
            return null;
        }
    }

    /**
     * The identity of what an index of {@code entries} holds: a SHA-256 of this class's index
     * format, Lucene's version, the embedder's model and every field of every entry's document
     * and its embedded texts, in order. The same release gives the same identity in any process
     * (so a node can tell that the index in its data directory is the one it would build); any
     * change to the entries, the embedder or the format gives another.
     */
    static String release(List<KnowledgeEntry> entries, TextEmbedder embedder) {
        MessageDigest digest = sha256();
        update(digest, "kefu-knowledge-index " + INDEX_FORMAT + " lucene " + Version.LATEST);
        update(digest, embedder == null ? "lexical" : embedder.model());
        for (KnowledgeEntry entry : entries) {
            for (IndexableField field : document(entry)) {
                update(digest, field.name());
                BytesRef binary = field.binaryValue();
                update(digest, binary != null ? binary.utf8ToString() : String.valueOf(field.stringValue()));
            }
            if (embedder != null) {
                embeddedTexts(entry).forEach(text -> update(digest, text));
            }
            update(digest, "\u0001"); // end of entry
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether the directory already held this release's index, opened as it was (nothing built). */
    public boolean kept() {
        return kept;
    }

    /** The analyzer the index was built with; queries must use it too. */
    public KefuAnalyzer analyzer() {
        return analyzer;
    }

    /** The number of indexed entries. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code search} against a shared searcher, released afterwards.
     *
     * @throws UncheckedIOException if the index cannot be read
     */
    public <T> T search(SearchFunction<T> search) {
        IndexSearcher searcher;
        try {
            searcher = searcherManager.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge index for search", e);
        }
        try {
            return search.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("knowledge index search failed", e);
        } finally {
            try {
                searcherManager.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release a knowledge index searcher", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        searcherManager.close();
    }

    static Document document(KnowledgeEntry entry) {
        Document doc = new Document();
        doc.add(new StringField(KbFields.ID, entry.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(KbFields.ID, new BytesRef(entry.id())));
        doc.add(new StringField(KbFields.TYPE, entry.type().code(), Field.Store.YES));
        addText(doc, KbFields.TITLE, entry.title(), Field.Store.YES);
        addText(doc, KbFields.BODY, entry.body(), Field.Store.YES);
        Translation zh = entry.i18n().get("zh");
        if (zh != null) {
            addText(doc, KbFields.TITLE_ZH, zh.title(), Field.Store.YES);
            addText(doc, KbFields.BODY_ZH, zh.body(), Field.Store.YES);
        }
        for (String question : entry.questions()) {
            addText(doc, KbFields.QUESTIONS, question, Field.Store.NO);
        }
        for (String tag : entry.tags()) {
            addText(doc, KbFields.TAGS, tag, Field.Store.NO);
        }
        for (Relation relation : entry.relations()) {
            doc.add(new StoredField(KbFields.RELATIONS, relation.type().code() + " " + relation.target()));
            doc.add(new StringField(KbFields.edge(relation.type().code()), relation.target(), Field.Store.NO));
        }
        return doc;
    }

    /** The texts of an entry that are embedded: its titles and its example questions, without repeats. */
    static List<String> embeddedTexts(KnowledgeEntry entry) {
        Set<String> texts = new java.util.LinkedHashSet<>();
        texts.add(entry.title());
        for (Translation translation : entry.i18n().values()) {
            texts.add(translation.title());
        }
        texts.addAll(entry.questions());
        return List.copyOf(texts);
    }

    private static void addVectors(
            IndexWriter writer,
            List<KnowledgeEntry> entries,
            TextEmbedder embedder,
            IndexThreads threads,
            EntryVectors vectors)
            throws IOException {
        List<String> owners = new ArrayList<>();
        List<TextEmbedder.Embedding> embeddings = new ArrayList<>();
        for (Map.Entry<String, List<TextEmbedder.Embedding>> entry :
                vectors.embed(entries, embedder).entrySet()) {
            for (TextEmbedder.Embedding embedding : entry.getValue()) {
                owners.add(entry.getKey());
                embeddings.add(embedding);
            }
        }
        // Inserting into the HNSW graph is the indexing cost; IndexWriter is thread-safe, and each
        // thread fills its own in-memory segment, so the graph is built on every thread given.
        int parts = Math.max(1, Math.min(threads.threads(), embeddings.size() / 1000));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int part = p;
            running.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = part; i < embeddings.size(); i += parts) {
                            TextEmbedder.Embedding embedding = embeddings.get(i);
                            Document doc = new Document();
                            doc.add(new StringField(KbFields.VECTOR_OF, owners.get(i), Field.Store.YES));
                            doc.add(new SortedDocValuesField(KbFields.VECTOR_OF, new BytesRef(owners.get(i))));
                            doc.add(new KnnFloatVectorField(
                                    KbFields.vector(embedding.space()),
                                    unit(embedding.vector()),
                                    VectorSimilarityFunction.DOT_PRODUCT));
                            try {
                                writer.addDocument(doc);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    },
                    threads.executor()));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("indexing vectors failed", e.getCause());
        }
    }

    /**
     * The values of a single-valued id field ({@link KbFields#ID} or {@link KbFields#VECTOR_OF})
     * of many documents, read from doc values: a hit list's entry ids without decompressing stored
     * fields, which on large indexes is what makes neighbour and vector queries fast.
     *
     * @param hits hits of a search on this searcher
     * @return the ids, in the order of {@code hits} ({@code null} where a document has none)
     */
    public static String[] ids(IndexSearcher searcher, ScoreDoc[] hits, String field) throws IOException {
        int[] docs = new int[hits.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = hits[i].doc;
        }
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> docs[i]));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        String[] ids = new String[docs.length];
        int leafIndex = -1;
        SortedDocValues values = null;
        for (int i : order) {
            int leaf = ReaderUtil.subIndex(docs[i], leaves);
            if (leaf != leafIndex) {
                leafIndex = leaf;
                values = DocValues.getSorted(leaves.get(leaf).reader(), field);
            }
            int local = docs[i] - leaves.get(leaf).docBase;
            if (values.docID() > local) {
                values = DocValues.getSorted(leaves.get(leaf).reader(), field); // a repeated document
            }
            if (values.advanceExact(local)) {
                ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
            }
        }
        return ids;
    }

    /** The vector scaled to length 1 (dot product is cosine similarity only for unit vectors). */
    public static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0 || Math.abs(norm - 1) < 1e-6) {
            return vector;
        }
        float[] unit = new float[vector.length];
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < unit.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }

    private static void addText(Document doc, String field, String text, Field.Store store) {
        doc.add(new TextField(field, text, store));
        doc.add(new TextField(KbFields.bigram(field), text, Field.Store.NO));
    }

    /** Searchers that score with {@link #SIMILARITY}, the similarity the index was written with. */
    private static final class SearcherFactoryWithSimilarity extends SearcherFactory {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(SIMILARITY);
            return searcher;
        }
    }
}
