package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.LanguageDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link LanguageDetector} must do; examples carry the expected language. */
public abstract class LanguageDetectorContract {
    protected abstract LanguageDetector detector();

    protected abstract List<LabeledText> examples();

    @Test
    void should_detect_language_of_each_example() {
        for (LabeledText example : Examples.supplied("examples()", examples())) {
            assertThat(detector().detect(example.text()))
                    .as("language of \"%s\"", example.text())
                    .isEqualTo(example.language());
        }
    }
}
