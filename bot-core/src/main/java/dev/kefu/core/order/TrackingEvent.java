package dev.kefu.core.order;

import dev.kefu.core.Checks;
import java.time.Instant;

/**
 * One step of a parcel's journey, as the carrier reported it.
 *
 * @param at when it happened
 * @param status the carrier's short status ({@code in_transit}, {@code 已揽收}, ...)
 * @param description what happened, in the carrier's words
 */
public record TrackingEvent(Instant at, String status, String description) {
    public TrackingEvent {
        Checks.requireNonNull("event.at", at);
        Checks.requireText("event.status", status);
        Checks.requireText("event.description", description);
    }
}
