package dev.kefu.intents.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kefu.core.Checks;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * <p>{@link #encode} and {@link #encodeAll} make one ONNX call per text: the quantised models
 * quantise their activations per call, so a batch of texts gives slightly other vectors than the
 * trained classifier heads were fitted on. That call is about 95% of a text's time (about 5 ms on
 * one core for a 12-token text), about 400 texts/s on two cores. {@link #encodeForIndex} batches
 * {@value #INDEX_BATCH} texts of similar length per call instead, about 1.35 times as fast, for
 * knowledge-base vectors, where the difference (cosine similarity to the single-text vector 0.997
 * on average, 0.98 at worst, on CLINC150 questions) is well below what separates paraphrases.
 * Both keep a cache, so a republished knowledge base re-embeds only what changed.
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
    /** Texts per ONNX call in {@link #encodeForIndex}; larger batches were no faster. */
    static final int INDEX_BATCH = 8;

    private final Executor executor;
    private final OnnxBertBiEncoder model;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Cache<String, float[]> indexed = newCache();
    private final AtomicLong embedded = new AtomicLong();
    private final Cache<String, float[]> recent = newCache();

    private OnnxSentenceEncoder(
            String name, String modelResource, String tokenizerResource, int dimension, Executor executor) {
        super(Checks.requireNonNull("executor", executor));
        this.name = name;
        this.dimension = dimension;
        this.executor = executor;
        try (InputStream weights = resource(modelResource);
                InputStream tokenizerJson = resource(tokenizerResource)) {
            byte[] tokenizerBytes = tokenizerJson.readAllBytes();
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(weights.readAllBytes(), options);
            this.model = new OnnxBertBiEncoder(
                    environment, session, new ByteArrayInputStream(tokenizerBytes), PoolingMode.CLS);
            // as OnnxBertBiEncoder configures its own: special tokens added, cut at 512 tokens
            this.tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(tokenizerBytes), Map.of("padding", "false"));
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
        Map<String, List<Integer>> missing = fromCache(recent, texts, vectors);
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

    /**
     * Embeddings of many texts for a search index, in their order: cached ones from the index
     * cache, the others in batches of {@value #INDEX_BATCH} texts of similar length, spread over the
     * executor's threads. Close to, but not exactly, {@link #encode}'s vectors (see the class
     * comment): for vectors that are searched, never for classifier features. Callers must not
     * modify the returned arrays.
     */
    float[][] encodeForIndex(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        Map<String, List<Integer>> missing = fromCache(indexed, texts, vectors);
        List<String> distinct = new ArrayList<>(missing.keySet());
        List<Encoding> encodings = new ArrayList<>(distinct.size());
        for (String text : distinct) {
            encodings.add(tokenizer.encode(text, true, false));
        }
        Integer[] byLength = new Integer[distinct.size()]; // similar lengths batch with little padding
        for (int i = 0; i < byLength.length; i++) {
            byLength[i] = i;
        }
        Arrays.sort(byLength, Comparator.comparingInt(i -> encodings.get(i).getIds().length));
        List<CompletableFuture<float[][]>> futures = new ArrayList<>();
        for (int from = 0; from < byLength.length; from += INDEX_BATCH) {
            List<Encoding> batch = new ArrayList<>();
            for (int k = from; k < Math.min(byLength.length, from + INDEX_BATCH); k++) {
                batch.add(encodings.get(byLength[k]));
            }
            futures.add(CompletableFuture.supplyAsync(() -> clsVectors(batch), executor));
        }
        for (int b = 0; b < futures.size(); b++) {
            float[][] batch = await(futures, b);
            for (int k = 0; k < batch.length; k++) {
                String text = distinct.get(byLength[b * INDEX_BATCH + k]);
                indexed.put(text, batch[k]);
                for (int position : missing.get(text)) {
                    vectors[position] = batch[k];
                }
            }
        }
        embedded.addAndGet(distinct.size());
        return vectors;
    }

    /** One ONNX call for the batch: each text's [CLS] vector, normalised as OnnxBertBiEncoder does. */
    private float[][] clsVectors(List<Encoding> batch) {
        int length = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[] ids = new long[batch.size() * length];
        long[] mask = new long[ids.length];
        for (int j = 0; j < batch.size(); j++) {
            long[] textIds = batch.get(j).getIds();
            System.arraycopy(textIds, 0, ids, j * length, textIds.length);
            Arrays.fill(mask, j * length, j * length + textIds.length, 1L);
        }
        long[] shape = {batch.size(), length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor attention = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape);
                OrtSession.Result result = session.run(
                        session.getInputNames().contains("token_type_ids")
                                ? Map.of("input_ids", inputIds, "attention_mask", attention, "token_type_ids", types)
                                : Map.of("input_ids", inputIds, "attention_mask", attention))) {
            OnnxTensor hidden = (OnnxTensor) result.get(0);
            int dimension = Math.toIntExact(hidden.getInfo().getShape()[2]);
            FloatBuffer values = hidden.getFloatBuffer(); // [batch, tokens, dimension], row-major
            float[][] vectors = new float[batch.size()][dimension];
            for (int j = 0; j < batch.size(); j++) {
                values.position(j * length * dimension); // each text's [CLS] row
                values.get(vectors[j]);
                normalize(vectors[j]);
            }
            return vectors;
        } catch (OrtException e) {
            throw new IllegalStateException("the " + name + " ONNX model failed", e);
        }
    }

    private static void normalize(float[] vector) {
        float sumSquare = 0;
        for (float v : vector) {
            sumSquare += v * v;
        }
        float norm = (float) Math.sqrt(sumSquare);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
    }

    /** Texts embedded so far (cache misses of {@link #encode}, {@link #encodeAll}, {@link #encodeForIndex}). */
    long embeddedTexts() {
        return embedded.get();
    }

    /** A cache of embeddings bounded at {@link #CACHED_BYTES}, weighing texts and vectors. */
    private static Cache<String, float[]> newCache() {
        return Caffeine.newBuilder()
                .maximumWeight(CACHED_BYTES)
                .weigher((String text, float[] vector) -> 64 + 2 * text.length() + 4 * vector.length)
                .build();
    }

    /** Fills {@code vectors} with the cached texts; returns the others with their positions. */
    private static Map<String, List<Integer>> fromCache(
            Cache<String, float[]> cache, List<String> texts, float[][] vectors) {
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] cached = cache.getIfPresent(texts.get(i));
            if (cached != null) {
                vectors[i] = cached;
            } else {
                missing.computeIfAbsent(texts.get(i), t -> new ArrayList<>()).add(i);
            }
        }
        return missing;
    }

    private void place(float[][] vectors, String text, List<Integer> positions, float[] vector) {
        recent.put(text, vector);
        for (int position : positions) {
            vectors[position] = vector;
        }
    }

    private static <T> T await(List<CompletableFuture<T>> futures, int k) {
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
