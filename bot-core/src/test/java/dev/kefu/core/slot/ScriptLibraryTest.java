package dev.kefu.core.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptLibraryTest {
    private static ScriptLibrary parse(String yaml) {
        return ScriptLibrary.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }

    @Test
    void should_load_the_demo_mother_baby_experiment_when_no_file_is_configured() {
        ScriptLibrary demo = ScriptLibrary.demo();

        Script script = demo.script("mother-baby-stroller-accessories").orElseThrow();
        assertThat(script.experimentId()).isEqualTo("demo-mother-baby");
        assertThat(script.tags()).containsExactly("mother_baby");
        assertThat(script.variants()).extracting(ScriptVariant::weight).containsExactly(50.0, 50.0);
        assertThat(script.holdoutWeight()).isZero();
        assertThat(script.variants().get(0).line(Language.ZH)).contains("{accessories}");
        assertThat(script.variants().get(0).line(Language.EN)).startsWith("Parents");
    }

    @Test
    void should_order_scripts_by_priority_then_id() {
        ScriptLibrary library = parse(
                """
                scripts:
                  - {id: b-low, stage: opener, position: before, priority: 1, variants: [{id: v, lines: {en: hi}}]}
                  - {id: a-high, stage: closing, position: quick_reply, priority: 5, variants: [{id: v, lines: {zh: 你好}}]}
                  - {id: a-low, stage: opener, position: after, priority: 1, variants: [{id: v, lines: {en: hey}}]}
                """);
        assertThat(library.scripts()).extracting(Script::id).containsExactly("a-high", "a-low", "b-low");
        assertThat(library.scripts().get(0).position()).isEqualTo(SlotPosition.QUICK_REPLY);
        assertThat(library.scripts().get(0).variants().get(0).line(Language.EN))
                .as("falls back to the other language")
                .isEqualTo("你好");
    }

    @Test
    void should_report_every_problem_with_its_script_when_the_file_is_wrong() {
        assertThatThrownBy(
                        () -> parse(
                                """
                        scripts:
                          - {id: Bad Id, stage: upsell, position: middle, variants: []}
                          - id: ok-one
                            stage: opener
                            position: after
                            tags: [VIP]
                            experiment: exp-1
                            variants:
                              - {id: holdout, weight: -1, lines: {en: "Try {product.colour}"}}
                          - {id: ok-one, stage: opener, position: after, experiment: exp-1, variants: [{id: v, lines: {fr: salut}}]}
                        """))
                .isInstanceOfSatisfying(ScriptLibrary.ScriptException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("scripts[0] (Bad Id): id must match"))
                        .anySatisfy(p -> assertThat(p).contains("stage must be one of"))
                        .anySatisfy(p -> assertThat(p).contains("position must be one of"))
                        .anySatisfy(p -> assertThat(p).contains("variants must list at least one line"))
                        .anySatisfy(p -> assertThat(p).contains("tag \"VIP\""))
                        .anySatisfy(p -> assertThat(p).contains("not be \"holdout\""))
                        .anySatisfy(p -> assertThat(p).contains("weight must be >= 0"))
                        .anySatisfy(p -> assertThat(p).contains("unknown placeholders [{product.colour}]"))
                        .anySatisfy(p -> assertThat(p).startsWith("scripts[2] (ok-one): the id repeats"))
                        .anySatisfy(p -> assertThat(p).contains("experiment exp-1 is used by another script"))
                        .anySatisfy(p -> assertThat(p).contains("only en and zh lines")));
    }

    @Test
    void should_refuse_unknown_settings_and_invalid_yaml() {
        assertThatThrownBy(() -> parse("scripts: [{id: a, colour: red}]"))
                .isInstanceOf(ScriptLibrary.ScriptException.class)
                .hasMessageContaining("not a valid script file");
        assertThatThrownBy(() -> parse("scripts: [unclosed"))
                .isInstanceOf(ScriptLibrary.ScriptException.class)
                .hasMessageContaining("test.yaml");
    }
}
