package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.message.ShopperContext;

/**
 * A conversation that went to a person, as the queue and an agent's list show it: its ticket, its
 * shopper and the shopper's latest words, not its transcript. On a busy day thousands wait, and
 * the queue is listed on every change for every open desk, so a database reads these from the
 * conversation rows instead of every message of every waiting conversation.
 *
 * @param lastShopperText the shopper's latest message, or {@code ""} if they wrote none
 */
public record HandoffListing(
        String id, ConversationState state, ShopperContext shopper, HandoffTicket ticket, String lastShopperText) {
    public HandoffListing {
        Checks.requireAllNonNull(
                "handed-off conversation",
                "id state shopper ticket lastShopperText",
                id,
                state,
                shopper,
                ticket,
                lastShopperText);
    }

    /** The listing of a conversation that has a ticket. */
    public static HandoffListing of(Conversation c) {
        String last = "";
        for (int i = c.messages().size() - 1; i >= 0; i--) {
            if (c.messages().get(i).from() == Speaker.SHOPPER) {
                last = c.messages().get(i).text();
                break;
            }
        }
        return new HandoffListing(c.id(), c.state(), c.shopper(), c.ticket(), last);
    }

    /** The agent who has the conversation, or null while it waits. */
    public String owner() {
        return state == ConversationState.AGENT ? ticket.agent() : null;
    }
}
