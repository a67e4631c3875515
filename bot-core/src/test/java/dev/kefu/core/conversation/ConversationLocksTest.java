package dev.kefu.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConversationLocksTest {
    @Test
    void should_keep_a_conversation_waiting_while_several_are_held_together() throws Exception {
        ConversationLocks locks = new StripedConversationLocks(16, null);
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread erasure = new Thread(() -> locks.withLocks(List.of("c-1", "c-2", "c-1"), () -> {
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return order.add("erased");
        }));
        erasure.start();
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        Thread chat = new Thread(() -> locks.withLock("c-2", () -> order.add("saved")));
        chat.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (chat.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(chat.getState()).as("c-2 waits for the erasure").isEqualTo(Thread.State.WAITING);

        release.countDown();
        erasure.join(10_000);
        chat.join(10_000);
        assertThat(order).containsExactly("erased", "saved");
    }

    @Test
    void should_not_deadlock_when_two_callers_take_the_same_conversations_in_opposite_orders() throws Exception {
        ConversationLocks locks = new StripedConversationLocks(4, null);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(
                    threads.submit(() -> repeat(locks, List.of("a", "b", "c", "d"))),
                    threads.submit(() -> repeat(locks, List.of("d", "c", "b", "a"))));
            for (Future<Integer> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void should_refuse_as_busy_when_the_lock_is_not_free_in_time() throws Exception {
        ConversationLocks locks = new StripedConversationLocks(16, Duration.ofMillis(100));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> locks.withLock("c-1", () -> {
            held.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }));
        holder.start();
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> locks.withLock("c-1", () -> "changed"))
                    .isInstanceOfSatisfying(ConversationBusyException.class, e -> assertThat(e.conversationIds())
                            .containsExactly("c-1"));
        } finally {
            release.countDown();
            holder.join(10_000);
        }
        assertThat(locks.withLock("c-1", () -> locks.withLock("c-1", () -> "nested")))
                .as("the thread that holds the lock takes it again")
                .isEqualTo("nested");
    }

    private static int repeat(ConversationLocks locks, List<String> ids) {
        int done = 0;
        for (int i = 0; i < 2_000; i++) {
            done += locks.withLocks(ids, () -> 1);
        }
        return done;
    }
}
