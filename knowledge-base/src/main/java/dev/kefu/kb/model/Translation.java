package dev.kefu.kb.model;

/**
 * An entry's title and body in another language.
 *
 * @param title non-blank, at most {@link KnowledgeEntry#MAX_TITLE_LENGTH} characters
 * @param body non-blank, at most {@link KnowledgeEntry#MAX_BODY_LENGTH} characters
 */
public record Translation(String title, String body) {
    public Translation {
        KnowledgeEntry.requireBounded("translation.title", title, KnowledgeEntry.MAX_TITLE_LENGTH);
        KnowledgeEntry.requireBounded("translation.body", body, KnowledgeEntry.MAX_BODY_LENGTH);
    }
}
