package dev.kefu.intents;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.IntentConfig;
import dev.kefu.core.text.Identifiers;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.entity.ProductGazetteer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading fails on a configured intent model that is missing or is not a model, naming the file;
 * the intent model is read first, so no sentence encoder is ever loaded here ({@link NluIT} loads
 * the built-in models).
 */
class NluTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T02:00:00Z"), SHANGHAI);
    /** Encoders load their models on first use, which these tests never reach. */
    private static final Encoders ENCODERS = new Encoders(1);

    @AfterAll
    static void close() {
        ENCODERS.close();
    }

    @Test
    void should_fail_with_the_path_when_configured_model_file_is_missing(@TempDir Path dir) {
        IntentConfig missing = new IntentConfig(dir.resolve("nope.zip").toString(), null);
        assertThatThrownBy(() -> Nlu.load(
                        missing,
                        ConfigLoader.defaults().sentiment(),
                        ENCODERS,
                        ProductGazetteer.empty(),
                        Identifiers.defaults(),
                        CLOCK,
                        SHANGHAI))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nope.zip");
    }

    @Test
    void should_refuse_a_file_that_is_not_a_model(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        IntentConfig config = new IntentConfig(junk.toString(), null);
        assertThatThrownBy(() -> Nlu.load(
                        config,
                        ConfigLoader.defaults().sentiment(),
                        ENCODERS,
                        ProductGazetteer.empty(),
                        Identifiers.defaults(),
                        CLOCK,
                        SHANGHAI))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("junk.zip");
    }
}
