package dev.kefu.core.order;

import dev.kefu.core.conversation.ActionRequest;

/**
 * The store's system that carries out a confirmed after-sales action ({@code orders.actionsUrl}).
 * Each call is one confirmation: {@code idempotencyKey} is the same when the same confirmation is
 * sent again, so the store acts once.
 */
public interface AfterSalesService {
    /**
     * Has the store do {@code request}.
     *
     * @return the store's reference for it (a return's number), or {@code null} when it gave none
     * @throws OrderSource.Unavailable when the service is down, slow, or refuses
     */
    String submit(ActionRequest request, String shopperId, String idempotencyKey);
}
