package dev.kefu.core.knowledge;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about knowledge entries by id, for the stages that fill text from the graph rather than
 * search it: the marketing slots' placeholders ({@code {product.name}}, related accessories).
 * Reads the published knowledge. Thread-safe.
 */
public interface KnowledgeFacts {
    /** The entry, with its title in {@code language} (falling back to the main one). */
    Optional<Fact> entry(String id, Language language);

    /**
     * The entries one {@code relation} away from {@code id}: {@code outgoing} follows the entry's
     * own relations ("the stroller belongs_to mother & baby"), otherwise the relations that point
     * at it ("the accessories of the stroller").
     */
    List<Fact> related(String id, String relation, boolean outgoing, Language language);

    /** An entry's id, type, title (in the asked language) and attributes. */
    record Fact(String id, String type, String title, Map<String, String> attributes) {
        public Fact {
            Checks.requireText("fact.id", id);
            Checks.requireText("fact.type", type);
            Checks.requireText("fact.title", title);
            attributes = Map.copyOf(Checks.requireNonNull("fact.attributes", attributes));
        }
    }
}
