package dev.kefu.core.outreach;

import dev.kefu.core.Checks;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.Variant;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One outreach rule of the script library: when it fires, what it says, how it is measured.
 *
 * @param id the rule's id (also the experiment's script id)
 * @param trigger what fires it
 * @param after how long the trigger must hold (time on the page, the cart left, days since
 *     delivery); {@code null} for a cart rule means {@code proactive.cartAbandonment.afterSeconds},
 *     and is always {@code null} for a tag rule
 * @param tag the tag a {@link Trigger#TAG} rule looks for, else {@code null}
 * @param quietHours whether the rule is written for the store's quiet hours: it then runs only in
 *     them; every other rule never runs in them
 * @param experiment the experiment id that measures it
 * @param holdout the share of eligible shoppers who get nothing (the control), in [0, 1)
 * @param lines the line by language ({@code en}, {@code zh}); {@code {product.name}} is filled in
 * @param channels where it may go, in order of preference
 */
public record OutreachRule(
        String id,
        Trigger trigger,
        Duration after,
        String tag,
        boolean quietHours,
        String experiment,
        double holdout,
        Map<String, String> lines,
        List<Channel> channels) {
    /** The arm that gets the message. */
    public static final String MESSAGE_ARM = "message";

    public OutreachRule {
        Checks.requireAllText("outreach rule", "id experiment", id, experiment);
        Checks.requireNonNull("outreach rule.trigger", trigger);
        if (!(holdout >= 0 && holdout < 1)) {
            throw new IllegalArgumentException("outreach rule.holdout must be in [0, 1), was " + holdout);
        }
        lines = Map.copyOf(lines);
        channels = Checks.copyOf("outreach rule.channels", channels);
        if (lines.isEmpty() || channels.isEmpty()) {
            throw new IllegalArgumentException("outreach rule needs lines and channels");
        }
    }

    /** The rule's experiment: one arm that gets the message, and the holdout. */
    public Experiment experimentOf(Experiment.Status status) {
        return new Experiment(experiment, id, List.of(new Variant(MESSAGE_ARM, 1 - holdout)), holdout, status);
    }

    /** The line in {@code language}, else the other one. */
    public String line(String language) {
        String own = lines.get(language);
        return own != null ? own : lines.getOrDefault("zh".equals(language) ? "en" : "zh", "");
    }
}
