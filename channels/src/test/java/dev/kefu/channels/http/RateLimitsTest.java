package dev.kefu.channels.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.kefu.core.config.LimitsConfig;
import dev.kefu.core.message.ShopperContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-06T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo(ErrorCodes.RATE_LIMITED);
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void should_let_a_minutes_worth_through_then_one_per_refill_and_say_when() {
        RateLimits limits = new RateLimits(new LimitsConfig(6, 0, 0, 0, 0), clock);
        ShopperContext anonymous = ShopperContext.anonymous();
        for (int i = 0; i < 6; i++) {
            limits.message("c1", anonymous);
        }
        ApiException refused = refusal(() -> limits.message("c1", anonymous));
        assertThat(refused.retryAfterSeconds()).isEqualTo(10); // one token per 10 s
        limits.message("c2", anonymous); // another conversation has its own bucket

        clock.now = clock.now.plus(Duration.ofSeconds(10));
        limits.message("c1", anonymous);
        refusal(() -> limits.message("c1", anonymous));
    }

    @Test
    void should_limit_a_verified_shopper_over_all_their_conversations() {
        RateLimits limits = new RateLimits(new LimitsConfig(0, 2, 0, 0, 0), clock);
        ShopperContext alice = new ShopperContext("alice", Set.of(), true);
        limits.message("c1", alice);
        limits.message("c2", alice);
        refusal(() -> limits.message("c3", alice));
        limits.message("c3", new ShopperContext("alice", Set.of(), false)); // a hint is nobody's bucket
    }

    @Test
    void should_turn_a_limit_off_with_zero_and_leave_in_process_callers_alone() {
        RateLimits limits = new RateLimits(new LimitsConfig(0, 0, 0, 0, 0), clock);
        assertThatCode(() -> {
                    for (int i = 0; i < 1000; i++) {
                        limits.address("10.0.0.1");
                        limits.message("c1", ShopperContext.anonymous());
                    }
                })
                .doesNotThrowAnyException();
        RateLimits on = new RateLimits(new LimitsConfig(1, 1, 1, 1, 1), clock);
        assertThatCode(() -> {
                    on.address(null);
                    on.address(null);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void should_hold_back_an_address_with_too_many_wrong_tokens_whatever_it_sends_next() {
        RateLimits limits = new RateLimits(new LimitsConfig(0, 0, 100, 0, 3), clock);
        for (int i = 0; i < 3; i++) {
            limits.beforeToken("10.0.0.1");
            limits.wrongToken("10.0.0.1");
        }
        assertThat(refusal(() -> limits.beforeToken("10.0.0.1")).retryAfterSeconds())
                .isEqualTo(20);
        limits.beforeToken("10.0.0.2");

        clock.now = clock.now.plus(Duration.ofSeconds(20));
        limits.beforeToken("10.0.0.1");
    }

    @Test
    void should_cap_the_conversations_an_address_has_waiting_until_one_is_served() {
        RateLimits limits = new RateLimits(new LimitsConfig(0, 0, 100, 2, 0), clock);
        Set<String> waiting = new java.util.HashSet<>(Set.of("q1", "q2"));
        limits.handedOff("10.0.0.1", "q1");
        limits.handedOff("10.0.0.1", "q2");

        refusal(() -> limits.queueRoom("10.0.0.1", "new", waiting::contains));
        limits.queueRoom("10.0.0.1", "q1", waiting::contains); // a waiting one still goes on
        limits.queueRoom("10.0.0.2", "new", waiting::contains);

        waiting.remove("q1"); // an agent took it
        limits.queueRoom("10.0.0.1", "new", waiting::contains);
    }

    @Test
    void should_not_cap_the_queue_when_the_limits_per_address_are_off() {
        RateLimits limits = new RateLimits(new LimitsConfig(0, 0, 0, 1, 0), clock);
        limits.handedOff("10.0.0.1", "q1");
        assertThatCode(() -> limits.queueRoom("10.0.0.1", "new", id -> true)).doesNotThrowAnyException();
    }
}
