package dev.kefu.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads of a pool ({@code kefu-stage-1}, {@code kefu-stage-2}, ...) and makes them
 * daemons, so a thread dump says whose each thread is and a forgotten pool never keeps the process
 * alive. The pool's owner still shuts it down.
 */
public final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    /** @param name the pool's name, to which each thread adds its number */
    public DaemonThreads(String name) {
        this.name = Checks.requireText("name", name);
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
