package dev.kefu.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.message.ShopperContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineConversationStoreTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void should_forget_conversation_when_idle_longer_than_expiry() {
        CaffeineConversationStore store = new CaffeineConversationStore(10, Duration.ofMinutes(30), nanos::get);
        store.save(Conversation.start("c-1", ShopperContext.anonymous(), Fixtures.T0));

        nanos.addAndGet(Duration.ofMinutes(29).toNanos());
        assertThat(store.find("c-1")).isPresent();
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());
        assertThat(store.find("c-1")).isEmpty();
    }

    @Test
    void should_stay_within_bound_when_more_conversations_arrive() {
        CaffeineConversationStore store = new CaffeineConversationStore(5, Duration.ofHours(1), nanos::get);
        for (int i = 0; i < 50; i++) {
            store.save(Conversation.start("c-" + i, ShopperContext.anonymous(), Fixtures.T0));
        }
        assertThat(store.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void should_reject_invalid_bounds_when_built() {
        assertThatThrownBy(() -> new CaffeineConversationStore(0, Duration.ofHours(1), nanos::get))
                .hasMessageContaining("maxConversations");
        assertThatThrownBy(() -> new CaffeineConversationStore(5, Duration.ZERO, nanos::get))
                .hasMessageContaining("idleExpiry");
    }
}
