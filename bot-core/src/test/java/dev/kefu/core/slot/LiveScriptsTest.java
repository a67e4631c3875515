package dev.kefu.core.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveScriptsTest {
    private static final String EDITED =
            """
            # a trainer's comment stays
            scripts:
              - {id: edited-line, stage: opener, position: after, variants: [{id: v, lines: {en: "Hello again"}}]}
            """;
    private static final String CONFIGURED =
            """
            scripts:
              - {id: configured-line, stage: opener, position: after, variants: [{id: v, lines: {en: "Hi"}}]}
            """;

    @TempDir
    Path dir;

    private static ScriptLibrary parse(String yaml) {
        return ScriptLibrary.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }

    @Test
    void should_start_from_the_demo_scripts_when_nothing_is_configured_or_edited() {
        LiveScripts scripts = LiveScripts.open(dir.resolve("scripts.yaml"), null);

        assertThat(scripts.get().source()).isEqualTo(ScriptLibrary.demo().source());
    }

    @Test
    void should_prefer_the_edited_file_to_the_configured_one_when_trainers_saved_one() throws Exception {
        Path configured = Files.writeString(dir.resolve("configured.yaml"), CONFIGURED);
        assertThat(LiveScripts.open(dir.resolve("scripts.yaml"), configured)
                        .get()
                        .script("configured-line"))
                .isPresent();

        Files.writeString(dir.resolve("scripts.yaml"), EDITED);
        assertThat(LiveScripts.open(dir.resolve("scripts.yaml"), configured)
                        .get()
                        .script("edited-line"))
                .isPresent();
    }

    @Test
    void should_save_the_yaml_as_written_and_use_it_when_a_library_replaces_the_current_one() throws Exception {
        Path edited = dir.resolve("scripts.yaml");
        LiveScripts scripts = LiveScripts.open(edited, null);

        scripts.replace(parse(EDITED));

        assertThat(scripts.get().script("edited-line")).isPresent();
        assertThat(Files.readString(edited)).isEqualTo(EDITED);
        assertThat(dir.resolve("scripts.yaml.tmp")).doesNotExist();
        assertThat(LiveScripts.open(edited, null).get().script("edited-line"))
                .as("the next start reads the edit")
                .isPresent();
    }

    @Test
    void should_keep_the_current_library_when_the_file_cannot_be_written() throws Exception {
        Path edited = dir.resolve("missing-dir").resolve("scripts.yaml");
        LiveScripts scripts = LiveScripts.open(edited, null);

        assertThatThrownBy(() -> scripts.replace(parse(EDITED))).isInstanceOf(java.io.IOException.class);

        assertThat(scripts.get().source()).isEqualTo(ScriptLibrary.demo().source());
    }

    @Test
    void should_report_the_problems_when_the_edited_file_is_broken() throws Exception {
        Files.writeString(dir.resolve("scripts.yaml"), "scripts: [{id: BAD}]");

        assertThatThrownBy(() -> LiveScripts.open(dir.resolve("scripts.yaml"), null))
                .isInstanceOf(ScriptLibrary.ScriptException.class);
    }
}
