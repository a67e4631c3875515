package dev.kefu.kb.index;

import java.util.List;

/**
 * Every Lucene field name of the knowledge index, in one place, so the indexer, the analyzer and
 * the retriever cannot drift apart.
 *
 * <p>Each searchable text field is indexed twice: under its own name through the word chain of
 * {@link KefuAnalyzer} (smartcn segmentation, stemming, stop words) and under {@link
 * #bigram(String)} through the bigram chain (overlapping CJK bigrams), because smartcn segments
 * some shop words (快递) into single characters that match far too widely on their own.
 */
public final class KbFields {
    /** Entry id: indexed as one term, stored. */
    public static final String ID = "id";
    /** Entry type code ({@code policy}, ...): indexed as one term, stored. */
    public static final String TYPE = "type";
    /** English (base) title: analysed, stored. */
    public static final String TITLE = "title";
    /** Chinese title from {@code i18n.zh}: analysed, stored; absent when there is none. */
    public static final String TITLE_ZH = "title_zh";
    /** English (base) body: analysed, stored. */
    public static final String BODY = "body";
    /** Chinese body from {@code i18n.zh}: analysed, stored; absent when there is none. */
    public static final String BODY_ZH = "body_zh";
    /** Example questions, one value per question, any language: analysed, not stored. */
    public static final String QUESTIONS = "questions";
    /** Tags, one value per tag: analysed, not stored. */
    public static final String TAGS = "tags";

    /**
     * On a vector document (one per embedded title or example question): the id of the entry it
     * belongs to, indexed as one term and stored. Entry documents never have it.
     */
    public static final String VECTOR_OF = "vector_of";

    /** Prefix of the vector fields, one per embedding space ({@link #vector(String)}). */
    static final String VECTOR_PREFIX = "vector:";

    /**
     * Outgoing relations of an entry, one stored value per edge, {@code <type code> <target id>}
     * (a space cannot occur in either); read to follow edges forward.
     */
    public static final String RELATIONS = "relations";

    /** Prefix of the per-type edge fields ({@link #edge(String)}). */
    static final String EDGE_PREFIX = "edge:";

    /** Suffix of the twin field analysed by the bigram chain. */
    static final String BIGRAM_SUFFIX = "_bigram";

    /** The analysed text fields (each also has a {@link #bigram(String)} twin). */
    public static final List<String> TEXT_FIELDS = List.of(TITLE, TITLE_ZH, QUESTIONS, BODY, BODY_ZH, TAGS);

    private KbFields() {}

    /** The bigram twin of a text field, e.g. {@code title_bigram}. */
    public static String bigram(String field) {
        return field + BIGRAM_SUFFIX;
    }

    /** The vector field of an embedding space, e.g. {@code vector:bge-small-en-v1.5-q}. */
    public static String vector(String space) {
        return VECTOR_PREFIX + space;
    }

    /**
     * The field holding the targets of an entry's edges of one type, indexed as single terms (not
     * stored), e.g. {@code edge:accessory_of}: "which entries point at X this way" is one term
     * query, which is how edges are followed backwards.
     */
    public static String edge(String relationCode) {
        return EDGE_PREFIX + relationCode;
    }

    /** Whether {@code field} is a bigram twin. */
    static boolean isBigram(String field) {
        return field.endsWith(BIGRAM_SUFFIX);
    }
}
