package dev.kefu.intents.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A classifier on dense vectors (sentence embeddings): multinomial logistic regression, or with
 * {@code hidden > 0} a network with one ReLU layer of that many units before the softmax. Trained
 * by mini-batch Adam with L2 regularisation on standardised inputs (the training set's mean and
 * standard deviation). Deterministic for a given seed. An immutable trained model; thread-safe.
 *
 * <p>Why the hidden layer: frozen sentence embeddings are not linearly separable for every task.
 * On SST-2, one layer of 256 units over bge-small-en raises validation accuracy by about 1.5
 * points over logistic regression, while costing well under a millisecond per message.
 */
final class DenseHead {
    private final int classes;
    private final int dimension;
    private final int hidden;
    private final float[] w1; // [hidden][dimension], empty without a hidden layer
    private final float[] b1;
    private final float[] w2; // [classes][hidden or dimension]
    private final float[] b2;
    private final float[] mean;
    private final float[] scale;
    // Inference copies of the weights, input-major ([dimension][hidden], [width][classes]): the
    // forward pass then adds one input's column to all outputs at once, a loop the JIT vectorises,
    // with each output's sum taken in the same order as the training pass (so identical results).
    private final float[] w1ByInput;
    private final float[] w2ByInput;

    private DenseHead(
            int classes,
            int dimension,
            int hidden,
            float[] w1,
            float[] b1,
            float[] w2,
            float[] b2,
            float[] mean,
            float[] scale) {
        this.classes = classes;
        this.dimension = dimension;
        this.hidden = hidden;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.mean = mean;
        this.scale = scale;
        this.w1ByInput = transpose(w1, hidden, dimension);
        this.w2ByInput = transpose(w2, classes, hidden > 0 ? hidden : dimension);
    }

