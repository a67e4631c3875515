package dev.kefu.core.knowledge;

import java.util.List;

/**
 * Stage ③: finds the knowledge entries that answer a message.
 *
 * <p>The result is ranked best first and holds only passages above the retriever's calibrated
 * threshold: an empty list is a real answer ("nothing we know answers this"), which the pipeline
 * turns into a fallback and counts toward repeated-fallback hand-off. A retriever that cannot
 * search (a broken index) throws instead, so an outage is never mistaken for "I don't know".
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface KnowledgeRetriever {
    List<Passage> retrieve(KnowledgeQuery query);
}
