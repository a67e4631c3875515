package dev.kefu.intents.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained text classifier: a lexical maximum-entropy head and sentence-embedding heads (one per
 * encoder language), combined log-linearly with a weight chosen on validation data, then
 * temperature-scaled so that a probability of 0.9 is right about 90% of the time. Used for intents
 * (with an out-of-scope class and threshold) and for sentiment.
 *
 * <p>Immutable and thread-safe. Saved as one zip file ({@link #save}) that {@link #load} reads
 * back; the encoders' weights are not in it (they ship in their own jars).
 */
public final class TextClassifier {
    static final int FORMAT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String META = "kefu-classifier.json";
    private static final String LEXICAL = "lexical.bin";

    private final List<String> labels;
    private final LexicalHead lexical;
    private final Map<String, DenseHead> embeddingHeads;
    private final double embeddingWeight;
    private final double temperature;
    private final String outOfScopeLabel;
    private final double outOfScopeThreshold;
    private final Encoders encoders;
    private final LanguageDetector detector = new ScriptLanguageDetector();
    private final TextNormalizer normalizer = new KefuNormalizer();

    TextClassifier(
            List<String> labels,
            LexicalHead lexical,
            Map<String, DenseHead> embeddingHeads,
            double embeddingWeight,
            double temperature,
            String outOfScopeLabel,
            double outOfScopeThreshold,
            Encoders encoders) {
        this.labels = List.copyOf(labels);
        this.lexical = lexical;
        this.embeddingHeads =
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(embeddingHeads)); // stable order
        this.embeddingWeight = embeddingHeads.isEmpty() ? 0.0 : embeddingWeight;
        this.temperature = temperature;
        this.outOfScopeLabel = outOfScopeLabel;
        this.outOfScopeThreshold = outOfScopeThreshold;
        this.encoders = encoders;
    }

    public List<String> labels() {
        return labels;
    }

    /** The out-of-scope class, or {@code null} when the training data had none. */
    public String outOfScopeLabel() {
        return outOfScopeLabel;
    }

    /** Below this top probability a text is out of scope (0 = never by threshold); chosen on validation data. */
    public double outOfScopeThreshold() {
        return outOfScopeThreshold;
    }

    public double temperature() {
        return temperature;
    }

    public double embeddingWeight() {
        return embeddingWeight;
    }

    /** The encoders whose heads this model has, e.g. {@code [bge-small-en-v1.5-q]}. */
    List<String> encoderNames() {
        return List.copyOf(embeddingHeads.keySet());
    }

    /** Calibrated probabilities for a raw text (normalised and language-detected here). */
    public Prediction predict(String text) {
        String normalized = normalizer.normalize(text);
        return predict(normalized, detector.detect(normalized));
    }

    /**
     * Calibrated probabilities for a text the pipeline already normalised and language-detected
     * (the language picks the embedding head), so no stage repeats that work.
     */
    public Prediction predict(String normalizedText, Language language) {
        return new Prediction(
                labels,
                calibrate(combine(lexicalLog(normalizedText), embeddingLog(normalizedText, language))),
                language,
                lexical.knownWords(normalizedText));
    }

    /**
     * True when the prediction is the out-of-scope class, below the out-of-scope threshold, or
     * without any evidence: a text none of whose words occur in the training data is out of scope
     * however confident the embedding head happens to be.
     */
    public boolean outOfScope(Prediction prediction) {
        return outOfScope(prediction, outOfScopeThreshold);
    }

    /** {@link #outOfScope(Prediction)} with another threshold. */
    public boolean outOfScope(Prediction prediction, double threshold) {
        return prediction.topLabel().equals(outOfScopeLabel)
                || prediction.topProbability() < threshold
                || prediction.knownWords() == 0;
    }

    int knownWords(String normalized) {
        return lexical.knownWords(normalized);
    }

    double[] lexicalLog(String normalized) {
        return lexical.logProbabilities(normalized, labels.size());
    }

    /** The embedding heads' log-probabilities for the text's language, or null without heads. */
    double[] embeddingLog(String normalized, Language language) {
        if (embeddingHeads.isEmpty() || normalized.isBlank()) {
            return null;
        }
        List<String> names = headsFor(language, embeddingHeads.keySet());
        double[] sum = new double[labels.size()];
        for (String name : names) {
            double[] log = embeddingHeads
                    .get(name)
                    .logProbabilities(encoders.byName(name).encode(normalized));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += log[i] / names.size();
            }
        }
        return sum;
    }

    /** English text uses the English head, Chinese the Chinese one, mixed both; else whatever exists. */
    static List<String> headsFor(Language language, java.util.Collection<String> available) {
        List<String> preferred =
                switch (language) {
                    case EN -> List.of(Encoders.ENGLISH);
                    case ZH -> List.of(Encoders.CHINESE);
                    case MIXED -> List.of(Encoders.ENGLISH, Encoders.CHINESE);
                };
        List<String> chosen = new ArrayList<>();
        for (String name : preferred) {
            if (available.contains(name)) {
                chosen.add(name);
            }
        }
        return chosen.isEmpty() ? List.copyOf(available) : chosen;
    }

    double[] combine(double[] lexicalLog, double[] embeddingLog) {
        return combine(lexicalLog, embeddingLog, embeddingWeight);
    }

    static double[] combine(double[] lexicalLog, double[] embeddingLog, double weight) {
        if (embeddingLog == null) {
            return lexicalLog.clone();
        }
        double[] scores = new double[lexicalLog.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (1 - weight) * lexicalLog[i] + weight * embeddingLog[i];
        }
        return scores;
    }

    double[] calibrate(double[] scores) {
        return softmax(scores, temperature);
    }

    static double[] softmax(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp((scores[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Writes the model as one zip file. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            save(out);
        }
    }

    public void save(OutputStream out) throws IOException {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", FORMAT);
        meta.set("labels", JSON.valueToTree(labels));
        meta.put("outOfScopeLabel", outOfScopeLabel);
        meta.put("outOfScopeThreshold", outOfScopeThreshold);
        meta.put("temperature", temperature);
        meta.put("embeddingWeight", embeddingWeight);
        meta.set("encoders", JSON.valueToTree(encoderNames()));
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, META, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
            put(zip, LEXICAL, lexical.toBytes());
            for (Map.Entry<String, DenseHead> head : new LinkedHashMap<>(embeddingHeads).entrySet()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream data = new DataOutputStream(bytes)) {
                    head.getValue().write(data);
                }
                put(zip, "embedding-" + head.getKey() + ".bin", bytes.toByteArray());
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(java.time.LocalDateTime.of(2000, 1, 1, 0, 0)); // fixed: same model, same bytes
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Reads a model written by {@link #save}; its embedding heads use {@code encoders}. */
    public static TextClassifier load(Path file, Encoders encoders) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, encoders, file.toString());
        }
    }

    public static TextClassifier load(InputStream in, Encoders encoders, String source) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        byte[] metaBytes = entries.get(META);
        if (metaBytes == null || !entries.containsKey(LEXICAL)) {
            throw new IOException(source + " is not a Kefu classifier model (no " + META + " or " + LEXICAL + ")");
        }
        JsonNode meta = JSON.readTree(metaBytes);
        if (meta.path("format").asInt() != FORMAT) {
            throw new IOException(
                    source + " has model format " + meta.path("format") + "; this version reads " + FORMAT);
        }
        List<String> labels = new ArrayList<>();
        meta.path("labels").forEach(label -> labels.add(label.asText()));
        Map<String, DenseHead> heads = new LinkedHashMap<>();
        for (JsonNode name : meta.path("encoders")) {
            byte[] bytes = entries.get("embedding-" + name.asText() + ".bin");
            if (bytes == null) {
                throw new IOException(source + " lacks the head for encoder " + name.asText());
            }
            encoders.byName(name.asText());
            heads.put(name.asText(), DenseHead.read(new DataInputStream(new java.io.ByteArrayInputStream(bytes))));
        }
        JsonNode oos = meta.get("outOfScopeLabel");
        return new TextClassifier(
                labels,
                LexicalHead.fromBytes(entries.get(LEXICAL), labels),
                heads,
                meta.path("embeddingWeight").asDouble(),
                meta.path("temperature").asDouble(1.0),
                oos == null || oos.isNull() ? null : oos.asText(),
                meta.path("outOfScopeThreshold").asDouble(),
                encoders);
    }
}
