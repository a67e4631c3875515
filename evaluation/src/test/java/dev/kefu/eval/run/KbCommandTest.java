package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kefu-eval kb} refusing a malformed knowledge file before it loads any model. */
class KbCommandTest {
    @TempDir
    Path dir;

    private final EvalCli cli = new EvalCli();

    @Test
    void should_exit_non_zero_with_line_numbers_when_knowledge_file_is_malformed() throws Exception {
        Path kb = Files.writeString(
                dir.resolve("kb.jsonl"),
                """
                {"id": "ok", "type": "faq", "title": "t", "body": "b"}
                {"id": "broken", "type": "faq", "title": "t"
                """);
        Path queries = Files.writeString(dir.resolve("q.jsonl"), "{\"text\": \"x\", \"label\": \"none\"}\n");

        int exit = cli.run(
                "kb",
                "--kb",
                kb.toString(),
                "--queries",
                queries.toString(),
                "--out",
                dir.resolve("r.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(cli.err()).contains("line 2");
        assertThat(dir.resolve("r.json")).doesNotExist();
    }
}
