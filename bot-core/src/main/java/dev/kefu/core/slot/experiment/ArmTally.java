package dev.kefu.core.slot.experiment;

/**
 * What one arm's shoppers did after their first exposure, within the attribution window, and how
 * their conversations went: sales and service side by side, so a line that sells but upsets
 * shoppers shows up as such.
 *
 * @param exposures distinct shoppers exposed to the arm
 * @param clicks of those, shoppers who clicked a marketing line ({@code slot_clicked})
 * @param conversions of those, shoppers with any conversion event ({@link ExperimentLog#CONVERSIONS})
 * @param orders of those, shoppers who placed an order ({@code order_placed})
 * @param revenue the sum of those orders' amounts (orders without an amount add nothing)
 * @param conversations the conversations in which the arm was shown (or held back)
 * @param handoffs of those, conversations handed to a person after the first exposure
 * @param ratings satisfaction ratings given in those conversations after the first exposure
 * @param ratingSum the sum of those ratings' scores (1-5 each)
 * @param thumbsDown of those conversations, the ones with an answer marked "didn't help" after the
 *     first exposure
 */
public record ArmTally(
        long exposures,
        long clicks,
        long conversions,
        long orders,
        double revenue,
        long conversations,
        long handoffs,
        long ratings,
        long ratingSum,
        long thumbsDown) {
    public ArmTally {
        requireWithin("conversions", conversions, "exposures", exposures);
        requireWithin("clicks", clicks, "exposures", exposures);
        requireWithin("orders", orders, "exposures", exposures);
        if (!(revenue >= 0 && Double.isFinite(revenue))) {
            throw new IllegalArgumentException("revenue must be finite and >= 0, was " + revenue);
        }
        requireWithin("handoffs", handoffs, "conversations", conversations);
        requireWithin("thumbsDown", thumbsDown, "conversations", conversations);
        if (ratings < 0 || ratingSum < ratings || ratingSum > 5 * ratings) {
            throw new IllegalArgumentException(
                    "ratingSum must be within 1..5 per rating, was " + ratingSum + " for " + ratings + " ratings");
        }
    }

    private static void requireWithin(String part, long count, String whole, long total) {
        if (total < 0 || count < 0 || count > total) {
            throw new IllegalArgumentException(
                    "must hold 0 <= " + part + " <= " + whole + ", was " + count + " " + part + " of " + total);
        }
    }

    /** An arm nobody has been exposed to yet. */
    public static final ArmTally EMPTY = new ArmTally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The counts the conversion statistics are computed from. */
    public ExperimentStats.Counts counts() {
        return new ExperimentStats.Counts(exposures, conversions);
    }

    /** {@code handoffs / conversations}, 0 without conversations. */
    public double handoffRate() {
        return Proportions.rate(conversations, handoffs);
    }

    /** {@code thumbsDown / conversations}, 0 without conversations. */
    public double thumbsDownRate() {
        return Proportions.rate(conversations, thumbsDown);
    }

    /** The mean satisfaction rating, or {@code null} without ratings. */
    public Double meanRating() {
        return ratings == 0 ? null : (double) ratingSum / ratings;
    }
}
