package dev.kefu.kb.search;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.kb.graph.KnowledgeGraph;
import dev.kefu.kb.graph.Neighbour;
import dev.kefu.kb.index.KbFields;
import dev.kefu.kb.index.KefuAnalyzer;
import dev.kefu.kb.index.KnowledgeIndex;
import dev.kefu.kb.model.RelationType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
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
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
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
 * <p>With a {@link TextEmbedder} (the hybrid mode), entries are also found by meaning: the query
 * is embedded in its language's space and the index's HNSW graph returns the nearest titles and
 * example questions ({@value #VECTOR_CANDIDATES}). Each entry's semantic score is a soft vote of
 * its matching texts (the sum of {@code exp((cos - 1) / T)}, T = {@value #VOTE_TEMPERATURE}), so
 * an entry several of whose questions resemble the query beats one with a single lucky match. The
 * semantic and lexical rankings are fused by reciprocal rank fusion ({@code 1 / (60 + rank)},
 * the lexical term weighted by {@code lexicalWeight}). An entry is an answer only if its best
 * cosine similarity reaches the floor of the question's language ({@link RetrievalThresholds}: the
 * English and the Chinese encoder's cosines are on different scales) or its lexical score reaches
 * {@code minScore}: the no-answer decision rests on calibrated absolute scores, the order on the
 * fused ranks. An answer whose similarity also reaches the language's confident similarity (an
 * example question word for word, or a near paraphrase) is marked {@link Passage#confident()}. A
 * query whose space the index has no vectors for (say, Chinese against an English-only store)
 * falls back to the lexical route.
 *
 * <p>{@code minScore} is an absolute BM25 score, so it depends on the corpus: {@link
 * #DEFAULT_MIN_SCORE} is calibrated on the demo store; recalibrate it for another store. When
 * the query has a subject (the product the message is about), answers in the subject's graph
 * neighbourhood are ranked first; when it also asks what goes with the subject (as stage ② found),
 * the subject's accessories and bundle partners are the answer. Nothing in the text is detected
 * here again. A question routed to a service intent and not about a product itself is answered
 * from the service entries of its topic first ({@link ServiceTopics}).
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
     * 13.8): lexical retrieval cannot tell. In hybrid mode the lexical route still answers what
     * its score admits; meaning adds answers and orders them.
     */
    public static final double DEFAULT_MIN_SCORE = 10.0;

    static final int MAX_TERMS_PER_CHAIN = 32;
    static final int VECTOR_CANDIDATES = 64;
    static final double VOTE_TEMPERATURE = 0.02;
    static final int RRF_K = 60;
    static final int CANDIDATES = 20;
    /**
     * How far below the similarity floor a service entry tagged with the routed intent's topic is
     * still an answer ({@link ServiceTopics}). None: at 0.03 the public dialogues gained four
     * conversations, but "can I adopt a dog from your shop?" (routed to returns at 0.81) was answered
     * with the returns pick-up FAQ; the router's reading orders answers, it does not make one.
     */
    static final double TOPIC_MARGIN = 0.0;

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
    private final KnowledgeGraph graph;
    private final TextEmbedder embedder;
    private final RetrievalThresholds thresholds;
    private final double lexicalWeight;
    private final ServiceTopics topics = ServiceTopics.DEFAULT;
    /** Each service intent's topic tags as analysed terms (the analyser is the index's, fixed). */
    private final Map<String, List<Set<String>>> topicTermsByIntent = new java.util.concurrent.ConcurrentHashMap<>();

    /** The fields a query word counts as covered in: every text field and its bigram twin. */
    private static final List<String> COVERAGE_FIELDS = coverageFields();

    /**
     * @param index the index to search; owned by the caller
     * @param minScore the lowest BM25 score returned, finite and {@code >= 0}
     */
    public LuceneKnowledgeRetriever(KnowledgeIndex index, double minScore) {
        this(index, null, RetrievalThresholds.lexical(minScore), 1.0);
    }

    /**
     * A hybrid retriever (lexical and semantic), or a lexical one when {@code embedder} is null,
     * with one similarity floor for every language and no confident matches.
     *
     * @param embedder the embedder the index was built with, or {@code null}
     * @param minSimilarity the lowest best cosine similarity of a semantic answer, in [-1, 1]
     * @param lexicalWeight the weight of the lexical ranking in the fusion, {@code >= 0}
     */
    public LuceneKnowledgeRetriever(
            KnowledgeIndex index, double minScore, TextEmbedder embedder, double minSimilarity, double lexicalWeight) {
        this(index, embedder, new RetrievalThresholds(minScore, minSimilarity, minSimilarity, 2.0, 2.0), lexicalWeight);
    }

    /**
     * A hybrid retriever (lexical and semantic), or a lexical one when {@code embedder} is null.
     *
     * @param embedder the embedder the index was built with, or {@code null}
     * @param thresholds when an entry is an answer, and a confident one
     * @param lexicalWeight the weight of the lexical ranking in the fusion, {@code >= 0}
     */
    public LuceneKnowledgeRetriever(
            KnowledgeIndex index, TextEmbedder embedder, RetrievalThresholds thresholds, double lexicalWeight) {
        this.index = Checks.requireNonNull("index", index);
        this.graph = new KnowledgeGraph(index);
        this.thresholds = Checks.requireNonNull("thresholds", thresholds);
        if (!(lexicalWeight >= 0) || !Double.isFinite(lexicalWeight)) {
            throw new IllegalArgumentException("lexicalWeight must be a finite number >= 0, was " + lexicalWeight);
        }
        this.embedder = embedder;
        this.lexicalWeight = lexicalWeight;
    }

    /** The lowest score a returned passage may have. */
    public double minScore() {
        return thresholds.minScore();
    }

    @Override
    public List<Passage> retrieve(KnowledgeQuery query) {
        Checks.requireNonNull("query", query);
        Language language = query.language().replyLanguage();
        if (query.subject() != null && query.asksWhatGoesWith()) {
            List<Passage> related = goesWith(query.subject(), query.limit(), language);
            if (!related.isEmpty()) {
                return related;
            }
        }
        double similarityFloor = thresholds.minSimilarity(query.textLanguage());
        double confidentFloor = thresholds.confidentSimilarity(query.textLanguage());
        return index.search(searcher -> {
            List<Candidate> ranked = ranked(searcher, query);
            List<Candidate> answers = new ArrayList<>();
            for (Candidate c : ranked) {
                if (c.lexical() >= thresholds.minScore() || c.similarity() >= similarityFloor) {
                    answers.add(c);
                }
            }
            return ordered(searcher, answers, ranked, query, language, confidentFloor, similarityFloor);
        });
    }

    /**
     * Every candidate entry of a query in the order {@link #retrieve} ranks them, with the evidence
     * its thresholds are applied to, before any threshold: what a calibration needs to evaluate
     * other thresholds without searching again. The subject's accessories are not included.
     */
    public List<Evidence> evidence(KnowledgeQuery query) {
        Checks.requireNonNull("query", query);
        return index.search(searcher -> ranked(searcher, query).stream()
                .map(c -> new Evidence(c.entryId(), c.lexical(), c.similarity(), c.vote()))
                .toList());
    }

    /**
     * One candidate entry of a query and the evidence for it.
     *
     * @param entryId the entry's id
     * @param lexical its lexical score (BM25 times coverage squared; 0 if not found lexically)
     * @param similarity its best cosine similarity to the query ({@code -1} if not found by meaning)
     * @param vote its semantic vote (the sum of {@code exp((cos - 1) / T)} over its texts near the
     *     query; 0 if not found by meaning)
     */
    public record Evidence(String entryId, double lexical, double similarity, double vote) {}

    /** The thresholds this retriever applies. */
    public RetrievalThresholds thresholds() {
        return thresholds;
    }

    /**
     * All candidates of a query, best first: the subject's neighbourhood first, then by the fused
     * rank score (the lexical score when there is no embedder).
     */
    private List<Candidate> ranked(IndexSearcher searcher, KnowledgeQuery query) throws IOException {
        Set<String> words = terms(KbFields.TITLE, query.text());
        Set<String> bigrams = terms(KbFields.bigram(KbFields.TITLE), query.text());
        TextEmbedder.Embedding embedding = embedder == null ? null : embedder.embed(query.text(), query.textLanguage());
        List<Candidate> lexical = words.isEmpty() && bigrams.isEmpty()
                ? List.of()
                : lexical(searcher, words, bigrams, Math.max(query.limit(), CANDIDATES));
        List<Candidate> ranked = new ArrayList<>();
        if (embedding == null) {
            for (Candidate candidate : lexical) {
                ranked.add(candidate.withScore(candidate.lexical()));
            }
        } else {
            Map<String, Candidate> fused = new LinkedHashMap<>();
            for (int rank = 0; rank < lexical.size(); rank++) {
                Candidate c = lexical.get(rank);
                fused.put(c.entryId(), c.withScore(lexicalWeight / (RRF_K + rank + 1)));
            }
            List<Candidate> semantic = semantic(searcher, embedding);
            for (int rank = 0; rank < semantic.size(); rank++) {
                Candidate c = semantic.get(rank);
                double rrf = 1.0 / (RRF_K + rank + 1);
                fused.merge(c.entryId(), c.withScore(rrf), (a, b) -> a.merge(b, a.score() + rrf));
            }
            ranked.addAll(fused.values());
        }
        Set<String> neighbourhood = neighbourhood(query.subject());
        ranked.sort(Comparator.comparing((Candidate c) -> !neighbourhood.contains(c.entryId()))
                .thenComparing(Comparator.comparingDouble(Candidate::score).reversed())
                .thenComparing(Candidate::entryId));
        return ranked;
    }

    /**
     * One entry found by either route: its entry document (-1 until looked up), lexical score
     * (BM25 times coverage squared, 0 if not found lexically), best cosine similarity (-1 if not
     * found semantically), semantic vote, and the score it is ranked by.
     */
    private record Candidate(String entryId, int doc, double lexical, double similarity, double vote, double score) {
        Candidate withScore(double value) {
            return new Candidate(entryId, doc, lexical, similarity, vote, value);
        }

        /** This lexical candidate with the other's semantic evidence. */
        Candidate merge(Candidate semantic, double newScore) {
            return new Candidate(entryId, doc, lexical, semantic.similarity, semantic.vote, newScore);
        }
    }

    /** Lexical candidates, best first, unfiltered. */
    private List<Candidate> lexical(IndexSearcher searcher, Set<String> words, Set<String> bigrams, int n)
            throws IOException {
        TopDocs top = searcher.search(toLuceneQuery(words, bigrams), n);
        Set<String> units = words.isEmpty() ? bigrams : words;
        String[] ids = KnowledgeIndex.ids(searcher, top.scoreDocs, KbFields.ID);
        double[] coverages = coverages(searcher, top.scoreDocs, units);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            double coverage = coverages[i];
            double score = hit.score * coverage * coverage;
            String id = ids[i];
            candidates.add(new Candidate(id, hit.doc, score, -1, 0, score));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::lexical).reversed());
        return candidates;
    }

    /** Semantic candidates, best vote first: the entries of the nearest embedded texts. */
    private List<Candidate> semantic(IndexSearcher searcher, TextEmbedder.Embedding embedding) throws IOException {
        String field = KbFields.vector(embedding.space());
        boolean indexed = false;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
            indexed |= info != null && info.getVectorDimension() == embedding.vector().length;
        }
        if (!indexed) {
            return List.of();
        }
        TopDocs top = searcher.search(
                new KnnFloatVectorQuery(field, KnowledgeIndex.unit(embedding.vector()), VECTOR_CANDIDATES),
                VECTOR_CANDIDATES);
        String[] owners = KnowledgeIndex.ids(searcher, top.scoreDocs, KbFields.VECTOR_OF);
        Map<String, Candidate> byEntry = new LinkedHashMap<>();
        for (int i = 0; i < owners.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            String id = owners[i];
            double cosine = 2.0 * hit.score - 1.0; // Lucene scores dot product as (1 + dot) / 2
            double vote = Math.exp((cosine - 1.0) / VOTE_TEMPERATURE);
            byEntry.merge(
                    id,
                    new Candidate(id, -1, 0, cosine, vote, vote),
                    (a, b) -> new Candidate(
                            id,
                            -1,
                            0,
                            Math.max(a.similarity(), b.similarity()),
                            a.vote() + b.vote(),
                            a.vote() + b.vote()));
        }
        List<Candidate> candidates = new ArrayList<>(byEntry.values());
        candidates.sort(Comparator.comparingDouble(Candidate::vote).reversed());
        return candidates;
    }

    /**
     * The subject's accessories (entries that are {@code accessory_of} it) and bundle partners
     * ({@code bundle_with}, either way), in graph order, as passages that say how they relate.
     */
    private List<Passage> goesWith(String subject, int limit, Language language) {
        List<Neighbour> related = new ArrayList<>(
                graph.neighbours(subject, Set.of(RelationType.ACCESSORY_OF), Neighbour.Direction.INCOMING, 1));
        related.addAll(graph.neighbours(subject, Set.of(RelationType.BUNDLE_WITH), Neighbour.Direction.BOTH, 1));
        return index.search(searcher -> {
            List<Passage> passages = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (Neighbour n : related) {
                if (passages.size() >= limit || !seen.add(n.entryId())) {
                    continue;
                }
                int doc = docOf(searcher, n.entryId());
                if (doc >= 0) {
                    Passage p = passage(searcher.storedFields().document(doc), language, 1.0, false);
                    passages.add(new Passage(
                            p.entryId(),
                            p.type(),
                            p.title(),
                            p.text(),
                            p.score(),
                            n.type().code()));
                }
            }
            return List.copyOf(passages);
        });
    }

    /**
     * The subject and its direct neighbours (its policies, category, brand, accessories, related
     * entries): when a message is about a product, answers from its own graph neighbourhood come
     * first ("is the X200 covered?" answers from the warranty policy the X200 is governed by, not
     * from another product's FAQ). Empty without a subject.
     */
    private Set<String> neighbourhood(String subject) {
        if (subject == null) {
            return Set.of();
        }
        Set<String> ids = new java.util.HashSet<>();
        ids.add(subject);
        for (Neighbour n : graph.neighbours(subject, Set.of(), Neighbour.Direction.BOTH, 1)) {
            ids.add(n.entryId());
        }
        return ids;
    }

    /**
     * The answers in the order the query asks for: the subject's neighbourhood first; for a
     * question about the subject itself ({@link KnowledgeQuery#aboutSubject()}) that names it, its
     * own entry before a promotion that scores higher; and for one that names no product ("多少钱",
     * "is it waterproof?" after naming a product), the subject's own entry first whether or not its words
     * matched, then the rest of its neighbourhood, and nothing outside it ("多少钱" answers from the
     * stroller, not from the shipping policy whose words match, nor from another product's page).
     */
    private List<Passage> ordered(
            IndexSearcher searcher,
            List<Candidate> answers,
            List<Candidate> ranked,
            KnowledgeQuery query,
            Language language,
            double confidentFloor,
            double similarityFloor)
            throws IOException {
        if (!query.aboutSubject() || query.subject() == null) {
            List<Candidate> admitted = new ArrayList<>(answers);
            for (Candidate c : ranked) {
                if (!answers.contains(c) && c.similarity() >= similarityFloor - TOPIC_MARGIN) {
                    admitted.add(c); // kept only if topical: serviceFirst drops the others
                }
            }
            return passages(
                    searcher,
                    first(serviceFirst(searcher, admitted, answers, query.intent(), confidentFloor), query.limit()),
                    language,
                    confidentFloor);
        }
        Set<String> neighbourhood = neighbourhood(query.subject());
        String subject = query.subject();
        boolean named = query.entities().stream().anyMatch(e -> e.value().equals(subject));
        if (named) {
            // "X200多少钱": the X200 answers, not the bundle promotion whose text has a price too
            // only the passages returned are read from their stored documents
            int own = -1;
            for (int i = 0; i < answers.size() && own < 0; i++) {
                own = answers.get(i).entryId().equals(subject) ? i : -1;
            }
            List<Candidate> ordered = answers;
            if (own > 0 && promotion(searcher, answers.get(0))) {
                ordered = new ArrayList<>(answers);
                ordered.add(0, ordered.remove(own));
            }
            return passages(searcher, first(ordered, query.limit()), language, confidentFloor);
        }
        List<Candidate> near = new ArrayList<>();
        near.add(new Candidate(subject, -1, 0, -1, 0, Double.POSITIVE_INFINITY));
        for (Candidate c : answers) {
            if (!c.entryId().equals(subject) && neighbourhood.contains(c.entryId())) {
                near.add(c);
            }
        }
        return passages(searcher, first(near, query.limit()), language, confidentFloor);
    }

    /**
     * For a question routed to a service intent, the answers with the intent's service entries
     * ({@link ServiceTopics}) first: confident ones (an example question, or a near paraphrase),
     * then those tagged with its topic, then the others; each group in the order found. {@code admitted} is {@code answers} followed by candidates a little below
     * the similarity floor, which count only if they are topical service entries.
     */
    private List<Candidate> serviceFirst(
            IndexSearcher searcher,
            List<Candidate> admitted,
            List<Candidate> answers,
            String intent,
            double confidentFloor)
            throws IOException {
        if (!topics.covers(intent)) {
            return answers;
        }
        List<Set<String>> topicTerms = topicTermsByIntent.computeIfAbsent(intent, this::analysedTopicTags);
        List<Candidate> originals = new ArrayList<>(admitted.size());
        List<Candidate> found = new ArrayList<>(admitted.size());
        for (Candidate c : admitted) {
            int doc = c.doc() >= 0 ? c.doc() : docOf(searcher, c.entryId());
            if (doc >= 0) { // a vector without its entry cannot happen in an index built by KnowledgeIndex
                originals.add(c);
                found.add(new Candidate(c.entryId(), doc, c.lexical(), c.similarity(), c.vote(), c.score()));
            }
        }
        // the entries' types and tags from the postings of the few terms asked about, not from
        // their stored documents: only the answers returned are read
        int[] docs = found.stream().mapToInt(Candidate::doc).toArray();
        List<String> serviceTypes =
                new ArrayList<>(topics.serviceTypesByIntent().getOrDefault(intent, Set.of()));
        boolean[][] typed = holding(searcher, docs, List.of(KbFields.TYPE), bytes(serviceTypes));
        List<String> tagTerms = new ArrayList<>();
        topicTerms.forEach(tagTerms::addAll);
        boolean[][] tags = holding(searcher, docs, List.of(KbFields.TAGS), bytes(tagTerms));
        List<Candidate> confident = new ArrayList<>();
        List<Candidate> topical = new ArrayList<>();
        List<Candidate> service = new ArrayList<>();
        List<Candidate> rest = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Candidate c = found.get(i);
            boolean serviceType = any(typed, i);
            if (serviceType && c.similarity() >= confidentFloor) {
                confident.add(c); // an example question of a service entry, or a near paraphrase
            } else if (serviceType && tagged(tags, i, topicTerms)) {
                topical.add(c);
            } else if (answers.contains(originals.get(i))) {
                (serviceType ? service : rest).add(c);
            }
        }
        confident.addAll(topical);
        confident.addAll(service);
        confident.addAll(rest);
        return confident;
    }

    /**
     * Whether document {@code i} of a {@link #holding} lookup over the tags' terms (in order) has
     * one of the tags, each given as its analysed terms: all of a tag's terms.
     */
    private static boolean tagged(boolean[][] held, int i, List<Set<String>> tags) {
        int term = 0;
        for (Set<String> tag : tags) {
            boolean all = !tag.isEmpty();
            for (int k = 0; k < tag.size(); k++) {
                all &= held[term++][i];
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(boolean[][] held, int i) {
        for (boolean[] term : held) {
            if (term[i]) {
                return true;
            }
        }
        return false;
    }

    private static List<BytesRef> bytes(List<String> terms) {
        return terms.stream().map(BytesRef::new).toList();
    }

    /** The intent's topic tags as analysed terms, one set per tag: computed once per intent. */
    private List<Set<String>> analysedTopicTags(String intent) {
        List<Set<String>> analysed = new ArrayList<>();
        for (String tag : topics.topicTags(intent)) {
            analysed.add(terms(KbFields.TAGS, tag));
        }
        return List.copyOf(analysed);
    }

    /**
     * For each term, which of the documents {@code docs} (any order, repeats allowed) hold it in
     * at least one of the fields: {@code [term][i]}. Per segment, each field's terms dictionary is
     * opened once and each term looked up once, its postings walked over the documents in order:
     * the lookups, not the documents, are what a query pays for.
     */
    private static boolean[][] holding(IndexSearcher searcher, int[] docs, List<String> fields, List<BytesRef> terms)
            throws IOException {
        boolean[][] held = new boolean[terms.size()][docs.length];
        if (docs.length == 0 || terms.isEmpty()) {
            return held;
        }
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> docs[i]));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int from = 0;
        while (from < order.length) { // the documents of one segment at a time
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[order[from]], leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            int to = from;
            while (to < order.length && docs[order[to]] < end) {
                to++;
            }
            for (String field : fields) {
                Terms indexed = leaf.reader().terms(field);
                if (indexed == null) {
                    continue;
                }
                TermsEnum termsEnum = indexed.iterator();
                PostingsEnum postings = null;
                for (int t = 0; t < terms.size(); t++) {
                    if (!termsEnum.seekExact(terms.get(t))) {
                        continue;
                    }
                    postings = termsEnum.postings(postings, PostingsEnum.NONE);
                    for (int k = from; k < to; k++) {
                        int doc = docs[order[k]] - leaf.docBase;
                        if (postings.docID() < doc) {
                            postings.advance(doc);
                        }
                        if (postings.docID() == doc) {
                            held[t][order[k]] = true;
                        } else if (postings.docID() == PostingsEnum.NO_MORE_DOCS) {
                            break;
                        }
                    }
                }
            }
            from = to;
        }
        return held;
    }

    /** The entry document of an entry id, or -1. */
    private static int docOf(IndexSearcher searcher, String entryId) throws IOException {
        // what a search for the id term returns (its first live document), without a search's
        // query weights and collectors
        BytesRef id = new BytesRef(entryId);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(KbFields.ID);
            TermsEnum termsEnum = terms == null ? null : terms.iterator();
            if (termsEnum == null || !termsEnum.seekExact(id)) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    return leaf.docBase + doc;
                }
            }
        }
        return -1;
    }

    private static boolean promotion(IndexSearcher searcher, Candidate candidate) throws IOException {
        int doc = candidate.doc() >= 0 ? candidate.doc() : docOf(searcher, candidate.entryId());
        return doc >= 0
                && holding(searcher, new int[] {doc}, List.of(KbFields.TYPE), List.of(new BytesRef(PROMOTION)))[0][0];
    }

    private static List<Candidate> first(List<Candidate> candidates, int limit) {
        return candidates.subList(0, Math.min(limit, candidates.size()));
    }

    private static final String PROMOTION = "promotion";

    /** Answers, ranked, as passages, looking up entry documents found only by meaning. */
    private static List<Passage> passages(
            IndexSearcher searcher, List<Candidate> answers, Language language, double confidentFloor)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<Passage> passages = new ArrayList<>();
        for (Candidate c : answers) {
            int doc = c.doc() >= 0 ? c.doc() : docOf(searcher, c.entryId());
            if (doc < 0) {
                continue; // a vector without its entry cannot happen in an index built by KnowledgeIndex
            }
            boolean confident = c.similarity() >= confidentFloor;
            passages.add(passage(stored.document(doc), language, c.score(), confident));
        }
        return List.copyOf(passages);
    }

    /**
     * For each hit, the share of query units (word-chain terms) found in its document in any text
     * field, as a word or, for a Chinese word, as a bigram. Each term is looked up once per field
     * and segment and its postings walked once over the hits, in document order: the lookups, not
     * the hits, are what a query pays for.
     */
    private static double[] coverages(IndexSearcher searcher, ScoreDoc[] hits, Set<String> units) throws IOException {
        int[] docs = new int[hits.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = hits[i].doc;
        }
        List<String> unitList = new ArrayList<>(units);
        boolean[][] held = holding(searcher, docs, COVERAGE_FIELDS, bytes(unitList));
        double[] coverages = new double[hits.length];
        for (int i = 0; i < hits.length; i++) {
            int matched = 0;
            for (boolean[] unit : held) {
                matched += unit[i] ? 1 : 0;
            }
            coverages[i] = (double) matched / units.size();
        }
        return coverages;
    }

    private static List<String> coverageFields() {
        List<String> fields = new ArrayList<>();
        for (String field : KbFields.TEXT_FIELDS) {
            fields.add(field);
            fields.add(KbFields.bigram(field));
        }
        return List.copyOf(fields);
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

    private static Passage passage(Document doc, Language language, double score, boolean confident) {
        String title = doc.get(KbFields.TITLE);
        String body = doc.get(KbFields.BODY);
        if (language == Language.ZH && doc.get(KbFields.TITLE_ZH) != null) {
            title = doc.get(KbFields.TITLE_ZH);
            body = doc.get(KbFields.BODY_ZH);
        }
        return new Passage(doc.get(KbFields.ID), doc.get(KbFields.TYPE), title, body, score, null, confident);
    }
}
