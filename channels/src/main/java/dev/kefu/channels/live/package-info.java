/**
 * The live hub: every stored change of a conversation pushed to the sockets that show it (the
 * shopper's widget, the agent desks), as JSON frames, and the hand-off queue as agents see it
 * ({@link dev.kefu.channels.live.QueueView}, shared with the agent REST API). In a cluster, {@link
 * dev.kefu.channels.live.ClusterRelay} brings the changes other nodes stored to this node's sockets.
 * It imports the HTTP edge, the database's notices and bot-core only; the audience packages use it.
 */
package dev.kefu.channels.live;
