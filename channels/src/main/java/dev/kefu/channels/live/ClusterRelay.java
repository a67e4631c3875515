package dev.kefu.channels.live;

import dev.kefu.channels.jdbc.ClusterNotices;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationObserver;
import dev.kefu.core.conversation.ConversationStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live relay between nodes: every change this node stores is announced on {@link #CHANNEL}
 * (the conversation's id and message count, and whether the queue moved), and every other node
 * reads that conversation from the store and pushes what its sockets lack ({@link
 * LiveHub#changedElsewhere}). The notice carries no content: the store is the source of truth, so a
 * lost notice is healed by the next one, by a socket's resume ({@code after=seq}), and after the
 * listening connection was lost, by reading every followed conversation afresh.
 *
 * <p>Reads run on one thread, in the order the notices came, so a socket never gets an older read
 * after a newer one.
 */
public record ClusterRelay(ClusterNotices notices, ConversationStore store, LiveHub hub, ExecutorService reader)
        implements ConversationObserver, ClusterNotices.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRelay.class);
    /** The notices' channel: {@code <q|-><message count>:<conversation id>}. */
    public static final String CHANNEL = "kefu_conversations";

    /**
     * Relays between this node's {@code hub} and the other nodes; observe the store with the result.
     *
     * @param reader one thread that reads the conversations other nodes changed
     */
    public static ClusterRelay start(
            ClusterNotices notices, ConversationStore store, LiveHub hub, ExecutorService reader) {
        ClusterRelay relay = new ClusterRelay(notices, store, hub, reader);
        notices.subscribe(CHANNEL, relay);
        return relay;
    }

    @Override
    public void changed(Conversation conversation, List<ConversationEvent> events) {
        String notice = (LiveHub.changesQueue(conversation, events) ? "q" : "-")
                + conversation.messages().size() + ":" + conversation.id();
        try {
            notices.publish(CHANNEL, notice);
        } catch (RuntimeException e) { // stored already: the other nodes catch up with the next notice
            LOG.warn("cluster: announcing a change of conversation {} failed", conversation.id(), e);
        }
    }

    @Override
    public void notice(String message) {
        int colon = message.indexOf(':');
        if (colon < 2) {
            LOG.debug("cluster: a notice not of this relay: {}", message);
            return;
        }
        boolean queue = message.charAt(0) == 'q';
        String id = message.substring(colon + 1);
        read(() -> store.find(id).ifPresent(c -> hub.changedElsewhere(c, queue)));
    }

    @Override
    public void missed() {
        read(() -> {
            for (String id : hub.followed()) {
                store.find(id).ifPresent(c -> hub.changedElsewhere(c, false));
            }
            hub.refreshQueue();
        });
    }

    private void read(Runnable task) {
        try {
            reader.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("cluster: reading a change another node stored failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("cluster: shutting down, a notice is dropped");
        }
    }
}
