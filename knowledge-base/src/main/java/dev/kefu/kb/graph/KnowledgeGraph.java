package dev.kefu.kb.graph;

import dev.kefu.core.Checks;
import dev.kefu.kb.index.KbFields;
import dev.kefu.kb.index.KnowledgeIndex;
import dev.kefu.kb.model.RelationType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Neighbour queries over the relations stored in a {@link KnowledgeIndex}: an edge is followed
 * forwards by reading the entry's stored relations, and backwards by one term query on the edge
 * field of its type ({@link KbFields#edge}), so both directions cost a few index lookups whatever
 * the size of the graph. Every query runs on one searcher: it sees one consistent release.
 *
 * <p>Thread-safe; valid while the index is open.
 */
public final class KnowledgeGraph {
    /** The farthest a neighbour query reaches. */
    static final int MAX_HOPS = 2;

    /**
     * Most entries followed backwards from one entry per relation type. A hub (a policy that
     * governs 10,000 products) is reached, but its fan-in is cut to the first {@value} entries in
     * index order: "every product under this policy" is a listing, not a neighbourhood, and
     * following it whole would make one query cost as much as a scan.
     */
    static final int MAX_FAN_IN = 100;

    private final KnowledgeIndex index;

    public KnowledgeGraph(KnowledgeIndex index) {
        this.index = Checks.requireNonNull("index", index);
    }

    /**
     * The entries reached from {@code entryId} over edges of the given types, nearest first, each
     * once (at its smallest hop count), never the start itself. An unknown id has no neighbours.
     *
     * @param types the relation types to follow; empty follows every type
     * @param direction which way edges are followed
     * @param maxHops 1 or 2
     */
    public List<Neighbour> neighbours(
            String entryId, Set<RelationType> types, Neighbour.Direction direction, int maxHops) {
        Checks.requireText("entryId", entryId);
        Checks.requireNonNull("types", types);
        Checks.requireNonNull("direction", direction);
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw new IllegalArgumentException("maxHops must be 1.." + MAX_HOPS + ", was " + maxHops);
        }
        Set<RelationType> followed = types.isEmpty() ? Set.of(RelationType.values()) : Set.copyOf(types);
        return index.search(searcher -> {
            Map<String, Neighbour> reached = new LinkedHashMap<>();
            List<String> frontier = List.of(entryId);
            for (int hop = 1; hop <= maxHops && !frontier.isEmpty(); hop++) {
                List<String> next = new ArrayList<>();
                for (String from : frontier) {
                    for (Neighbour n : step(searcher, from, followed, direction, hop)) {
                        if (!n.entryId().equals(entryId) && !reached.containsKey(n.entryId())) {
                            reached.put(n.entryId(), n);
                            next.add(n.entryId());
                        }
                    }
                }
                frontier = next;
            }
            return List.copyOf(reached.values());
        });
    }

    private static List<Neighbour> step(
            IndexSearcher searcher, String from, Set<RelationType> types, Neighbour.Direction direction, int hop)
            throws IOException {
        List<Neighbour> found = new ArrayList<>();
        if (direction != Neighbour.Direction.INCOMING) {
            TopDocs own = searcher.search(new TermQuery(new Term(KbFields.ID, from)), 1);
            if (own.scoreDocs.length > 0) {
                Document doc = searcher.storedFields().document(own.scoreDocs[0].doc, Set.of(KbFields.RELATIONS));
                for (String edge : doc.getValues(KbFields.RELATIONS)) {
                    int space = edge.indexOf(' ');
                    RelationType type =
                            RelationType.fromCode(edge.substring(0, space)).orElse(null);
                    if (type != null && types.contains(type)) {
                        found.add(new Neighbour(
                                edge.substring(space + 1), type, Neighbour.Direction.OUTGOING, hop, from));
                    }
                }
            }
        }
        if (direction != Neighbour.Direction.OUTGOING) {
            for (RelationType type : RelationType.values()) {
                if (!types.contains(type)) {
                    continue;
                }
                TopDocs holders =
                        searcher.search(new TermQuery(new Term(KbFields.edge(type.code()), from)), MAX_FAN_IN);
                for (String id : KnowledgeIndex.ids(searcher, holders.scoreDocs, KbFields.ID)) {
                    found.add(new Neighbour(id, type, Neighbour.Direction.INCOMING, hop, from));
                }
            }
        }
        return found;
    }
}
