package dev.kefu.kb.model;

import dev.kefu.core.Checks;

/**
 * A typed edge from the entry that holds it to the entry with id {@code target}.
 *
 * @param type the kind of edge
 * @param target the id of the entry pointed at; whether it exists is checked where the whole set
 *     of entries is known (the reader and {@link dev.kefu.kb.KnowledgeBase#open})
 */
public record Relation(RelationType type, String target) {
    public Relation {
        Checks.requireNonNull("relation.type", type);
        KnowledgeEntry.requireId("relation.target", target);
    }
}
