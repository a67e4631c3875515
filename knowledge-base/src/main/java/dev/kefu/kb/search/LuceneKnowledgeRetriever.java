package dev.kefu.kb.search;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.index.KbFields;
import dev.kefu.kb.index.KefuAnalyzer;
import dev.kefu.kb.index.KnowledgeIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * BM25 retrieval over a {@link KnowledgeIndex}.
 *
 * <p>How a query is answered:
 *
 * <ol>
 *   <li>The text is analysed with the index's own {@link KefuAnalyzer}, once through the word chain
 *       and once through the bigram chain, keeping at most {@value #MAX_TERMS_PER_CHAIN} distinct
 *       terms of each. The query is built from these terms programmatically, so no shopper text
 *       ("a+b (c", "AND OR", "title:*") can be a syntax error. If nothing is left (only stop words
 *       or punctuation), the answer is an empty list.
 *   <li>Each term is looked up in every text field and its bigram twin, and the BM25 scores are
 *       summed with per-field boosts: example questions {@value #QUESTIONS_BOOST}, titles
 *       {@value #TITLE_BOOST}, tags {@value #TAGS_BOOST}, bodies {@value #BODY_BOOST}. Both
 *       languages' fields are searched whatever the query's language.
 *   <li>The best {@value #CANDIDATES} hits (or {@code limit}, if larger) are rescored: the BM25
 *       sum is multiplied by the square of the query's <i>coverage</i>, the share of its word terms
 *       that occur anywhere in the entry. BM25 alone lets one rare word carry a hit ("who won the
 *       world <b>cup</b>" finds the stroller cup holder); coverage keeps such partial matches
 *       below the threshold while a short question that fully matches keeps its score.
 *   <li>Hits scoring at least {@code minScore} are returned, best first, at most {@code
 *       query.limit()}, with title and text in the query's reply language ({@link
 *       Language#replyLanguage()}: mixed is answered in Chinese, falling back to English when an
 *       entry has no Chinese translation).
 * </ol>
 *
 * <p>{@code minScore} is an absolute BM25 score, so it depends on the corpus: {@link
 * #DEFAULT_MIN_SCORE} is calibrated on the demo store; recalibrate it for another store. The
 * query's intent and entities are not used yet.
 *
 * <p>Failure: index errors throw {@link UncheckedIOException}; an empty list always means "nothing
 * scored high enough". Thread-safe: searches share the index's searcher manager.
 */
public final class LuceneKnowledgeRetriever implements KnowledgeRetriever {
    /**
     * Calibrated on the demo store with 50 in-scope questions (paraphrased; Chinese, English and
     * mixed; 41 rank the expected entry first, the rest are near-ties such as accessory versus
     * product) and 24 out-of-scope ones. The weakest correct in-scope answer scores about 11
     * ("where is my package"), the strongest out-of-scope hit below it about 10 ("what is 2+2").
     * One out-of-scope question still passes ("what's the meaning of life" finds "shelf life",
     * 13.8): lexical retrieval cannot tell, which is what the planned vector stage is for.
     */
    public static final double DEFAULT_MIN_SCORE = 10.0;

    static final int MAX_TERMS_PER_CHAIN = 32;
    static final int CANDIDATES = 20;
    static final float QUESTIONS_BOOST = 3.0f;
    static final float TITLE_BOOST = 2.0f;
    static final float TAGS_BOOST = 1.0f;
    static final float BODY_BOOST = 1.0f;

    private static final Map<String, Float> FIELD_BOOSTS = Map.of(
            KbFields.QUESTIONS, QUESTIONS_BOOST,
            KbFields.TITLE, TITLE_BOOST,
            KbFields.TITLE_ZH, TITLE_BOOST,
            KbFields.TAGS, TAGS_BOOST,
            KbFields.BODY, BODY_BOOST,
            KbFields.BODY_ZH, BODY_BOOST);

    private final KnowledgeIndex index;
    private final double minScore;

    /**
     * @param index the index to search; owned by the caller
     * @param minScore the lowest BM25 score returned, finite and {@code >= 0}
     */
    public LuceneKnowledgeRetriever(KnowledgeIndex index, double minScore) {
        this.index = Checks.requireNonNull("index", index);
        if (!Double.isFinite(minScore) || minScore < 0) {
            throw new IllegalArgumentException("minScore must be a finite number >= 0, was " + minScore);
        }
        this.minScore = minScore;
    }

    /** The lowest score a returned passage may have. */
    public double minScore() {
        return minScore;
    }

    @Override
    public List<Passage> retrieve(KnowledgeQuery query) {
        Checks.requireNonNull("query", query);
        Set<String> words = terms(KbFields.TITLE, query.text());
        Set<String> bigrams = terms(KbFields.bigram(KbFields.TITLE), query.text());
        if (words.isEmpty() && bigrams.isEmpty()) {
            return List.of();
        }
        Query lucene = toLuceneQuery(words, bigrams);
        Set<String> units = words.isEmpty() ? bigrams : words;
        Language language = query.language().replyLanguage();
        return index.search(searcher -> {
            TopDocs top = searcher.search(lucene, Math.max(query.limit(), CANDIDATES));
            StoredFields stored = searcher.storedFields();
            List<ScoredDoc> scored = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                double coverage = coverage(searcher, hit.doc, units);
                double score = hit.score * coverage * coverage;
                if (score >= minScore) {
                    scored.add(new ScoredDoc(hit.doc, score));
                }
            }
            scored.sort(Comparator.comparingDouble(ScoredDoc::score).reversed());
            List<Passage> passages = new ArrayList<>();
            for (ScoredDoc hit : scored.subList(0, Math.min(query.limit(), scored.size()))) {
                passages.add(passage(stored.document(hit.doc()), language, hit.score()));
            }
            return List.copyOf(passages);
        });
    }

    private record ScoredDoc(int doc, double score) {}

    /**
     * The share of query units (word-chain terms) found in the document in any text field, as a
     * word or, for a Chinese word, as a bigram.
     */
    private static double coverage(IndexSearcher searcher, int doc, Set<String> units) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        int matched = 0;
        for (String unit : units) {
            BytesRef term = new BytesRef(unit);
            for (String field : KbFields.TEXT_FIELDS) {
                if (contains(leaf, local, field, term) || contains(leaf, local, KbFields.bigram(field), term)) {
                    matched++;
                    break;
                }
            }
        }
        return (double) matched / units.size();
    }

    private static boolean contains(LeafReaderContext leaf, int doc, String field, BytesRef term) throws IOException {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
            return false;
        }
        TermsEnum termsEnum = terms.iterator();
        if (!termsEnum.seekExact(term)) {
            return false;
        }
        PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
        return postings.advance(doc) == doc;
    }

    /** The Lucene query for analysed terms. */
    private static Query toLuceneQuery(Set<String> words, Set<String> bigrams) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String field : KbFields.TEXT_FIELDS) {
            float boost = FIELD_BOOSTS.get(field);
            addField(all, field, words, boost);
            addField(all, KbFields.bigram(field), bigrams, boost);
        }
        return all.build();
    }

    private static void addField(BooleanQuery.Builder all, String field, Set<String> terms, float boost) {
        if (terms.isEmpty()) {
            return;
        }
        BooleanQuery.Builder perField = new BooleanQuery.Builder();
        for (String term : terms) {
            perField.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
        }
        all.add(new BoostQuery(perField.build(), boost), BooleanClause.Occur.SHOULD);
    }

    private Set<String> terms(String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = index.analyzer().tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS_PER_CHAIN) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse the query text", e);
        }
        return terms;
    }

    private static Passage passage(Document doc, Language language, double score) {
        String title = doc.get(KbFields.TITLE);
        String body = doc.get(KbFields.BODY);
        if (language == Language.ZH && doc.get(KbFields.TITLE_ZH) != null) {
            title = doc.get(KbFields.TITLE_ZH);
            body = doc.get(KbFields.BODY_ZH);
        }
        return new Passage(doc.get(KbFields.ID), doc.get(KbFields.TYPE), title, body, score);
    }
}
