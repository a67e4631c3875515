package dev.kefu.intents.embed;

import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge base's {@link TextEmbedder}: the same bge-small encoders the intent router uses
 * (English text in the English space, Chinese and mixed text in the Chinese one, as {@link
 * Encoders#forLanguage} decides), so a message's embedding is computed once and cached for both.
 * Texts are normalised and language-detected like shopper messages; a query whose language stage ②
 * detected is embedded as given. Thread-safe.
 */
public final class EncoderTextEmbedder implements TextEmbedder {
    private final Encoders encoders;
    private final LanguageDetector detector = new ScriptLanguageDetector();
    private final TextNormalizer normalizer = new KefuNormalizer();

    public EncoderTextEmbedder(Encoders encoders) {
        this.encoders = dev.kefu.core.Checks.requireNonNull("encoders", encoders);
    }

    @Override
    public Map<String, Integer> spaces() {
        return Map.of(Encoders.ENGLISH, 384, Encoders.CHINESE, 512);
    }

    /** The two encoders, batched as {@link #embedAll} batches them for an index. */
    @Override
    public String model() {
        return Encoders.ENGLISH + "+" + Encoders.CHINESE + ";cls;batch=" + OnnxSentenceEncoder.INDEX_BATCH;
    }

    @Override
    public Embedding embed(String text) {
        String normalized = normalizer.normalize(text);
        OnnxSentenceEncoder encoder = encoders.forLanguage(detector.detect(normalized));
        return new Embedding(encoder.name(), encoder.encode(normalized));
    }

    @Override
    public Embedding embed(String normalizedText, Language language) {
        OnnxSentenceEncoder encoder = encoders.forLanguage(language);
        return new Embedding(encoder.name(), encoder.encode(normalizedText));
    }

    @Override
    public List<Embedding> embedAll(List<String> texts) {
        Map<String, List<Integer>> bySpace = new LinkedHashMap<>();
        List<String> normalized = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = normalizer.normalize(texts.get(i));
            normalized.add(text);
            Language language = detector.detect(text);
            bySpace.computeIfAbsent(encoders.forLanguage(language).name(), k -> new ArrayList<>())
                    .add(i);
        }
        Embedding[] result = new Embedding[texts.size()];
        for (Map.Entry<String, List<Integer>> space : bySpace.entrySet()) {
            List<String> batch = space.getValue().stream().map(normalized::get).toList();
            float[][] vectors = encoders.byName(space.getKey()).encodeForIndex(batch);
            for (int k = 0; k < vectors.length; k++) {
                result[space.getValue().get(k)] = new Embedding(space.getKey(), vectors[k]);
            }
        }
        return List.of(result);
    }
}
