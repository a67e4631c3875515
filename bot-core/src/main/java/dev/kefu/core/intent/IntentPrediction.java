package dev.kefu.core.intent;

import dev.kefu.core.Checks;
import java.util.List;

/**
 * Stage ②c output: the top intent, the runners-up, and whether the message is out of scope.
 *
 * <p>An out-of-scope prediction still carries the best in-scope guess in {@link #runnersUp()} so
 * that agents and trainers can see what the router almost chose; {@link #top()} is then named
 * {@link #OUT_OF_SCOPE}.
 */
public record IntentPrediction(IntentScore top, List<IntentScore> runnersUp) {
    /** The label of the out-of-scope class. */
    public static final String OUT_OF_SCOPE = "oos";

    public IntentPrediction {
        Checks.requireNonNull("top", top);
        runnersUp = Checks.copyOf("runnersUp", runnersUp);
    }

    public boolean outOfScope() {
        return OUT_OF_SCOPE.equals(top.name());
    }

    public String name() {
        return top.name();
    }

    public double confidence() {
        return top.confidence();
    }
}
