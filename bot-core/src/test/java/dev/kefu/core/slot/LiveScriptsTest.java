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
    void should_start_from_the_demo_scripts_when_nothing_is_configured_or_edited() throws Exception {
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

    /** A store several nodes share, as the database is. */
    private static final class SharedStore implements ScriptStore {
        private final java.util.List<Saved> saved = new java.util.ArrayList<>();

        @Override
        public synchronized java.util.Optional<Saved> newerThan(long afterVersion) {
            return saved.isEmpty() || saved.get(saved.size() - 1).version() <= afterVersion
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(saved.get(saved.size() - 1));
        }

        @Override
        public synchronized Saved save(String source) {
            saved.add(new Saved(saved.size() + 1L, source));
            return saved.get(saved.size() - 1);
        }
    }

    @Test
    void should_use_the_library_another_node_saved_when_following() throws Exception {
        SharedStore store = new SharedStore();
        LiveScripts a = LiveScripts.open(store, null, null);
        LiveScripts b = LiveScripts.open(store, null, null);

        a.replace(parse(EDITED));

        assertThat(b.get().script("edited-line")).isEmpty();
        assertThat(b.follow()).isTrue();
        assertThat(b.get().script("edited-line")).isPresent();
        assertThat(b.version()).isEqualTo(a.version()).isEqualTo(1);
        assertThat(b.follow()).as("nothing newer").isFalse();
    }

    @Test
    void should_import_the_edited_file_once_when_the_store_holds_no_library() throws Exception {
        Path edited = Files.writeString(dir.resolve("scripts.yaml"), EDITED);
        SharedStore store = new SharedStore();

        assertThat(LiveScripts.open(store, edited, null).get().script("edited-line"))
                .isPresent();

        assertThat(edited).doesNotExist();
        assertThat(dir.resolve("scripts.yaml.imported")).hasContent(EDITED);
        assertThat(store.newerThan(0)).map(ScriptStore.Saved::source).contains(EDITED);
        assertThat(LiveScripts.open(store, edited, null).get().script("edited-line"))
                .as("the next start reads the store")
                .isPresent();
    }
}
