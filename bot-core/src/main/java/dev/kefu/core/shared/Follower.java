package dev.kefu.core.shared;

import java.io.IOException;

/** Brings one thing this node serves up to the newest release another node stored. */
@FunctionalInterface
public interface Follower {
    /** @return whether something newer was found and is in use now */
    boolean follow() throws IOException;
}
