package dev.kefu.core.pipeline;

import dev.kefu.core.Checks;
import java.util.Locale;

/**
 * A button shown under a reply that does something when pressed, instead of the shopper typing.
 *
 * @param label what the button says, in the reply language
 * @param action what pressing it does
 */
public record QuickReply(String label, Action action) {
    public QuickReply {
        Checks.requireText("quickReply.label", label);
        Checks.requireNonNull("quickReply.action", action);
    }

    /** What a quick reply does; each has a stable code used on the wire. */
    public enum Action {
        /** Hands the conversation to a person (reason {@code shopper_accepted_offer}). */
        HANDOFF,
        /**
         * Confirms the after-sales action the reply proposed ({@link
         * dev.kefu.core.order.OrderActions#answer}); it is carried out once.
         */
        CONFIRM,
        /** Declines the after-sales action the reply proposed: nothing is done. */
        DECLINE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action with this code, or null. */
        public static Action of(String code) {
            for (Action action : values()) {
                if (action.code().equals(code)) {
                    return action;
                }
            }
            return null;
        }
    }
}
