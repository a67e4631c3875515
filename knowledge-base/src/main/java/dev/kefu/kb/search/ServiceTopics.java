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
 * Ranking service entries by topic tags as well was measured and dropped: a specific FAQ without
 * the tag then lost to a general policy with it.
 *
 * @param serviceTypesByIntent for each service intent, the entry type codes that answer it; an
 *     intent not in the table is not reordered
 */
public record ServiceTopics(Map<String, Set<String>> serviceTypesByIntent) {
    private static final Set<String> POLICY_FAQ = Set.of("policy", "faq");

    /** The table for the demo router's service intents. */
    public static final ServiceTopics DEFAULT = new ServiceTopics(Map.of(
            "return_policy", POLICY_FAQ,
            "refund", POLICY_FAQ,
            "warranty", POLICY_FAQ,
            "delivery_time", POLICY_FAQ,
            "order_status", POLICY_FAQ,
            "payment", POLICY_FAQ,
            "invoice", POLICY_FAQ,
            "complaint", POLICY_FAQ,
            "promotions", Set.of("policy", "faq", "promotion")));

    public ServiceTopics {
        Checks.requireNonNull("serviceTypesByIntent", serviceTypesByIntent);
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        serviceTypesByIntent.forEach((intent, types) -> copy.put(intent, Set.copyOf(types)));
        serviceTypesByIntent = Map.copyOf(copy);
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
