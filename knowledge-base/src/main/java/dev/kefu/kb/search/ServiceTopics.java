package dev.kefu.kb.search;

import dev.kefu.core.Checks;
import java.util.Map;
import java.util.Set;

/**
 * Which entries answer a service question first. When stage ② routes a message to a service intent
 * (returns, warranty, delivery, payment, ...) and the message does not ask about a product itself,
 * the shopper asks what the store does, not what a product is: "the hoodie doesn't fit, can I
 * return it?" is answered by the returns policy even though the hoodie's own entry (the subject's
 * neighbourhood, and more of the words) matches better. So, among the answers above the
 * thresholds, the intent's service entry types (policies and FAQs; promotions too for a promotions
 * question) come before products, categories and brands, each group in the retriever's order.
 *
 * <p>Within the service entries, those tagged with one of the intent's topic tags come first: "the
 * air fryer stopped heating, is that covered?" is a warranty question whose words match the air
 * fryer's first-use FAQ better than the warranty policy, and "the jeans are too tight, can I send
 * them back?" matches the wrong-item FAQ by meaning as well as the returns FAQs. The router has
 * already read the message as a whole and said which topic it is about; the tags say which entries
 * answer that topic. (Ranking all entries by tags alone, before the service types, was measured and
 * dropped: a specific FAQ without the tag then lost to a general policy with it; so an intent's
 * topic tags cover its specific FAQs too.) The retriever also admits a topical service entry a
 * little below its similarity floor ({@link LuceneKnowledgeRetriever}): the router's reading is a
 * second signal.
 *
 * @param serviceTypesByIntent for each service intent, the entry type codes that answer it; an
 *     intent not in the table is not reordered
 * @param topicTagsByIntent for each service intent, the entry tags that mark its topic; an intent
 *     not in the table has no topical tier
 */
public record ServiceTopics(Map<String, Set<String>> serviceTypesByIntent, Map<String, Set<String>> topicTagsByIntent) {
    private static final Set<String> POLICY_FAQ = Set.of("policy", "faq");

    /** The table for the demo router's service intents. */
    public static final ServiceTopics DEFAULT = new ServiceTopics(
            Map.of(
                    "return_policy", POLICY_FAQ,
                    "refund", POLICY_FAQ,
                    "warranty", POLICY_FAQ,
                    "delivery_time", POLICY_FAQ,
                    "order_status", POLICY_FAQ,
                    "payment", POLICY_FAQ,
                    "invoice", POLICY_FAQ,
                    "complaint", POLICY_FAQ,
                    "promotions", Set.of("policy", "faq", "promotion")),
            Map.of(
                    "return_policy", Set.of("returns", "exchanges"),
                    "warranty", Set.of("warranty", "damaged", "defective")));

    /** A table of service types with no topical tier. */
    public ServiceTopics(Map<String, Set<String>> serviceTypesByIntent) {
        this(serviceTypesByIntent, Map.of());
    }

    public ServiceTopics {
        serviceTypesByIntent = copy("serviceTypesByIntent", serviceTypesByIntent);
        topicTagsByIntent = copy("topicTagsByIntent", topicTagsByIntent);
    }

    private static Map<String, Set<String>> copy(String name, Map<String, Set<String>> table) {
        Checks.requireNonNull(name, table);
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        table.forEach((intent, values) -> copy.put(intent, Set.copyOf(values)));
        return Map.copyOf(copy);
    }

    /** The tags that mark the topic of {@code intent}'s answers; empty when it has none. */
    public Set<String> topicTags(String intent) {
        return topicTagsByIntent.getOrDefault(intent, Set.of());
    }

    /** Whether answers to this intent are reordered. */
    public boolean covers(String intent) {
        return serviceTypesByIntent.containsKey(intent);
    }

    /** Whether an entry of this type answers a question routed to {@code intent} before the others. */
    public boolean serviceEntry(String intent, String type) {
        return serviceTypesByIntent.getOrDefault(intent, Set.of()).contains(type);
    }
}
