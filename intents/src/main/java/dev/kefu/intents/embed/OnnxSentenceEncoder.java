package dev.kefu.intents.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kefu.core.Checks;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process sentence encoder (LangChain4j's ONNX BERT bi-encoder models) whose weights ship
 * inside a Maven Central jar: nothing is downloaded at run time.
 *
 * <p>Unlike LangChain4j's ready-made model classes, the ONNX session here runs each call on one
 * thread ({@code intraOpNumThreads = 1}); throughput comes from calling it from several threads
 * (the executor), which on two cores is 1.2-2.4 times faster than one multi-threaded session and
 * keeps single-message latency predictable in the server. Thread-safe.
 *
 * <p>One text is one ONNX call: the quantised models quantise their activations per call, so a
 * batch of texts would give other vectors than the trained classifier heads were fitted on. That
 * call is about 95% of a text's time (about 5 ms on one core for a 12-token text), which bounds
 * indexing at about 400 texts/s on two cores; the cache of recent texts spares texts seen before
 * (a republished knowledge base re-embeds only what changed).
 */
public final class OnnxSentenceEncoder extends AbstractInProcessEmbeddingModel {
    static {
        // DJL (the tokenizer's runtime) must never try the network.
        System.setProperty("ai.djl.offline", "true");
    }

    /**
     * Bound of the cache of recent embeddings, in bytes (about 40,000 English or 30,000 Chinese
     * texts): a whole knowledge base plus recent shopper messages, so that republishing a knowledge
     * base re-embeds only its changed texts, and the intent and sentiment models of one message
     * share its embedding.
     */
    private static final long CACHED_BYTES = 64L * 1024 * 1024;

    private final String name;
    private final int dimension;
    private final Executor executor;
    private final OnnxBertBiEncoder model;
    private final AtomicLong embedded = new AtomicLong();
    private final Cache<String, float[]> recent = Caffeine.newBuilder()
            .maximumWeight(CACHED_BYTES)
            .weigher((String text, float[] vector) -> 64 + 2 * text.length() + 4 * vector.length)
            .build();

    private OnnxSentenceEncoder(
            String name, String modelResource, String tokenizerResource, int dimension, Executor executor) {
        super(Checks.requireNonNull("executor", executor));
        this.name = name;
        this.dimension = dimension;
        this.executor = executor;
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

    /** bge-small-en-v1.5, quantised: English, 384 dimensions; {@code executor} runs batches. */
    public static OnnxSentenceEncoder english(Executor executor) {
        return new OnnxSentenceEncoder(
                "bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", 384, executor);
    }

    /**
     * bge-small-zh-v1.5, quantised: Chinese (and the Latin words inside Chinese text), 512
     * dimensions; {@code executor} runs batches.
     */
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
        return recent.get(text, this::compute);
    }

    /**
     * Embeddings of many texts, in their order: texts in the cache of recent texts are taken from
     * it, the others are embedded once each, spread over the executor's threads (on the calling
     * thread if there is only one), and cached. Callers must not modify the returned arrays; equal
     * texts share one.
     */
    public float[][] encodeAll(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] cached = recent.getIfPresent(texts.get(i));
            if (cached != null) {
                vectors[i] = cached;
            } else {
                missing.computeIfAbsent(texts.get(i), t -> new ArrayList<>()).add(i);
            }
        }
        if (missing.size() == 1) {
            Map.Entry<String, List<Integer>> only =
                    missing.entrySet().iterator().next();
            place(vectors, only.getKey(), only.getValue(), compute(only.getKey()));
            return vectors;
        }
        List<CompletableFuture<float[]>> futures = new ArrayList<>(missing.size());
        for (String text : missing.keySet()) {
            futures.add(CompletableFuture.supplyAsync(() -> compute(text), executor));
        }
        int k = 0;
        for (Map.Entry<String, List<Integer>> text : missing.entrySet()) {
            place(vectors, text.getKey(), text.getValue(), await(futures, k++));
        }
        return vectors;
    }

    /** Texts embedded so far by {@link #encode} and {@link #encodeAll}, that is cache misses. */
    long embeddedTexts() {
        return embedded.get();
    }

    private void place(float[][] vectors, String text, List<Integer> positions, float[] vector) {
        recent.put(text, vector);
        for (int position : positions) {
            vectors[position] = vector;
        }
    }

    private static float[] await(List<CompletableFuture<float[]>> futures, int k) {
        try {
            return futures.get(k).get();
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding texts", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(false));
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException("cannot embed a text", e.getCause());
        }
    }

    private float[] compute(String text) {
        embedded.incrementAndGet();
        return embed(text).content().vector();
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath (its langchain4j-embeddings-* jar)");
        }
        return in;
    }
}
