package dev.kefu.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FollowLoopTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void should_keep_following_the_others_when_one_follower_fails() throws Exception {
        AtomicInteger failing = new AtomicInteger();
        CountDownLatch followed = new CountDownLatch(3);
        Map<String, Follower> followers = new LinkedHashMap<>();
        followers.put("broken", () -> {
            failing.incrementAndGet();
            throw new IOException("database away");
        });
        followers.put("scripts", () -> {
            followed.countDown();
            return false;
        });

        try (FollowLoop loop = new FollowLoop(followers, scheduler, Duration.ofMillis(10))) {
            assertThat(followed.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failing.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void should_follow_at_once_when_nudged() throws Exception {
        CountDownLatch followed = new CountDownLatch(1);
        Follower knowledge = () -> {
            followed.countDown();
            return true;
        };
        try (FollowLoop loop = new FollowLoop(Map.of("knowledge release", knowledge), scheduler, Duration.ofHours(1))) {
            loop.nudge();
            assertThat(followed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void should_drop_a_nudge_when_the_scheduler_is_shut_down() {
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        FollowLoop loop = new FollowLoop(Map.of("scripts", () -> false), stopped, Duration.ofHours(1));
        stopped.shutdownNow();

        loop.nudge(); // a notice that comes while the node stops: nothing to do, nothing thrown
        loop.close();
    }
}
