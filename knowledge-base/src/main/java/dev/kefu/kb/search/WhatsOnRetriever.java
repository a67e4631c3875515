package dev.kefu.kb.search;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.graph.KnowledgeGraph;
import dev.kefu.kb.graph.Neighbour;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Translation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers broad questions about what is on ("有什么活动", "what promotions do you have", "what's
 * new": {@link KnowledgeQuery#asksWhatsOn()}, as stage ② found) by listing the promotions running
 * when the question is asked, from the graph rather than by search: a search for "活动" finds the
 * entry whose words match best (the 618 FAQ), not what applies today. A promotion runs when its
 * {@code starts} and {@code ends} attributes (either may be missing) contain the query's time.
 * Promotions related to the query's subject come first, then those ending soonest. Every other
 * query, and a broad one when nothing runs, goes to the search retriever. Thread-safe.
 */
public final class WhatsOnRetriever implements KnowledgeRetriever {
    /** The most promotions one listing names, whatever the query's limit: a listing is one answer. */
    static final int MAX_LISTED = 6;

    private final KnowledgeRetriever search;
    private final List<KnowledgeEntry> promotions;
    private final KnowledgeGraph graph;

    /**
     * @param search the retriever of every other question
     * @param entries the knowledge base's entries (its promotions are listed)
     * @param graph the entries' graph, for the promotions related to the subject
     */
    public WhatsOnRetriever(KnowledgeRetriever search, Map<String, KnowledgeEntry> entries, KnowledgeGraph graph) {
        this.search = Checks.requireNonNull("search", search);
        this.promotions = entries.values().stream()
                .filter(e -> e.type() == EntryType.PROMOTION)
                .toList();
        this.graph = Checks.requireNonNull("graph", graph);
    }

    @Override
    public List<Passage> retrieve(KnowledgeQuery query) {
        Checks.requireNonNull("query", query);
        if (!query.asksWhatsOn()) {
            return search.retrieve(query);
        }
        Set<String> near = new HashSet<>();
        if (query.subject() != null) {
            for (Neighbour n : graph.neighbours(query.subject(), Set.of(), Neighbour.Direction.BOTH, 1)) {
                near.add(n.entryId());
            }
        }
        Language language = query.language().replyLanguage();
        List<Passage> listed = promotions.stream()
                .filter(p -> runs(p.attributes(), query.at()))
                .sorted(Comparator.comparing((KnowledgeEntry p) -> !near.contains(p.id()))
                        .thenComparing(p -> end(p.attributes()).orElse(Instant.MAX))
                        .thenComparing(KnowledgeEntry::id))
                .limit(Math.max(query.limit(), MAX_LISTED))
                .map(p -> passage(p, language))
                .toList();
        return listed.isEmpty() ? search.retrieve(query) : listed;
    }

    private static Passage passage(KnowledgeEntry promotion, Language language) {
        Translation text = promotion.localized(language);
        return new Passage(
                promotion.id(), promotion.type().code(), text.title(), text.body(), 1.0, Passage.RUNNING_NOW);
    }

    /** Whether a promotion with these attributes runs at {@code at}; every one does when it is unknown. */
    static boolean runs(Map<String, String> attributes, Instant at) {
        if (at == null) {
            return true;
        }
        Optional<Instant> starts = instant(attributes.get("starts"));
        Optional<Instant> ends = end(attributes);
        return starts.map(s -> !at.isBefore(s)).orElse(true)
                && ends.map(at::isBefore).orElse(true);
    }

    private static Optional<Instant> end(Map<String, String> attributes) {
        return instant(attributes.get("ends"));
    }

    private static Optional<Instant> instant(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // refused at ingest; cannot happen for a stored entry
        }
    }
}