    private static float[] transpose(float[] matrix, int rows, int columns) {
        float[] t = new float[matrix.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = matrix[r * columns + c];
            }
        }
        return t;
    }

    /**
     * Training settings; validated.
     *
     * @param hidden units of the hidden layer, 0 for logistic regression
     * @param epochs passes over the data (the most, when validation data stops training earlier)
     */
    record Settings(int hidden, int epochs, int batchSize, double learningRate, double l2, long seed) {
        Settings {
            if (hidden < 0 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("invalid dense head settings: " + hidden + " hidden, " + epochs
                        + " epochs, batch " + batchSize + ", learning rate " + learningRate + ", l2 " + l2);
            }
        }

        Settings withEpochs(int value) {
            return new Settings(hidden, value, batchSize, learningRate, l2, seed);
        }

        Settings withHidden(int value) {
            return new Settings(value, epochs, batchSize, learningRate, l2, seed);
        }
    }

    /** A trained head and the number of epochs it was trained for. */
    record Fit(DenseHead head, int epochs) {}

    /** Trains for exactly {@code settings.epochs()} epochs. */
    static DenseHead train(float[][] x, int[] y, int classes, Settings settings) {
        return train(x, y, classes, settings, null, null).head();
    }

    /**
     * Trains, and when validation vectors are given keeps the epoch with the lowest validation
     * log-loss (stopping after three epochs without improvement), so the number of epochs is a
     * decision made on validation data like every other.
     */
    static Fit train(float[][] x, int[] y, int classes, Settings settings, float[][] validX, int[] validY) {
        int n = x.length;
        int d = x[0].length;
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                float c = row[j] - mean[j];
                scale[j] += c * c / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = (float) (1.0 / Math.sqrt(scale[j] + 1e-8));
        }
        float[][] z = new float[n][];
        for (int i = 0; i < n; i++) {
            z[i] = standardise(x[i], mean, scale);
        }
        int h = settings.hidden();
        int in = h > 0 ? h : d;
        java.util.Random init = new java.util.Random(settings.seed());
        float[] w1 = new float[h * d];
        float[] b1 = new float[h];
        float he = (float) Math.sqrt(2.0 / d);
        for (int k = 0; k < w1.length; k++) {
            w1[k] = (float) init.nextGaussian() * he;
        }
        float[] w2 = new float[classes * in];
        if (h > 0) {
            float glorot = (float) Math.sqrt(1.0 / h);
            for (int k = 0; k < w2.length; k++) {
                w2[k] = (float) init.nextGaussian() * glorot;
            }
        }
        float[] b2 = new float[classes];
        float[][] params = {w1, b1, w2, b2};
        Adam adam = new Adam(params, settings.learningRate(), settings.l2());
        Average average = new Average(params);
        float[][] grads = {new float[w1.length], new float[b1.length], new float[w2.length], new float[b2.length]};
        float[] activation = new float[in];
        float[] hiddenGrad = new float[Math.max(h, 1)];
        double[] out = new double[classes];

        Epochs epochs = new Epochs(n, settings.seed());
        DenseHead best = null;
        int bestEpochs = settings.epochs();
        double bestLoss = Double.MAX_VALUE;
        int sinceBest = 0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            int[] order = epochs.next();
            for (int start = 0; start < n; start += settings.batchSize()) {
                int end = Math.min(n, start + settings.batchSize());
                for (float[] g : grads) {
                    Arrays.fill(g, 0f);
                }
                for (int p = start; p < end; p++) {
                    float[] row = z[order[p]];
                    forward(w1, b1, w2, b2, h, d, classes, row, activation, out);
                    out[y[order[p]]] -= 1.0; // d(loss)/d(logit) = p - onehot
                    if (h > 0) {
                        Arrays.fill(hiddenGrad, 0f);
                    }
                    for (int c = 0; c < classes; c++) {
                        float g = (float) out[c];
                        grads[3][c] += g;
                        int offset = c * in;
                        for (int j = 0; j < in; j++) {
                            grads[2][offset + j] += g * activation[j];
                        }
                        if (h > 0) {
                            for (int j = 0; j < h; j++) {
                                hiddenGrad[j] += g * w2[offset + j];
                            }
                        }
                    }
                    for (int j = 0; j < h; j++) {
                        if (activation[j] <= 0f) {
                            continue; // ReLU passes no gradient
                        }
                        float g = hiddenGrad[j];
                        grads[1][j] += g;
                        int offset = j * d;
                        for (int k = 0; k < d; k++) {
                            grads[0][offset + k] += g * row[k];
                        }
                    }
                }
                adam.step(grads, 1f / (end - start));
                average.update(params);
            }
            if (validX != null && validX.length > 0) {
                float[][] a = average.values();
                DenseHead snapshot = new DenseHead(
                        classes, d, h, a[0].clone(), a[1].clone(), a[2].clone(), a[3].clone(), mean, scale);
                double loss = snapshot.logLoss(validX, validY);
                if (loss < bestLoss - 1e-9) {
                    bestLoss = loss;
                    best = snapshot;
                    bestEpochs = epoch;
                    sinceBest = 0;
                } else if (++sinceBest >= 3) {
                    break;
                }
            }
        }
        if (best == null) {
            float[][] a = average.values();
            best = new DenseHead(classes, d, h, a[0], a[1], a[2], a[3], mean, scale);
        }
        return new Fit(best, bestEpochs);
    }

    /** Mean negative log-likelihood of the gold classes; examples labelled -1 are skipped. */
    private double logLoss(float[][] x, int[] y) {
        double loss = 0;
        int counted = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] >= 0) {
                loss -= logProbabilities(x[i])[y[i]];
                counted++;
            }
        }
        return loss / Math.max(1, counted);
    }

    /** Class log-probabilities of one vector. */
    double[] logProbabilities(float[] vector) {
        double[] p = probabilities(vector);
        for (int c = 0; c < classes; c++) {
            p[c] = Math.log(Math.max(p[c], 1e-12));
        }
        return p;
    }

    /**
     * The inference pass: the same sums as {@link #forward} (each output's terms added in the same
     * order, skipping only the zero activations that add nothing), but input-major over the
     * transposed weights, so the inner loops run over contiguous memory and vectorise, and the
     * input is standardised on the fly.
     */
    double[] probabilities(float[] vector) {
        int width = hidden > 0 ? hidden : dimension;
        float[] activation = new float[width];
        if (hidden > 0) {
            System.arraycopy(b1, 0, activation, 0, hidden);
            for (int k = 0; k < dimension; k++) {
                float x = (vector[k] - mean[k]) * scale[k];
                int offset = k * hidden;
                for (int j = 0; j < hidden; j++) {
                    activation[j] += w1ByInput[offset + j] * x;
                }
            }
            for (int j = 0; j < hidden; j++) {
                activation[j] = Math.max(0f, activation[j]);
            }
        } else {
            for (int k = 0; k < dimension; k++) {
                activation[k] = (vector[k] - mean[k]) * scale[k];
            }
        }
        float[] logits = b2.clone();
        for (int j = 0; j < width; j++) {
            float a = activation[j];
            if (a == 0f) {
                continue;
            }
            int offset = j * classes;
            for (int c = 0; c < classes; c++) {
                logits[c] += w2ByInput[offset + c] * a;
            }
        }
        double[] out = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            out[c] = logits[c];
            max = Math.max(max, logits[c]);
        }
        softmaxInPlace(out, max);
        return out;
    }

    /** The training pass's probabilities (row-major, standardised copy): what {@link #probabilities} must equal. */
    double[] trainingPassProbabilities(float[] vector) {
        double[] p = new double[classes];
        forward(
                w1,
                b1,
                w2,
                b2,
                hidden,
                dimension,
                classes,
                standardise(vector, mean, scale),
                new float[hidden > 0 ? hidden : dimension],
                p);
        return p;
    }

    int dimension() {
        return dimension;
    }

    private static float[] standardise(float[] vector, float[] mean, float[] scale) {
        float[] row = new float[vector.length];
        for (int j = 0; j < row.length; j++) {
            row[j] = (vector[j] - mean[j]) * scale[j];
        }
        return row;
    }

    /** Fills {@code activation} (the hidden layer, or the input itself) and the class probabilities. */
    private static void forward(
            float[] w1,
            float[] b1,
            float[] w2,
            float[] b2,
            int h,
            int d,
            int classes,
            float[] row,
            float[] activation,
            double[] out) {
        if (h > 0) {
            for (int j = 0; j < h; j++) {
                float s = b1[j];
                int offset = j * d;
                for (int k = 0; k < d; k++) {
                    s += w1[offset + k] * row[k];
                }
                activation[j] = Math.max(0f, s);
            }
        } else {
            System.arraycopy(row, 0, activation, 0, d);
        }
        int in = activation.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            float s = b2[c];
            int offset = c * in;
            for (int j = 0; j < in; j++) {
                s += w2[offset + j] * activation[j];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        softmaxInPlace(out, max);
    }

    private static void softmaxInPlace(double[] out, double max) {
        int classes = out.length;
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }

    /**
     * An exponential moving average of the parameters (Polyak averaging), which is what the trained
     * model keeps: mini-batch steps make the raw weights wander, and on SST-2 the accuracy of
     * epoch-end raw snapshots ranged over 2.6 points (86.7-89.3) and the average's over 0.8.
     */
    private static final class Average {
        private static final double DECAY = 0.999;
        private final float[][] values;
        private int step;

        Average(float[][] params) {
            values = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                values[i] = params[i].clone();
            }
        }

        void update(float[][] params) {
            step++;
            float decay = (float) Math.min(DECAY, (1.0 + step) / (10.0 + step)); // short runs average less
            for (int i = 0; i < params.length; i++) {
                float[] average = values[i];
                float[] p = params[i];
                for (int k = 0; k < p.length; k++) {
                    average[k] = decay * average[k] + (1 - decay) * p[k];
                }
            }
        }

        float[][] values() {
            return values;
        }
    }

    /** Adam with L2 on the weight matrices (parameters 0 and 2), not on the biases. */
    private static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private final float[][] params;
        private final float[][] m;
        private final float[][] v;
        private final double learningRate;
        private final float l2;
        private int step;

        Adam(float[][] params, double learningRate, double l2) {
            this.params = params;
            this.m = new float[params.length][];
            this.v = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                m[i] = new float[params[i].length];
                v[i] = new float[params[i].length];
            }
            this.learningRate = learningRate;
            this.l2 = (float) l2;
        }

        void step(float[][] grads, float scale) {
            step++;
            double lr = learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
            for (int i = 0; i < params.length; i++) {
                float[] p = params[i];
                float[] g = grads[i];
                float[] mi = m[i];
                float[] vi = v[i];
                float decay = i % 2 == 0 ? l2 : 0f;
                for (int k = 0; k < p.length; k++) {
                    float gk = g[k] * scale + decay * p[k];
                    mi[k] = (float) (BETA1 * mi[k] + (1 - BETA1) * gk);
                    vi[k] = (float) (BETA2 * vi[k] + (1 - BETA2) * gk * gk);
                    p[k] -= (float) (lr * mi[k] / (Math.sqrt(vi[k]) + 1e-8));
                }
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(dimension);
        out.writeInt(hidden);
        writeFloats(out, w1);
        writeFloats(out, b1);
        writeFloats(out, w2);
        writeFloats(out, b2);
        writeFloats(out, mean);
        writeFloats(out, scale);
    }

    static DenseHead read(DataInputStream in) throws IOException {
        int classes = in.readInt();
        int dimension = in.readInt();
        int hidden = in.readInt();
        int width = hidden > 0 ? hidden : dimension;
        if (classes < 2
                || dimension < 1
                || hidden < 0
                || (long) classes * width + (long) hidden * dimension > 50_000_000L) {
            throw new IOException("corrupt dense head: " + classes + " classes, " + dimension + " dimensions, " + hidden
                    + " hidden units");
        }
        return new DenseHead(
                classes,
                dimension,
                hidden,
                readFloats(in, hidden * dimension),
                readFloats(in, hidden),
                readFloats(in, classes * width),
                readFloats(in, classes),
                readFloats(in, dimension),
                readFloats(in, dimension));
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int expected) throws IOException {
        int length = in.readInt();
        if (length != expected) {
            throw new IOException("corrupt dense head: expected " + expected + " values, found " + length);
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
