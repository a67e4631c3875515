package dev.kefu.intents.classify;

import dev.kefu.core.DaemonThreads;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.embed.OnnxSentenceEncoder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The sentence encoders a classifier may use, by language, created on first use and shared by
 * every classifier of the process (each weighs about 0.3 GB of native memory). Batch encoding runs
 * on a fixed pool of {@code threads} daemon threads. Thread-safe; close to stop the pool.
 */
public final class Encoders implements AutoCloseable {
    public static final String ENGLISH = "bge-small-en-v1.5-q";
    public static final String CHINESE = "bge-small-zh-v1.5-q";

    private final ExecutorService pool;
    private final Lazy english;
    private final Lazy chinese;

    /** @param threads threads for batch encoding (the machine's cores is a good choice) */
    public Encoders(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.pool = Executors.newFixedThreadPool(threads, new DaemonThreads("kefu-encoder"));
        this.english = new Lazy(() -> OnnxSentenceEncoder.english(pool));
        this.chinese = new Lazy(() -> OnnxSentenceEncoder.chinese(pool));
    }

    /** One thread per available processor. */
    public static Encoders forThisMachine() {
        return new Encoders(Runtime.getRuntime().availableProcessors());
    }

    /** The encoder for texts of this language; mixed text uses the Chinese one. */
    public OnnxSentenceEncoder forLanguage(Language language) {
        return language == Language.EN ? byName(ENGLISH) : byName(CHINESE);
    }

    public OnnxSentenceEncoder byName(String name) {
        return switch (name) {
            case ENGLISH -> english.get();
            case CHINESE -> chinese.get();
            default -> throw new IllegalArgumentException(
                    "unknown sentence encoder \"" + name + "\"; known: " + ENGLISH + ", " + CHINESE);
        };
    }

    /** An encoder loaded on first use, once: loading takes seconds and its memory is large. */
    private static final class Lazy {
        private final Supplier<OnnxSentenceEncoder> load;
        private volatile OnnxSentenceEncoder encoder;

        Lazy(Supplier<OnnxSentenceEncoder> load) {
            this.load = load;
        }

        OnnxSentenceEncoder get() {
            OnnxSentenceEncoder loaded = encoder;
            if (loaded == null) {
                synchronized (this) {
                    if (encoder == null) {
                        encoder = load.get();
                    }
                    loaded = encoder;
                }
            }
            return loaded;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
