package dev.kefu.core.conversation;

import dev.kefu.core.Checks;

/**
 * An action the bot proposed and the shopper has not answered yet: bot message {@code seq} stated
 * what will happen and showed the confirm and decline quick replies.
 *
 * @param seq the sequence number of the bot message that proposed it
 * @param request what will be done
 */
public record ActionProposal(long seq, ActionRequest request) {
    public ActionProposal {
        Checks.requirePositive("actionProposal.seq", seq);
        Checks.requireNonNull("actionProposal.request", request);
        Checks.requireText("actionProposal.request.orderNo", request.orderNo());
    }

    /**
     * The stable id of this proposal's confirmation, sent to the store's service as the {@code
     * Idempotency-Key}: the same for a retry of the same confirmation, different for any other.
     */
    public String idempotencyKey(String conversationId) {
        return Checks.requireText("conversationId", conversationId) + ":" + seq;
    }
}
