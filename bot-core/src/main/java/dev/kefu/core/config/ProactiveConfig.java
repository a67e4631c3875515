package dev.kefu.core.config;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code proactive.*}: when Kefu may speak first (outreach). The rules themselves (triggers, lines,
 * experiments) are the trainers', in the {@code outreach:} section of the script library; these are
 * the store's limits around them.
 *
 * @param enabled whether the outreach timer runs at all
 * @param tickSeconds how often the timer looks for shoppers to reach
 * @param cartAbandonment the cart trigger's default wait
 * @param maxPerDay most outreach messages one shopper gets in 24 hours
 * @param repeatAfterDays a rule reaches the same shopper at most once in this many days
 * @param guardDays no outreach to a shopper who complained or was negative in this many days
 * @param negativeBelow a message whose sentiment score is below this counts as negative
 * @param quietStart the store's quiet hours begin (HH:mm, store time)
 * @param quietEnd the quiet hours end (HH:mm); equal to {@code quietStart} for none
 * @param zone the store's time zone, for quiet hours
 * @param webhookUrl where outreach goes for channels Kefu does not own (app push, SMS), retried
 *     like the hand-off webhook; {@code null} for none
 */
public record ProactiveConfig(
        boolean enabled,
        int tickSeconds,
        CartAbandonment cartAbandonment,
        int maxPerDay,
        int repeatAfterDays,
        int guardDays,
        double negativeBelow,
        String quietStart,
        String quietEnd,
        String zone,
        String webhookUrl) {

    /**
     * {@code proactive.cartAbandonment.*}.
     *
     * @param afterSeconds a cart is left when no order follows an {@code added_to_cart} for this long
     *     ({@code KEFU_PROACTIVE_CART_ABANDONMENT_AFTER_SECONDS}); a rule may set its own
     */
    public record CartAbandonment(int afterSeconds) {}

    void validate(List<String> errors) {
        Settings.range(errors, "proactive.tickSeconds", tickSeconds, 1, 3_600);
        if (cartAbandonment == null) {
            errors.add("proactive.cartAbandonment.afterSeconds must be set");
        } else {
            Settings.range(
                    errors, "proactive.cartAbandonment.afterSeconds", cartAbandonment.afterSeconds(), 1, 30 * 86_400);
        }
        Settings.range(errors, "proactive.maxPerDay", maxPerDay, 0, 100);
        Settings.range(errors, "proactive.repeatAfterDays", repeatAfterDays, 0, 3_650);
        Settings.range(errors, "proactive.guardDays", guardDays, 0, 365);
        Settings.within(errors, "proactive.negativeBelow", negativeBelow, -1, 1);
        time(errors, "proactive.quietStart", quietStart);
        time(errors, "proactive.quietEnd", quietEnd);
        try {
            ZoneId.of(zone == null ? "" : zone);
        } catch (DateTimeException e) {
            errors.add("proactive.zone must be a time zone such as Asia/Shanghai, was " + zone);
        }
        Settings.httpUrl(errors, "proactive.webhookUrl", webhookUrl);
    }

    private static void time(List<String> errors, String name, String value) {
        try {
            LocalTime.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            errors.add(name + " must be a time HH:mm, was " + value);
        }
    }

    public LocalTime quietFrom() {
        return LocalTime.parse(quietStart);
    }

    public LocalTime quietTo() {
        return LocalTime.parse(quietEnd);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
