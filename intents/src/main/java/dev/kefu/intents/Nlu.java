package dev.kefu.intents;

import dev.kefu.core.Checks;
import dev.kefu.core.config.IntentConfig;
import dev.kefu.core.config.SentimentConfig;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.text.Identifiers;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifier;
import dev.kefu.intents.curate.LiveIntentClassifier;
import dev.kefu.intents.entity.CompositeEntityExtractor;
import dev.kefu.intents.entity.ProductGazetteer;
import dev.kefu.intents.intent.ModelIntentClassifier;
import dev.kefu.intents.sentiment.ModelSentimentAnalyzer;
import dev.kefu.intents.sentiment.SentimentLexicon;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * The intents module's one factory: every NLU stage implementation, wired by hand.
 *
 * <p>Composition roots call {@link #load} once at start-up: it reads the trained intent and
 * sentiment models (the built-in ones unless configured) and the lexicon, and fails before
 * start-up completes when a file is missing or corrupt. Nothing is trained at start-up and nothing
 * is cached statically; the sentence encoders are shared through the given {@link Encoders}. All
 * stages are thread-safe.
 */
public final class Nlu {
    /** The bundled demo store's intents (JSON Lines), relative to this class. */
    static final String DEMO_INTENTS = "demo/intents.jsonl";

    /** The bundled demo store's trained intent model, relative to this class. */
    public static final String DEMO_INTENT_MODEL = "demo/intents-model.zip";

    /** The bundled sentiment model (trained on public review data), relative to this class. */
    public static final String SENTIMENT_MODEL = "demo/sentiment-model.zip";

    /** The bundled bilingual sentiment lexicon (TSV), relative to this class. */
    public static final String DEMO_LEXICON = "demo/sentiment-lexicon.tsv";

    private final LanguageDetector languageDetector = new ScriptLanguageDetector();
    private final TextNormalizer normalizer = new KefuNormalizer();
    private final IntentClassifier intentClassifier;
    private final SentimentAnalyzer sentimentAnalyzer;
    private final Function<ProductGazetteer, EntityExtractor> extractorFor;
    /** Replaced as a whole when the store's products change ({@link #useProducts}). */
    private volatile EntityExtractor entities;

    private Nlu(
            IntentClassifier intentClassifier,
            SentimentAnalyzer sentimentAnalyzer,
            EntityExtractor entityExtractor,
            Function<ProductGazetteer, EntityExtractor> extractorFor) {
        this.intentClassifier = intentClassifier;
        this.sentimentAnalyzer = sentimentAnalyzer;
        this.entities = entityExtractor;
        this.extractorFor = extractorFor;
    }

    /**
     * Loads the configured models.
     *
     * @param gazetteer the store's products, for product entities
     * @param identifiers how the store's order numbers (and phones, e-mails) are read: the text
     *     library's, with {@code orders.numberPattern} when set
     * @param clock resolves relative dates ("tomorrow", 明天)
     * @param zone the store's time zone
     * @throws UncheckedIOException when a model or lexicon file cannot be read
     */
    public static Nlu load(
            IntentConfig intents,
            SentimentConfig sentiment,
            Encoders encoders,
            ProductGazetteer gazetteer,
            Identifiers identifiers,
            Clock clock,
            ZoneId zone) {
        Checks.requireNonNull("identifiers", identifiers);
        TextClassifier intentModel = model(intents.model(), DEMO_INTENT_MODEL, encoders);
        TextClassifier sentimentModel = model(sentiment.model(), SENTIMENT_MODEL, encoders);
        SentimentLexicon lexicon = sentiment.lexicon() == null
                ? SentimentLexicon.loadResource(Nlu.class, DEMO_LEXICON)
                : SentimentLexicon.load(Path.of(sentiment.lexicon()));
        return new Nlu(
                new LiveIntentClassifier(new ModelIntentClassifier(intentModel, intents.outOfScopeThreshold())),
                new ModelSentimentAnalyzer(
                        sentimentModel,
                        lexicon,
                        sentiment.neutralBand(),
                        sentiment.uncuedWeight(),
                        sentiment.lexiconWeight()),
                CompositeEntityExtractor.standard(gazetteer, identifiers, clock, zone),
                products -> CompositeEntityExtractor.standard(products, identifiers, clock, zone));
    }

    /**
     * Recognises {@code gazetteer}'s products from the next message on (a publish changed the
     * store's products); a message being understood meanwhile finishes with the old ones.
     */
    public void useProducts(ProductGazetteer gazetteer) {
        if (extractorFor == null) {
            throw new IllegalStateException("this Nlu was built with a fixed entity extractor");
        }
        entities = extractorFor.apply(Checks.requireNonNull("gazetteer", gazetteer));
    }

    /** A model from a file, or the bundled resource when {@code path} is null. */
    public static TextClassifier model(String path, String bundled, Encoders encoders) {
        try {
            if (path != null) {
                return TextClassifier.load(Path.of(path), encoders);
            }
            try (InputStream in = Nlu.class.getResourceAsStream(bundled)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in model " + bundled
                            + " is missing from the intents jar; rebuild it (see docs/BENCHMARKS.md)");
                }
                return TextClassifier.load(in, encoders, bundled);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot load model " + (path != null ? path : bundled) + ": " + e.getMessage(), e);
        }
    }

    /** The bundled demo training examples, e.g. for evaluation and for rebuilding the demo model. */
    public static List<TrainingExample> demoExamples() {
        return new TrainingDataReader().readResource(Nlu.class, DEMO_INTENTS);
    }

    /** Sets stage ②'s five parts (language, normalisation, intent, entities, sentiment) on a pipeline. */
    public ConversationPipeline.Builder into(ConversationPipeline.Builder pipeline) {
        return pipeline.languageDetector(languageDetector())
                .normalizer(normalizer())
                .intentClassifier(intentClassifier())
                .entityExtractor(entityExtractor())
                .sentimentAnalyzer(sentimentAnalyzer());
    }

    public LanguageDetector languageDetector() {
        return languageDetector;
    }

    public TextNormalizer normalizer() {
        return normalizer;
    }

    public IntentClassifier intentClassifier() {
        return intentClassifier;
    }

    /** The router trainers' activations replace ({@link dev.kefu.intents.curate.IntentWorkshop}). */
    public LiveIntentClassifier liveIntents() {
        if (intentClassifier instanceof LiveIntentClassifier live) {
            return live;
        }
        throw new IllegalStateException("this Nlu was built with a fixed intent classifier");
    }

    /** The entity extractor; it follows {@link #useProducts} without being fetched again. */
    public EntityExtractor entityExtractor() {
        return (text, language) -> entities.extract(text, language);
    }

    public SentimentAnalyzer sentimentAnalyzer() {
        return sentimentAnalyzer;
    }

    static Nlu of(IntentClassifier intents, SentimentAnalyzer sentiment, EntityExtractor entities) {
        return new Nlu(
                Checks.requireNonNull("intents", intents),
                Checks.requireNonNull("sentiment", sentiment),
                Checks.requireNonNull("entities", entities),
                null);
    }
}
