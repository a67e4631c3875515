package dev.kefu.core.order;

import dev.kefu.core.Checks;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One parcel of an order (an order may ship in several).
 *
 * @param carrier the carrier's name ({@code SF Express}, {@code 顺丰速运})
 * @param trackingNumber the carrier's tracking number
 * @param estimatedDelivery the day the carrier expects to deliver, or {@code null}
 * @param events the tracking events, in any order
 */
public record Shipment(String carrier, String trackingNumber, LocalDate estimatedDelivery, List<TrackingEvent> events) {
    public Shipment {
        Checks.requireText("shipment.carrier", carrier);
        Checks.requireText("shipment.trackingNumber", trackingNumber);
        events = Checks.copyOf("shipment.events", events);
    }

    /** The latest tracking event, if the carrier reported any. */
    public Optional<TrackingEvent> latest() {
        return events.stream().max(Comparator.comparing(TrackingEvent::at));
    }

    /** The events, oldest first (the timeline a card shows). */
    public List<TrackingEvent> timeline() {
        return events.stream().sorted(Comparator.comparing(TrackingEvent::at)).toList();
    }
}
