package dev.kefu.kb.search;

import dev.kefu.core.intent.Language;

/**
 * When a retrieved entry counts as an answer, and when it is a confident one. Absolute scores,
 * calibrated on labelled questions (see docs/BENCHMARKS.md, {@code kefu-eval calibrate}), because
 * "nothing found" must be decided without knowing the right answer.
 *
 * @param minScore the lexical score (BM25 times coverage squared) at which an entry is an answer,
 *     finite and {@code >= 0}
 * @param minSimilarity the best cosine similarity at which an entry is an answer by meaning for an
 *     English question (the English encoder's space), in [-1, 1]
 * @param minSimilarityZh the same for a Chinese or mixed question, which is embedded in the Chinese
 *     encoder's space: another model, whose cosines are not on the English one's scale
 * @param confidentSimilarity the best cosine similarity at which an answer to an English question
 *     is confident (an example question word for word, about 1, or a near paraphrase), in [-1, 2];
 *     above 1 none is
 * @param confidentSimilarityZh the same for a Chinese or mixed question
 */
public record RetrievalThresholds(
        double minScore,
        double minSimilarity,
        double minSimilarityZh,
        double confidentSimilarity,
        double confidentSimilarityZh) {
    /** Lexical answers only: nothing is an answer by meaning, and nothing is confident. */
    public static RetrievalThresholds lexical(double minScore) {
        return new RetrievalThresholds(minScore, 1.0, 1.0, 2.0, 2.0);
    }

    public RetrievalThresholds {
        if (!Double.isFinite(minScore) || minScore < 0) {
            throw new IllegalArgumentException("minScore must be a finite number >= 0, was " + minScore);
        }
        if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("minSimilarity must be in [-1, 1], was " + minSimilarity);
        }
        if (!(minSimilarityZh >= -1 && minSimilarityZh <= 1)) {
            throw new IllegalArgumentException("minSimilarityZh must be in [-1, 1], was " + minSimilarityZh);
        }
        if (!(confidentSimilarity >= -1 && confidentSimilarity <= 2)) {
            throw new IllegalArgumentException("confidentSimilarity must be in [-1, 2], was " + confidentSimilarity);
        }
        if (!(confidentSimilarityZh >= -1 && confidentSimilarityZh <= 2)) {
            throw new IllegalArgumentException(
                    "confidentSimilarityZh must be in [-1, 2], was " + confidentSimilarityZh);
        }
    }

    /** The similarity floor for a question written in {@code language}. */
    public double minSimilarity(Language language) {
        return language == Language.EN ? minSimilarity : minSimilarityZh;
    }

    /** The confident similarity for a question written in {@code language}. */
    public double confidentSimilarity(Language language) {
        return language == Language.EN ? confidentSimilarity : confidentSimilarityZh;
    }
}
