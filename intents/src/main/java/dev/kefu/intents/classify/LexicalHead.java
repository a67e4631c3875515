package dev.kefu.intents.classify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lexical head: a maximum-entropy model (multinomial logistic regression with an L2 prior)
 * over the sparse {@link LexicalFeatures}, trained by AdaGrad on the active features only.
 *
 * <p>Why not OpenNLP's trainers: on CLINC150 (15,000 examples, 151 classes, ~100,000 n-gram
 * features) OpenNLP's L-BFGS trainer ran for over ten minutes and its GIS trainer needs hundreds
 * of passes, while this sparse trainer optimises the same objective in seconds. Features seen
 * fewer than {@code cutoff} times are dropped, which also keeps the model file small.
 *
 * <p>Deterministic for a given seed. The trained model is immutable and thread-safe.
 */
final class LexicalHead {
    private final Map<String, Integer> featureIndex;
    private final int classes;
    private final float[] weights; // [feature][class], row-major
    private final float[] bias;
    private final LexicalFeatures features = new LexicalFeatures();

    private LexicalHead(Map<String, Integer> featureIndex, int classes, float[] weights, float[] bias) {
        this.featureIndex = featureIndex;
        this.classes = classes;
        this.weights = weights;
        this.bias = bias;
    }

    /** Training settings. */
    record Settings(double l2, int epochs, int cutoff, double learningRate, long seed) {}

    static LexicalHead train(
            List<String> normalizedTexts, List<String> textLabels, List<String> labels, Settings settings) {
        LexicalFeatures extractor = new LexicalFeatures();
        List<String[]> raw = new ArrayList<>(normalizedTexts.size());
        Map<String, Integer> counts = new HashMap<>();
        for (String text : normalizedTexts) {
            String[] f = extractor.of(text);
            raw.add(f);
            for (String feature : f) {
                counts.merge(feature, 1, Integer::sum);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        counts.keySet().stream()
                .filter(feature -> counts.get(feature) >= settings.cutoff())
                .sorted()
                .forEach(feature -> index.put(feature, index.size()));
        int n = raw.size();
        int[][] x = new int[n][];
        for (int i = 0; i < n; i++) {
            x[i] = Arrays.stream(raw.get(i))
                    .filter(index::containsKey)
                    .mapToInt(index::get)
                    .toArray();
        }
        int[] y = textLabels.stream().mapToInt(labels::indexOf).toArray();
        int classes = labels.size();
        float[] w = new float[index.size() * classes];
        float[] g2 = new float[w.length];
        float[] b = new float[classes];
        float[] b2 = new float[classes];
        double[] p = new double[classes];
        Epochs epochs = new Epochs(n, settings.seed());
        float lr = (float) settings.learningRate();
        float l2 = (float) settings.l2() / n;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            int[] order = epochs.next();
            for (int e : order) {
                int[] active = x[e];
                float value = active.length == 0 ? 0f : (float) (1.0 / Math.sqrt(active.length));
                scores(w, b, active, value, classes, p);
                softmaxInPlace(p);
                p[y[e]] -= 1.0;
                for (int c = 0; c < classes; c++) {
                    float g = (float) p[c];
                    b2[c] += g * g;
                    b[c] -= lr * g / (float) Math.sqrt(b2[c] + 1e-8f);
                }
                for (int feature : active) {
                    int offset = feature * classes;
                    for (int c = 0; c < classes; c++) {
                        float g = (float) p[c] * value + l2 * w[offset + c];
                        g2[offset + c] += g * g;
                        w[offset + c] -= lr * g / (float) Math.sqrt(g2[offset + c] + 1e-8f);
                    }
                }
            }
        }
        return new LexicalHead(index, classes, w, b);
    }

    /**
     * How many of the text's words (English words, Chinese characters and character pairs, number
     * shapes) the model knows; 0 means no word of it was ever seen in training. Character n-grams
     * inside words do not count: gibberish shares those with real words.
     */
    int knownWords(String normalizedText) {
        int known = 0;
        for (String feature : features.of(normalizedText)) {
            known += feature.startsWith(LexicalFeatures.WORD) && featureIndex.containsKey(feature) ? 1 : 0;
        }
        return known;
    }

    /** Log-probabilities over the labels, in training order. */
    double[] logProbabilities(String normalizedText, int labelCount) {
        String[] f = features.of(normalizedText);
        int[] active = Arrays.stream(f)
                .filter(featureIndex::containsKey)
                .mapToInt(featureIndex::get)
                .toArray();
        double[] p = new double[classes];
        scores(weights, bias, active, active.length == 0 ? 0f : (float) (1.0 / Math.sqrt(active.length)), classes, p);
        softmaxInPlace(p);
        for (int c = 0; c < classes; c++) {
            p[c] = Math.log(Math.max(p[c], 1e-12));
        }
        return p;
    }

    private static void scores(float[] w, float[] b, int[] active, float value, int classes, double[] out) {
        for (int c = 0; c < classes; c++) {
            out[c] = b[c];
        }
        for (int feature : active) {
            int offset = feature * classes;
            for (int c = 0; c < classes; c++) {
                out[c] += w[offset + c] * value;
            }
        }
    }

    private static void softmaxInPlace(double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(classes);
            out.writeInt(featureIndex.size());
            String[] byIndex = new String[featureIndex.size()];
            featureIndex.forEach((feature, i) -> byIndex[i] = feature);
            for (String feature : byIndex) {
                out.writeUTF(feature);
            }
            for (float v : weights) {
                out.writeFloat(v);
            }
            for (float v : bias) {
                out.writeFloat(v);
            }
        }
        return bytes.toByteArray();
    }

    static LexicalHead fromBytes(byte[] bytes, List<String> labels) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int classes = in.readInt();
            int size = in.readInt();
            if (classes != labels.size() || size < 0 || (long) size * classes > 200_000_000L) {
                throw new IOException("corrupt lexical model: " + classes + " classes for " + labels.size()
                        + " labels, " + size + " features");
            }
            Map<String, Integer> index = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                index.put(in.readUTF(), i);
            }
            float[] weights = new float[size * classes];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readFloat();
            }
            float[] bias = new float[classes];
            for (int i = 0; i < classes; i++) {
                bias[i] = in.readFloat();
            }
            return new LexicalHead(index, classes, weights, bias);
        }
    }
}
