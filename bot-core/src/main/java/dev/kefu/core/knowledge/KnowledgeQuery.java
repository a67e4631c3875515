package dev.kefu.core.knowledge;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import java.util.List;

/**
 * Stage ③ input.
 *
 * @param text the normalised shopper message
 * @param language the language the passages should be returned in
 * @param intent the routed intent's name (a retriever may boost entries tagged with it)
 * @param entities entities of the message (a product entity names the subject)
 * @param limit the most passages to return, at least 1
 */
public record KnowledgeQuery(String text, Language language, String intent, List<Entity> entities, int limit) {
    public KnowledgeQuery {
        Checks.requireText("query.text", text);
        Checks.requireNonNull("query.language", language);
        Checks.requireText("query.intent", intent);
        entities = Checks.copyOf("query.entities", entities);
        if (limit < 1) {
            throw new IllegalArgumentException("query.limit must be >= 1, was " + limit);
        }
    }
}
