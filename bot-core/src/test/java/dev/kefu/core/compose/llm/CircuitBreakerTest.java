package dev.kefu.core.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.compose.llm.CircuitBreaker.State;
import dev.kefu.core.contract.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void should_open_after_the_threshold_let_one_trial_through_after_the_wait_and_close_or_reopen_on_its_outcome() {
        MutableClock clock = new MutableClock(T0);
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

        for (int i = 0; i < 2; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.failure();
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.success(); // a success in between starts the count again
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.failure();
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();

        clock.set(T0.plusSeconds(29));
        assertThat(breaker.tryAcquire()).as("still open").isFalse();
        clock.set(T0.plusSeconds(30));
        assertThat(breaker.tryAcquire()).as("the trial").isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("one trial at a time").isFalse();
        breaker.failure();
        assertThat(breaker.state()).as("a failed trial opens it again").isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();

        clock.set(T0.plusSeconds(61));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.success();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).as("closed: no limit").isTrue();
    }

    @Test
    void should_refuse_settings_that_cannot_work() {
        assertThatThrownBy(() -> new CircuitBreaker(0, Duration.ofSeconds(1), Clock.systemUTC()))
                .hasMessageContaining("failures must be >= 1");
        assertThatThrownBy(() -> new CircuitBreaker(1, Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("openFor must be positive");
    }
}
