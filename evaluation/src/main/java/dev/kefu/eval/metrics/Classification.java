package dev.kefu.eval.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Classification metrics over (gold, predicted, confidence) triples: accuracy, per-label
 * precision/recall/F1, macro F1 over the gold labels, the most frequent confusions and a
 * confidence histogram. A gold label the model never saw simply never matches: an error, not a
 * crash. Not thread-safe.
 */
public final class Classification {
    private final Map<String, int[]> counts = new TreeMap<>(); // label -> {tp, fp, fn}
    private final Map<String, Integer> confusions = new LinkedHashMap<>();
    private final int[] histogram = new int[10];
    private final int[] histogramCorrect = new int[10];
    private int total;
    private int correct;

    public void add(String gold, String predicted, double confidence) {
        total++;
        int bucket = Math.min(9, Math.max(0, (int) (confidence * 10)));
        histogram[bucket]++;
        if (gold.equals(predicted)) {
            correct++;
            histogramCorrect[bucket]++;
            counts.computeIfAbsent(gold, k -> new int[3])[0]++;
        } else {
            counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
            counts.computeIfAbsent(gold, k -> new int[3])[2]++;
            confusions.merge(gold + " -> " + predicted, 1, Integer::sum);
        }
    }

    public int total() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    public double precision(String label) {
        int[] c = counts.getOrDefault(label, new int[3]);
        return c[0] + c[1] == 0 ? 0.0 : (double) c[0] / (c[0] + c[1]);
    }

    public double recall(String label) {
        int[] c = counts.getOrDefault(label, new int[3]);
        return c[0] + c[2] == 0 ? 0.0 : (double) c[0] / (c[0] + c[2]);
    }

    double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** Labels that occur as gold labels. */
    List<String> goldLabels() {
        List<String> labels = new ArrayList<>();
        counts.forEach((label, c) -> {
            if (c[0] + c[2] > 0) {
                labels.add(label);
            }
        });
        return labels;
    }

    /** Mean F1 over the labels that occur in the gold data. */
    public double macroF1() {
        List<String> labels = goldLabels();
        return labels.isEmpty()
                ? Double.NaN
                : labels.stream().mapToDouble(this::f1).average().orElse(Double.NaN);
    }

    /** Markdown: per-label precision, recall, F1 and support. */
    public String perLabelTable() {
        StringBuilder md = new StringBuilder("| label | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        for (String label : new TreeSet<>(counts.keySet())) {
            int[] c = counts.get(label);
            md.append(String.format(
                    java.util.Locale.ROOT,
                    "| %s | %.3f | %.3f | %.3f | %d |%n",
                    label,
                    precision(label),
                    recall(label),
                    f1(label),
                    c[0] + c[2]));
        }
        return md.toString();
    }

    /** Markdown: the most frequent (gold -> predicted) confusions. */
    public String confusionTable(int most) {
        StringBuilder md = new StringBuilder("| gold -> predicted | count |\n|---|---|\n");
        confusions.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(most)
                .forEach(e -> md.append("| ")
                        .append(e.getKey())
                        .append(" | ")
                        .append(e.getValue())
                        .append(" |\n"));
        return md.toString();
    }

    /** Markdown: how many predictions fell in each confidence decile, and how many were right. */
    public String confidenceHistogram() {
        StringBuilder md = new StringBuilder("| confidence | predictions | accuracy | |\n|---|---|---|---|\n");
        int max = 1;
        for (int count : histogram) {
            max = Math.max(max, count);
        }
        for (int b = 0; b < 10; b++) {
            md.append(String.format(
                    java.util.Locale.ROOT,
                    "| %.1f-%.1f | %d | %s | %s |%n",
                    b / 10.0,
                    (b + 1) / 10.0,
                    histogram[b],
                    histogram[b] == 0
                            ? "n/a"
                            : String.format(java.util.Locale.ROOT, "%.3f", (double) histogramCorrect[b] / histogram[b]),
                    "#".repeat((int) Math.round(30.0 * histogram[b] / max))));
        }
        return md.toString();
    }

    static Comparator<String> byName() {
        return Comparator.naturalOrder();
    }
}
