package dev.kefu.core.slot.experiment;

import dev.kefu.core.Checks;
import dev.kefu.core.slot.SuppressionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What experiments are measured by: each exposure of a shopper to an arm (the holdout included:
 * it was eligible and shown nothing), and the storefront's events. Counts attribute a conversion
 * to an arm when the exposed shopper (or conversation) converted within the window after their
 * first exposure. Implementations are thread-safe and durable.
 */
public interface ExperimentLog {
    /**
     * Event types that count as a conversion: what the store's back end reports, never what a
     * browser may send (a click is counted as a click, not as a conversion).
     */
    Set<String> CONVERSIONS = Set.of("added_to_cart", "order_placed");
    /** A click on a marketing line's action in the widget. */
    String CLICK = "slot_clicked";
    /** An order; its {@code amount} adds to an arm's revenue. */
    String ORDER = "order_placed";

    void exposed(Exposure exposure);

    void event(StorefrontEvent event);

    /** The shopper's storefront events at or after {@code since}, oldest first. */
    List<StorefrontEvent> events(String shopperId, Instant since);

    /** The status trainers set for each experiment; an experiment missing here is running. */
    Map<String, Experiment.Status> statuses();

    /** An experiment's status: the one trainers set, or running. */
    default Experiment.Status statusOf(String experimentId) {
        return statuses().getOrDefault(experimentId, Experiment.Status.RUNNING);
    }

    /** Pauses, resumes or ends an experiment, recording who did it and when. */
    void status(String experimentId, Experiment.Status status, String actor, Instant at);

    /**
     * How many decisions since {@code since} dropped marketing slots, by guard-rail reason, from the
     * recorded decisions; reasons no decision gave are left out.
     */
    Map<SuppressionReason, Long> suppressions(Instant since);

    /**
     * Per arm: distinct shoppers exposed (each counted in the arm of their first exposure), what
     * they did within {@code window} after it, and how their exposed conversations went.
     */
    Map<String, ArmTally> tally(String experimentId, Duration window);

    /**
     * A shopper was eligible for an experiment's line and put in {@code arm}.
     *
     * @param shopperKey the shopper id, or the conversation id of an anonymous shopper
     */
    record Exposure(
            String experimentId, String arm, String scriptId, String shopperKey, String conversationId, Instant at) {
        public Exposure {
            Checks.requireAllText(
                    "exposure",
                    "experimentId arm scriptId shopperKey conversationId",
                    experimentId,
                    arm,
                    scriptId,
                    shopperKey,
                    conversationId);
            Checks.requireNonNull("exposure.at", at);
        }
    }

    /**
     * Something the shopper did on the storefront ({@code product_viewed}, {@code added_to_cart},
     * {@code order_placed}, {@code slot_clicked}, ...).
     *
     * @param amount the order or cart amount, or {@code null}
     */
    record StorefrontEvent(
            String shopperId, String type, String productId, Double amount, String conversationId, Instant at) {
        public StorefrontEvent {
            Checks.requireText("event.shopperId", shopperId);
            Checks.requireText("event.type", type);
            Checks.requireNonNull("event.at", at);
        }
    }
}
