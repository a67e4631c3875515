package dev.kefu.intents.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kefu.core.intent.Language;
import dev.kefu.intents.Nlu;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifier;
import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.intent.ModelIntentClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workshop with the real demo examples, real encoders and training run on the calling thread. */
class IntentWorkshopIT {
    private static Encoders encoders;
    private static TextClassifier bundled;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        encoders = new Encoders(2);
        bundled = Nlu.model(null, Nlu.DEMO_INTENT_MODEL, encoders);
    }

    @AfterAll
    static void close() {
        encoders.close();
    }

    @Test
    void should_train_on_the_demo_examples_compare_activate_survive_a_restart_and_roll_back() throws Exception {
        LiveIntentClassifier live = new LiveIntentClassifier(new ModelIntentClassifier(bundled, null));
        IntentWorkshop workshop = workshop(live);
        assertThatThrownBy(() -> workshop.replace("Bad Name", List.of("x", "x")))
                .isInstanceOfSatisfying(IntentWorkshop.InvalidExamplesException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("name must match"))
                        .anySatisfy(p -> assertThat(p).contains("\"x\" is given twice"))
                        .anySatisfy(p -> assertThat(p).contains("at least 3 examples")));

        String job = workshop.train(); // the executor runs it on this thread
        IntentWorkshop.JobView done = workshop.job(job).orElseThrow();
        assertThat(done.state()).isEqualTo(IntentWorkshop.State.DONE);
        IntentWorkshop.Comparison comparison = done.comparison();
        assertThat(comparison.validationExamples()).isBetween(120, 180);
        assertThat(comparison.candidate().accuracy()).isGreaterThan(0.85);
        assertThat(comparison.live().accuracy()).isGreaterThan(0.85);
        assertThat(comparison.worse())
                .as("the same examples: not worse, %s", comparison)
                .isEmpty();
        assertThat(comparison.liveSawValidation()).isTrue();

        workshop.activate(job, false);
        String second = workshop.train();
        IntentWorkshop.Comparison again = workshop.job(second).orElseThrow().comparison();
        assertThat(again.liveSawValidation())
                .as("now the live model is the workshop's")
                .isFalse();
        assertThat(again.live().accuracy()).isCloseTo(again.candidate().accuracy(), within(0.02));
        assertThat(again.worse()).isEmpty();
        workshop.activate(second, false);
        assertThat(IntentWorkshop.activeModel(dir)).isPresent();
        assertThat(live.classify("hello", Language.EN).top().name()).isEqualTo("greeting");

        IntentWorkshop restarted = workshop(live);
        assertThat(restarted.canRollback())
                .as("after a restart the first activation is still behind")
                .isTrue();
        restarted.rollback();
        assertThat(IntentWorkshop.activeModel(dir))
                .as("the first activation, one step back")
                .isPresent();
        assertThat(restarted.canRollback()).isFalse();
        assertThat(Files.exists(dir.resolve(IntentWorkshop.EXAMPLES)))
                .as("examples are saved on the first edit only")
                .isFalse();
    }

    private IntentWorkshop workshop(LiveIntentClassifier live) {
        return new IntentWorkshop(
                dir,
                live,
                () -> bundled,
                encoders,
                Nlu.demoExamples(),
                null,
                Runnable::run,
                Clock.systemUTC(),
                TextClassifierTrainer.Options.defaults(),
                null);
    }
}
