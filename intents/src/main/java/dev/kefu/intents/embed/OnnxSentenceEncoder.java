package dev.kefu.intents.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An in-process sentence encoder (LangChain4j's ONNX BERT bi-encoder) whose weights ship inside a
 * Maven Central jar: nothing is downloaded at run time.
 *
 * <p>Unlike LangChain4j's ready-made model classes, the ONNX session here runs each call on one
 * thread ({@code intraOpNumThreads = 1}); throughput comes from calling it from several threads
 * (the executor), which on two cores is 1.2-2.4 times faster than one multi-threaded session and
 * keeps single-message latency predictable in the server. Thread-safe.
 */
public final class OnnxSentenceEncoder extends AbstractInProcessEmbeddingModel {
    static {
        // DJL (the tokenizer's runtime) must never try the network.
        System.setProperty("ai.djl.offline", "true");
    }

    /** Recent single-text embeddings: the intent and sentiment models of one message share them. */
    private static final int CACHED_TEXTS = 4096;

    private final String name;
    private final OnnxBertBiEncoder model;
    private final int dimension;
    private final Cache<String, float[]> recent =
            Caffeine.newBuilder().maximumSize(CACHED_TEXTS).build();

    private OnnxSentenceEncoder(
            String name, String modelResource, String tokenizerResource, int dimension, Executor executor) {
        super(executor);
        this.name = name;
        this.dimension = dimension;
        try (InputStream weights = resource(modelResource);
                InputStream tokenizer = resource(tokenizerResource)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(weights.readAllBytes(), options);
            this.model = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + name + " model from its jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the " + name + " ONNX model", e);
        }
    }

    /** bge-small-en-v1.5, quantised: English, 384 dimensions. */
    public static OnnxSentenceEncoder english(Executor executor) {
        return new OnnxSentenceEncoder(
                "bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", 384, executor);
    }

    /** bge-small-zh-v1.5, quantised: Chinese (and the Latin words inside Chinese text), 512 dimensions. */
    public static OnnxSentenceEncoder chinese(Executor executor) {
        return new OnnxSentenceEncoder(
                "bge-small-zh-v1.5-q", "bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", 512, executor);
    }

    public String name() {
        return name;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return model;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }

    /**
     * The unit-length embedding of one text, computed on the calling thread (or taken from the
     * cache of recent texts). Callers must not modify the returned array.
     */
    public float[] encode(String text) {
        return recent.get(text, t -> embed(t).content().vector());
    }

    /** Embeddings of many texts, spread over the executor's threads; order is kept. */
    public float[][] encodeAll(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        int batch = 256;
        for (int from = 0; from < texts.size(); from += batch) {
            List<TextSegment> segments = new ArrayList<>();
            for (String text : texts.subList(from, Math.min(texts.size(), from + batch))) {
                segments.add(TextSegment.from(text));
            }
            List<Embedding> embeddings = segments.size() == 1
                    ? List.of(embed(segments.get(0).text()).content())
                    : embedAll(segments).content();
            for (int i = 0; i < embeddings.size(); i++) {
                vectors[from + i] = embeddings.get(i).vector();
            }
        }
        return vectors;
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath (its langchain4j-embeddings-* jar)");
        }
        return in;
    }
}
