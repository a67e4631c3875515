package dev.kefu.intents.curate;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.intent.ModelIntentClassifier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The router the pipeline holds: it delegates to the live {@link ModelIntentClassifier}, which a
 * trainer's activation or rollback replaces as a whole. A message being classified meanwhile
 * finishes with the model it started with; the next one uses the new model. Thread-safe.
 */
public final class LiveIntentClassifier implements IntentClassifier {
    private final AtomicReference<ModelIntentClassifier> live;

    public LiveIntentClassifier(ModelIntentClassifier initial) {
        this.live = new AtomicReference<>(Checks.requireNonNull("initial", initial));
    }

    public ModelIntentClassifier current() {
        return live.get();
    }

    /** Makes {@code next} live; returns the one it replaced. */
    ModelIntentClassifier swap(ModelIntentClassifier next) {
        return live.getAndSet(Checks.requireNonNull("next", next));
    }

    @Override
    public IntentPrediction classify(String normalizedText, Language language) {
        return live.get().classify(normalizedText, language);
    }
}
