/**
 * Several nodes as one service: a {@link dev.kefu.core.cluster.Cluster} is what a node shares with
 * the others on its database (the conversations' locks, which node runs the timers). A node on the
 * embedded database is alone ({@link dev.kefu.core.cluster.Cluster#alone}); the shared one is in
 * {@code channels} (PostgreSQL).
 */
package dev.kefu.core.cluster;
