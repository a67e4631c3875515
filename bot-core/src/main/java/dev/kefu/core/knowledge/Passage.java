package dev.kefu.core.knowledge;

import dev.kefu.core.Checks;

/**
 * Stage ③ output: one knowledge entry retrieved for a message, already in the reply language.
 *
 * @param entryId the entry's stable id, cited in answers
 * @param type the entry's type ({@code product}, {@code policy}, {@code faq}, ...)
 * @param title the entry's title in the reply language
 * @param text the entry's answer text in the reply language
 * @param score the retriever's relevance score (higher is better; scale is the retriever's)
 * @param relation how the entry relates to the query's subject when it was found by following
 *     the knowledge graph rather than by search (a relation code: {@value #ACCESSORY_OF}, {@value
 *     #BUNDLE_WITH}, ...), or {@code null}
 * @param confident whether the retriever is sure the entry answers the message (the message is one
 *     of the entry's example questions, or a paraphrase above the retriever's calibrated confident
 *     similarity): such an answer stands even when the intent router finds the message out of
 *     scope, since the store's trainers wrote the question and the router may never have seen it
 */
public record Passage(
        String entryId, String type, String title, String text, double score, String relation, boolean confident) {
    /** The entry is an accessory of the subject. */
    public static final String ACCESSORY_OF = "accessory_of";

    /** The entry is sold in a bundle with the subject. */
    public static final String BUNDLE_WITH = "bundle_with";

    /**
     * The entry is a promotion running when the question was asked, listed for a broad question
     * ("有什么活动").
     */
    public static final String RUNNING_NOW = "running_now";

    /** A passage found by search, not a confident match. */
    public Passage(String entryId, String type, String title, String text, double score) {
        this(entryId, type, title, text, score, null, false);
    }

    /** A passage found by search or by following the graph, not a confident match. */
    public Passage(String entryId, String type, String title, String text, double score, String relation) {
        this(entryId, type, title, text, score, relation, false);
    }

    public Passage {
        if (relation != null) {
            Checks.requireText("passage.relation", relation);
        }
        Checks.requireAllText("passage", "entryId type title text", entryId, type, title, text);
    }
}
