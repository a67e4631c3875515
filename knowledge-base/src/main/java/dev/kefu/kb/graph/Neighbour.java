package dev.kefu.kb.graph;

import dev.kefu.core.Checks;
import dev.kefu.kb.model.RelationType;

/**
 * An entry reached from another by following relations.
 *
 * @param entryId the entry reached
 * @param type the type of the last edge followed
 * @param direction whether that edge was followed forwards (the previous entry holds it) or
 *     backwards (the reached entry holds it)
 * @param hops 1 for a direct neighbour, 2 for a neighbour's neighbour
 * @param via the entry the last edge was followed from (the start for one hop)
 */
public record Neighbour(String entryId, RelationType type, Direction direction, int hops, String via) {
    public Neighbour {
        Checks.requireText("neighbour.entryId", entryId);
        Checks.requireNonNull("neighbour.type", type);
        Checks.requireNonNull("neighbour.direction", direction);
        Checks.requireText("neighbour.via", via);
        if (hops < 1 || hops > KnowledgeGraph.MAX_HOPS) {
            throw new IllegalArgumentException(
                    "neighbour.hops must be 1.." + KnowledgeGraph.MAX_HOPS + ", was " + hops);
        }
    }

    /** Which way an edge is followed. */
    public enum Direction {
        /** From the entry that holds the relation to its target ("X200 governed_by warranty"). */
        OUTGOING,
        /** From the target back to the entries that hold it ("accessories of the stroller"). */
        INCOMING,
        /** Both ways. */
        BOTH
    }
}
