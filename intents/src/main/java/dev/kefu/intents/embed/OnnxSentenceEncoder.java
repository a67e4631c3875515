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
 * <p>{@link #encode} and {@link #encodeAll} compute exactly the vectors of LangChain4j's {@link
 * OnnxBertBiEncoder} with CLS pooling (the trained classifier heads in the repo consume them), but
 * tokenise a text once where LangChain4j tokenises it three times (to count tokens, to partition
 * them, to encode the partition). One text is one ONNX call: the quantised models quantise their
 * activations per call, so a batch of texts would give other vectors. That call is about 95% of a
 * text's time (about 5 ms on one core for a 12-token text, 2 ms for 3 tokens, growing with the
 * length), so this saves about 4% per text; the cache saves the rest, for texts seen before.
 * LangChain4j's own path ({@link #embed}, {@link #embedAll}) stays available and still serves the
 * rare texts of 512 tokens or more (cut at the model's limit) and texts with nothing to embed.
 */
public final class OnnxSentenceEncoder extends AbstractInProcessEmbeddingModel {
    static {
        // DJL (the tokenizer's runtime) must never try the network.
        System.setProperty("ai.djl.offline", "true");
    }

    /**
     * Token count ([CLS] and [SEP] included) from which a text is left to LangChain4j: the
     * tokenizer cuts texts at 512 tokens and LangChain4j then rebuilds the partition's text.
     */
    private static final int MAX_TOKENS = 512;

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
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final HuggingFaceTokenizer tokenizer;
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
                InputStream tokenizerJson = resource(tokenizerResource)) {
            byte[] tokenizerBytes = tokenizerJson.readAllBytes();
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(weights.readAllBytes(), options);
            this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
            // configured as OnnxBertBiEncoder configures its own: no padding, the defaults otherwise
            // (special tokens added, cut at 512 tokens)
            this.tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(tokenizerBytes), Map.of("padding", "false"));
            this.model = new OnnxBertBiEncoder(
                    environment, session, new ByteArrayInputStream(tokenizerBytes), PoolingMode.CLS);
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

    /**
     * What {@code OnnxBertBiEncoder.embed(text)} computes, with one tokenisation. LangChain4j
     * tokenises the text, takes the word pieces between [CLS] and [SEP] (at most 510, so all of them
     * below {@value #MAX_TOKENS} tokens: one partition), rebuilds a text from them ("a ##b" joins to
     * "ab"), tokenises that again and, if it gives the same pieces, encodes the rebuilt text (else the
     * pieces concatenated without spaces); then it runs the model, takes the [CLS] vector and
     * normalises it.
     */
    private float[] compute(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        String[] tokens = encoding.getTokens();
        if (tokens.length <= 2 || tokens.length >= MAX_TOKENS) {
            // nothing to embed (LangChain4j's error) or cut at the model's limit: LangChain4j's path
            embedded.incrementAndGet();
            return embed(text).content().vector();
        }
        if (!isAscii(text)) {
            // Only a rebuilt text that tokenises to the same pieces encodes to the same ids. For ASCII
            // text it always does: the normaliser (lower case, control characters dropped) is
            // idempotent there, a word's pieces join back to the word and tokenise to the same
            // pieces, punctuation and [UNK] stay tokens of their own. Beyond ASCII (case folding,
            // accents, Chinese characters) the check is LangChain4j's.
            List<String> pieces = Arrays.asList(tokens).subList(1, tokens.length - 1);
            Encoding rebuilt = tokenizer.encode(tokenizer.buildSentence(pieces), true, false);
            List<String> again = Arrays.asList(rebuilt.getTokens());
            encoding = again.size() >= 2 && again.subList(1, again.size() - 1).equals(pieces)
                    ? rebuilt
                    : tokenizer.encode(String.join("", pieces), true, false);
        }
        embedded.incrementAndGet();
        try {
            return normalize(clsVector(encoding));
        } catch (OrtException e) {
            throw new IllegalStateException("the " + name + " ONNX model failed", e);
        }
    }

    private float[] clsVector(Encoding encoding) throws OrtException {
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor attentionMask =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
                OnnxTensor tokenTypeIds =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape)) {
            Map<String, OnnxTensor> inputs = takesTokenTypes
                    ? Map.of("input_ids", inputIds, "attention_mask", attentionMask, "token_type_ids", tokenTypeIds)
                    : Map.of("input_ids", inputIds, "attention_mask", attentionMask);
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] hiddenShape = hidden.getInfo().getShape(); // [1, tokens, dimension]
                float[] cls = new float[Math.toIntExact(hiddenShape[2])];
                FloatBuffer values = hidden.getFloatBuffer(); // row-major: the [CLS] row comes first
                values.get(cls);
                return cls;
            }
        }
    }

    /** OnnxBertBiEncoder's normalisation, operation for operation (float sum, float division). */
    private static float[] normalize(float[] vector) {
        float sumSquare = 0;
        for (float v : vector) {
            sumSquare += v * v;
        }
        float norm = (float) Math.sqrt(sumSquare);
        float[] normalized = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            normalized[i] = vector[i] / norm;
        }
        return normalized;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath (its langchain4j-embeddings-* jar)");
        }
        return in;
    }
}
