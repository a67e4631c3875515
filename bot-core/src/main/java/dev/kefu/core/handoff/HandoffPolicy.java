package dev.kefu.core.handoff;

import java.util.Optional;

/**
 * Stage ⑥: decides whether a person should take the conversation over. Returns the first trigger
 * that fired, or empty when the bot should reply; when it replies, {@link #offer} says whether the
 * reply should also offer a person. Pure and thread-safe.
 */
@FunctionalInterface
public interface HandoffPolicy {
    Optional<HandoffTrigger> evaluate(HandoffInput input);

    /**
     * For a message the bot answers ({@link #evaluate} was empty): why a person should be offered
     * with the answer (mild frustration, a message that may be a complaint), or empty. The shopper
     * decides; accepting hands off with {@link HandoffReason#SHOPPER_ACCEPTED_OFFER}. None by
     * default.
     */
    default Optional<HandoffTrigger> offer(HandoffInput input) {
        return Optional.empty();
    }
}
