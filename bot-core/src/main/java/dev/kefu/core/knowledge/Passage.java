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
 */
public record Passage(String entryId, String type, String title, String text, double score, String relation) {
    /** The entry is an accessory of the subject. */
    public static final String ACCESSORY_OF = "accessory_of";

    /** The entry is sold in a bundle with the subject. */
    public static final String BUNDLE_WITH = "bundle_with";

    /**
     * The entry is a promotion running when the question was asked, listed for a broad question
     * ("有什么活动").
     */
    public static final String RUNNING_NOW = "running_now";

    /** A passage found by search. */
    public Passage(String entryId, String type, String title, String text, double score) {
        this(entryId, type, title, text, score, null);
    }

    public Passage {
        if (relation != null) {
            Checks.requireText("passage.relation", relation);
        }
        Checks.requireText("passage.entryId", entryId);
        Checks.requireText("passage.type", type);
        Checks.requireText("passage.title", title);
        Checks.requireText("passage.text", text);
    }
}
