package dev.kefu.kb.index;

import dev.kefu.core.Checks;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Translation;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;

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
    /** Similarity for indexing and search alike (Lucene's BM25 defaults, k1 = 1.2, b = 0.75). */
    public static final Similarity SIMILARITY = new BM25Similarity();

    private final SearcherManager searcherManager;
    private final KefuAnalyzer analyzer;
    private final int size;

    private KnowledgeIndex(SearcherManager searcherManager, KefuAnalyzer analyzer, int size) {
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
        Checks.requireNonNull("directory", directory);
        Checks.requireNonNull("analyzer", analyzer);
        List<KnowledgeEntry> copy = Checks.copyOf("entries", entries);
        Set<String> ids = new HashSet<>();
        for (KnowledgeEntry entry : copy) {
            if (!ids.add(entry.id())) {
                throw new IllegalArgumentException("entries must have unique ids, \"" + entry.id() + "\" repeats");
            }
        }
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(OpenMode.CREATE)
                .setSimilarity(SIMILARITY)
                .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            for (KnowledgeEntry entry : copy) {
                writer.addDocument(document(entry));
            }
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
        return new KnowledgeIndex(manager, analyzer, copy.size());
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
        return doc;
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
