package dev.kefu.intents.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Multinomial logistic regression on dense vectors (sentence embeddings), trained by mini-batch
 * Adam with L2 regularisation; inputs are standardised with the training set's mean and standard
 * deviation. Deterministic for a given seed. An immutable trained model; thread-safe.
 */
final class SoftmaxRegression {
    private final int classes;
    private final int dimension;
    private final float[] weights; // [classes][dimension], row-major
    private final float[] bias;
    private final float[] mean;
    private final float[] scale;

    private SoftmaxRegression(int classes, int dimension, float[] weights, float[] bias, float[] mean, float[] scale) {
        this.classes = classes;
        this.dimension = dimension;
        this.weights = weights;
        this.bias = bias;
        this.mean = mean;
        this.scale = scale;
    }

    /** Training settings; validated. */
    record Settings(int epochs, int batchSize, double learningRate, double l2, long seed) {
        Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("invalid softmax settings: " + epochs + " epochs, batch " + batchSize
                        + ", learning rate " + learningRate + ", l2 " + l2);
            }
        }
    }

    static SoftmaxRegression train(float[][] x, int[] y, int classes, Settings settings) {
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
        float[][] z = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) * scale[j];
            }
        }

        float[] w = new float[classes * d];
        float[] b = new float[classes];
        float[] mw = new float[w.length];
        float[] vw = new float[w.length];
        float[] mb = new float[classes];
        float[] vb = new float[classes];
        float[] gw = new float[w.length];
        float[] gb = new float[classes];
        double[] logits = new double[classes];
        Epochs epochs = new Epochs(n, settings.seed());
        double beta1 = 0.9;
        double beta2 = 0.999;
        int step = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            int[] order = epochs.next();
            for (int start = 0; start < n; start += settings.batchSize()) {
                int end = Math.min(n, start + settings.batchSize());
                java.util.Arrays.fill(gw, 0f);
                java.util.Arrays.fill(gb, 0f);
                for (int p = start; p < end; p++) {
                    float[] row = z[order[p]];
                    softmax(w, b, row, classes, d, logits);
                    logits[y[order[p]]] -= 1.0;
                    for (int c = 0; c < classes; c++) {
                        float g = (float) logits[c];
                        if (g == 0f) {
                            continue;
                        }
                        gb[c] += g;
                        int offset = c * d;
                        for (int j = 0; j < d; j++) {
                            gw[offset + j] += g * row[j];
                        }
                    }
                }
                float inv = 1f / (end - start);
                step++;
                double lr =
                        settings.learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
                for (int k = 0; k < w.length; k++) {
                    float g = gw[k] * inv + (float) settings.l2() * w[k];
                    mw[k] = (float) (beta1 * mw[k] + (1 - beta1) * g);
                    vw[k] = (float) (beta2 * vw[k] + (1 - beta2) * g * g);
                    w[k] -= (float) (lr * mw[k] / (Math.sqrt(vw[k]) + 1e-8));
                }
                for (int c = 0; c < classes; c++) {
                    float g = gb[c] * inv;
                    mb[c] = (float) (beta1 * mb[c] + (1 - beta1) * g);
                    vb[c] = (float) (beta2 * vb[c] + (1 - beta2) * g * g);
                    b[c] -= (float) (lr * mb[c] / (Math.sqrt(vb[c]) + 1e-8));
                }
            }
        }
        return new SoftmaxRegression(classes, d, w, b, mean, scale);
    }

    /** Class log-probabilities of one vector. */
    double[] logProbabilities(float[] vector) {
        float[] row = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            row[j] = (vector[j] - mean[j]) * scale[j];
        }
        double[] p = new double[classes];
        softmax(weights, bias, row, classes, dimension, p);
        for (int c = 0; c < classes; c++) {
            p[c] = Math.log(Math.max(p[c], 1e-12));
        }
        return p;
    }

    int dimension() {
        return dimension;
    }

    private static void softmax(float[] w, float[] b, float[] row, int classes, int d, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = b[c];
            int offset = c * d;
            for (int j = 0; j < d; j++) {
                s += w[offset + j] * row[j];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(dimension);
        writeFloats(out, weights);
        writeFloats(out, bias);
        writeFloats(out, mean);
        writeFloats(out, scale);
    }

    static SoftmaxRegression read(DataInputStream in) throws IOException {
        int classes = in.readInt();
        int dimension = in.readInt();
        if (classes < 2 || dimension < 1 || (long) classes * dimension > 50_000_000L) {
            throw new IOException("corrupt softmax model: " + classes + " classes, " + dimension + " dimensions");
        }
        return new SoftmaxRegression(
                classes,
                dimension,
                readFloats(in, classes * dimension),
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
            throw new IOException("corrupt softmax model: expected " + expected + " values, found " + length);
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
