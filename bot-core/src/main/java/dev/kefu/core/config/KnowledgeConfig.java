package dev.kefu.core.config;

import java.util.List;

/**
 * {@code knowledge.*}: what the bot knows and how strict retrieval is.
 *
 * @param file JSON Lines knowledge file, or null for the built-in demo store
 * @param minScore lexical score (BM25 times coverage squared) at which an entry counts as an answer
 * @param maxPassages most passages retrieved per message
 * @param semantic whether entries are also found by meaning (sentence embeddings)
 * @param minSimilarity cosine similarity to an entry's title or example question at which the
 *     entry counts as an answer by meaning, for an English question
 * @param minSimilarityZh the same for a Chinese or mixed question (embedded by the Chinese encoder,
 *     whose cosines are on another scale)
 * @param confidentSimilarity cosine similarity at which a match is confident: it answers even a
 *     message the intent router finds out of scope (an example question word for word is about 1);
 *     for an English question
 * @param confidentSimilarityZh the same for a Chinese or mixed question
 * @param lexicalWeight weight of the lexical ranking against the semantic one when the two are
 *     fused (reciprocal rank fusion); 0 ranks by meaning alone
 */
public record KnowledgeConfig(
        String file,
        double minScore,
        int maxPassages,
        boolean semantic,
        double minSimilarity,
        double minSimilarityZh,
        double confidentSimilarity,
        double confidentSimilarityZh,
        double lexicalWeight) {
    void validate(List<String> errors) {
        Settings.path(errors, "knowledge.file", file);
        if (!(minScore >= 0)) {
            errors.add("knowledge.minScore must be >= 0, was " + minScore);
        }
        Settings.range(errors, "knowledge.maxPassages", maxPassages, 1, 50);
        Settings.within(errors, "knowledge.minSimilarity", minSimilarity, -1, 1);
        Settings.within(errors, "knowledge.minSimilarityZh", minSimilarityZh, -1, 1);
        Settings.within(errors, "knowledge.confidentSimilarity", confidentSimilarity, -1, 2, " (above 1: never)");
        Settings.within(errors, "knowledge.confidentSimilarityZh", confidentSimilarityZh, -1, 2, " (above 1: never)");
        Settings.within(errors, "knowledge.lexicalWeight", lexicalWeight, 0, 10);
    }
}
