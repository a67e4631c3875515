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
 */
public record Passage(String entryId, String type, String title, String text, double score) {
    public Passage {
        Checks.requireText("passage.entryId", entryId);
        Checks.requireText("passage.type", type);
        Checks.requireText("passage.title", title);
        Checks.requireText("passage.text", text);
    }
}
