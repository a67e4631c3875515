/**
 * What the nodes of a cluster share besides conversations: releases (the published knowledge, the
 * edited scripts, the experiments' statuses) are kept in the shared database, and each node
 * {@link dev.kefu.core.shared.Follower follows} them: a cheap poll today ({@link
 * dev.kefu.core.shared.FollowLoop}), a database notice later ({@link
 * dev.kefu.core.shared.FollowLoop#nudge}).
 */
package dev.kefu.core.shared;
