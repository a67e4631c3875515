package dev.kefu.core.cluster;

import dev.kefu.core.conversation.ConversationLocks;

/**
 * What this node shares with the other nodes of the service (the nodes on one database and
 * schema): the conversations' locks, so one node at a time changes a conversation, and the
 * timers' lease, so the queue's overdue check and the retention run on one node only.
 */
public interface Cluster extends AutoCloseable {
    /** This node. */
    NodeId self();

    /** {@code true} when no other node can share this node's conversations (the embedded database). */
    boolean alone();

    /** The conversations' locks every writer of this node takes. */
    ConversationLocks locks();

    /**
     * Whether this node runs the service's timers now (it holds their lease); ask before every run,
     * the answer changes when a node stops or starts.
     */
    boolean runsTimers();

    /** Gives up the lease (another node takes the timers at once) and frees what the cluster holds. */
    @Override
    void close();

    /** A node alone: locks in memory, and it runs the timers. */
    static Cluster alone(NodeId self) {
        ConversationLocks locks = ConversationLocks.inProcess();
        return new Cluster() {
            @Override
            public NodeId self() {
                return self;
            }

            @Override
            public boolean alone() {
                return true;
            }

            @Override
            public ConversationLocks locks() {
                return locks;
            }

            @Override
            public boolean runsTimers() {
                return true;
            }

            @Override
            public void close() {}
        };
    }
}
