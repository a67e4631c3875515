package dev.kefu.core.handoff;

import java.util.Optional;

/**
 * Stage ⑥: decides whether a person should take the conversation over. Returns the first trigger
 * that fired, or empty when the bot should reply. Pure and thread-safe.
 */
@FunctionalInterface
public interface HandoffPolicy {
    Optional<HandoffTrigger> evaluate(HandoffInput input);
}
