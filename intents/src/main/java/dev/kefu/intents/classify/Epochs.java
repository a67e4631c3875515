package dev.kefu.intents.classify;

import java.util.Random;

/**
 * The example order of stochastic training: a fresh seeded permutation per epoch, so training is
 * reproducible for a seed. Not thread-safe; one per training run.
 */
final class Epochs {
    private final int[] order;
    private final Random random;

    Epochs(int examples, long seed) {
        this.order = new int[examples];
        for (int i = 0; i < examples; i++) {
            order[i] = i;
        }
        this.random = new Random(seed);
    }

    /** The example indices in this epoch's order (Fisher-Yates shuffle of the previous order). */
    int[] next() {
        for (int i = order.length - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        return order;
    }
}
