package dev.kefu.channels.shopper;

import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.identity.ConversationGate;
import dev.kefu.core.outreach.OutreachLog;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * A shopper's stop to outreach: from the widget (the "stop these messages" button under a message
 * Kefu sent first, an {@code optOut} frame, or {@code POST /api/v1/chat/{conversationId}/opt-out}),
 * or from the store's back end for its own channels ({@code POST /api/v1/shoppers/{shopperId}/opt-out}).
 * Kept for good: no outreach reaches the shopper again.
 */
public record OptOutApi(OutreachLog log, ConversationGate gate, Clock clock) {
    public record OptOutResponse(boolean optedOut) {}

    /** The shopper known by {@code shopperKey} (a verified id, else their conversation's id) opts out. */
    public void shopper(String shopperKey, String via) {
        log.optOut(shopperKey, via, clock.instant());
    }

    /** The shopper of a stored conversation {@code conversationId} (as the server knows them) opts out. */
    public void conversation(String conversationId, String via) {
        shopper(gate.shopperKey(conversationId), via);
    }

    /** {@code POST /api/v1/chat/{conversationId}/opt-out} (the route table admitted the conversation). */
    public void fromShopper(Context ctx) {
        conversation(ctx.pathParam("conversationId"), "widget");
        ctx.json(new OptOutResponse(true));
    }

    /** {@code POST /api/v1/shoppers/{shopperId}/opt-out} (store token). */
    public void fromStore(Context ctx) {
        String shopperId = ctx.pathParam("shopperId");
        if (shopperId.isBlank() || shopperId.length() > 128) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "shopperId must be 1..128 characters.");
        }
        log.optOut(shopperId, "store", clock.instant());
        ctx.json(new OptOutResponse(true));
    }
}
