package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops asking a failing model (or the store's order service) for a while, so that an outage costs shoppers nothing: after
 * {@code failures} failures in a row the circuit opens and every answer takes the template at
 * once; after {@code openFor} one trial call is let through (half-open), and its outcome closes
 * the circuit or opens it again. Time comes from the injected clock. Thread-safe.
 */
public final class CircuitBreaker {
    /** Where the circuit stands. */
    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failures, Duration openFor, Clock clock) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1, was " + failures);
        }
        if (openFor == null || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("openFor must be positive, was " + openFor);
        }
        this.threshold = failures;
        this.openFor = openFor;
        this.clock = Checks.requireNonNull("clock", clock);
    }

    /**
     * Whether the model may be asked now; a {@code true} must be followed by {@link #success()} or
     * {@link #failure()}.
     */
    public synchronized boolean tryAcquire() {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> {
                if (clock.instant().isBefore(openedAt.plus(openFor))) {
                    yield false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                yield true;
            }
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public synchronized void failure() {
        failures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    /** Whether calls are being refused: open, or half-open with its one trial call out (metrics). */
    public synchronized boolean isOpen() {
        return state == State.OPEN || (state == State.HALF_OPEN && trialInFlight);
    }

    synchronized State state() {
        return state;
    }
}
