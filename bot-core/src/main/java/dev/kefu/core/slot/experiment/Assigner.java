package dev.kefu.core.slot.experiment;

import dev.kefu.core.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Puts a shopper in an arm of an experiment, without storing anything.
 *
 * <p>The arm is a pure function of the experiment id, the shopper key and the weights: the first 8
 * bytes (big-endian) of SHA-256 over the UTF-8 bytes of {@code experimentId + ":" + shopperKey}
 * give a uniform number {@code u} in [0, 1), and {@code u} picks the arm by walking the
 * cumulative normalised weights, variants in their listed order and the holdout last. SHA-256 is
 * used, not {@link String#hashCode()}, because it is specified independently of the JVM, spreads
 * similar keys ({@code shopper-1}, {@code shopper-2}) evenly, and is always available. So a shopper
 * keeps their arm across calls, servers and restarts, and a conversation can be attributed later
 * from the key alone. Hashing the experiment id with the key keeps arms independent between
 * experiments: the shoppers in one experiment's holdout are not the same in every other.
 *
 * <p>Changing the weights (or the variant order) moves the boundaries, so the shoppers near a
 * moved boundary change arm; their exposures before and after the change should not be mixed.
 * Status is ignored: whether a paused experiment still shows lines is for serving to decide, and a
 * resumed experiment gives everyone their old arm back.
 *
 * <p>Stateless and thread-safe.
 */
public final class Assigner {
    /** 2^-53: turns the top 53 bits of the hash into a double in [0, 1) without rounding up to 1. */
    private static final double UNIT = 0x1.0p-53;

    /** The variant id, or {@link Experiment#HOLDOUT}, for this shopper. */
    public String assign(Experiment experiment, String shopperKey) {
        Checks.requireNonNull("experiment", experiment);
        Checks.requireText("shopperKey", shopperKey);
        double target = unit(experiment.id() + ":" + shopperKey) * experiment.totalWeight();
        double cumulative = 0;
        String lastPositive = null;
        // Strict "<" never picks a zero-weight arm: its cumulative bound equals the previous one.
        for (Variant variant : experiment.variants()) {
            if (variant.weight() > 0) {
                cumulative += variant.weight();
                lastPositive = variant.id();
                if (target < cumulative) {
                    return variant.id();
                }
            }
        }
        if (experiment.holdoutWeight() > 0) {
            return Experiment.HOLDOUT;
        }
        // Only reached when rounding left target at or above the variants' sum.
        return lastPositive;
    }

    /** A uniform double in [0, 1) from the first 8 bytes of SHA-256 of the UTF-8 text. */
    static double unit(String text) {
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xFF);
        }
        return (hash >>> 11) * UNIT;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
