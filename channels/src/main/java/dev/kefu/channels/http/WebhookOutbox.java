package dev.kefu.channels.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Where webhook posts wait until their receiver takes them: a table every node of the service
 * shares, so a pending retry outlives the node that made the post ({@code
 * dev.kefu.channels.jdbc.JdbcWebhookOutbox}). {@link WebhookPoster} adds, {@link WebhookDrain}
 * delivers.
 */
public interface WebhookOutbox {
    /**
     * A post waiting for delivery.
     *
     * @param attempts the attempts begun so far
     */
    record Pending(long id, String event, String idempotencyKey, URI url, String body, int attempts) {}

    /**
     * Whom a post is about, so that a shopper's erasure finds the posts still waiting that carry
     * their data.
     *
     * @param conversationId the conversation it tells of, or {@code null}
     * @param shopperId the shopper it names, or {@code null}
     */
    record About(String conversationId, String shopperId) {
        /** A post about no one in particular. */
        public static About nobody() {
            return new About(null, null);
        }
    }

    /**
     * Adds a post, due at {@code at}.
     *
     * @return false if a post with this idempotency key is waiting already (this one is ignored)
     */
    boolean add(String event, String idempotencyKey, About about, URI url, String body, Instant at);

    /** At most {@code limit} posts due at {@code now}, the longest due first. */
    List<Pending> due(Instant now, int limit);

    /**
     * Begins an attempt on {@code pending}: counts it and makes the post due again only at {@code
     * until} (so a drainer that dies meanwhile leaves it to another), unless another drainer began
     * one since {@code pending} was read.
     *
     * @return whether this drainer may post it
     */
    boolean claim(Pending pending, Instant until);

    /** Makes the post due again at {@code at}, after a failed attempt. */
    void retryAt(long id, Instant at);

    /** Removes the post: delivered, or given up. */
    void remove(long id);
}
