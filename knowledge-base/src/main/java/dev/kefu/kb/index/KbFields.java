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

    /** Suffix of the twin field analysed by the bigram chain. */
    public static final String BIGRAM_SUFFIX = "_bigram";

    /** The analysed text fields (each also has a {@link #bigram(String)} twin). */
    public static final List<String> TEXT_FIELDS = List.of(TITLE, TITLE_ZH, QUESTIONS, BODY, BODY_ZH, TAGS);

    private KbFields() {}

    /** The bigram twin of a text field, e.g. {@code title_bigram}. */
    public static String bigram(String field) {
        return field + BIGRAM_SUFFIX;
    }

    /** Whether {@code field} is a bigram twin. */
    public static boolean isBigram(String field) {
        return field.endsWith(BIGRAM_SUFFIX);
    }
}
