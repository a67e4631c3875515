package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kefu-eval dialogues --url}: five conversations (seven turns) replayed over the public chat
 * API of the real server ({@link ServerProcess}, in a process of its own, as a user starts it) with its
 * defaults on a free port. {@code zh-explicit-01} asks
 * for a person at its second turn; its third turn expects the person still, which only a message
 * sent into the same conversation gets. {@code en-wrong-01} expects an answer to "talk to a human",
 * a written-in miss. By hand: 4 of 5 resolved, 6 of 7 turns passed, 1 false hand-off of 5 answer
 * turns, 0 missed of 2.
 */
class DialoguesOverHttpIT {
    /** The server's {@code store.identitySecret}, given to the replay to sign its VIP. */
    private static final String SECRET = "dialogues-it-identity-secret-0123456789";

    /** A VIP's first question goes to a person: only when the store signed the tag. */
    private static final String VIP =
            "{\"id\": \"en-vip-01\", \"shopper\": {\"id\": \"demo-vip-03\", \"tags\": [\"vip_diamond\"]},"
                    + " \"turns\": [{\"text\": \"Hi, I'd like to check the warranty on my air purifier\", \"handoff\": true}]}\n";

    @TempDir
    static Path dir;

    private static ServerProcess server;
    private static String url;
    private static int exit;
    private static EvalCli cli;
    private static JsonNode report;
    private static String markdown;

    @BeforeAll
    static void startTheServerAndReplay() throws Exception {
        server = ServerProcess.start(
                dir.resolve("data"),
                dir.resolve("server.log"),
                Map.of(DialoguesCommand.IDENTITY_SECRET_VARIABLE, SECRET));
        url = server.url();
        Path dialogues = Files.writeString(
                dir.resolve("dialogues.jsonl"),
                """
                {"id": "en-smalltalk-01", "turns": [{"text": "hello there", "handoff": false, "lang": "en", "cited": false}]}
                {"id": "zh-returns-01", "turns": [{"text": "支持七天无理由退货吗？", "handoff": false, "topic": "policy-returns", "lang": "zh"}]}
                {"id": "zh-explicit-01", "turns": [{"text": "你好", "handoff": false, "cited": false}, {"text": "转人工", "handoff": true}, {"text": "还在吗", "handoff": true}]}
                {"id": "en-wrong-01", "turns": [{"text": "talk to a human", "handoff": false}]}
                {"id": "en-context-01", "context": {"productId": "product-x200"}, "turns": [{"text": "how much are the Sonora X200 earbuds?", "handoff": false, "topic": "product-x200", "lang": "en"}]}
                """,
                StandardCharsets.UTF_8);
        cli = new EvalCli();
        Path out = dir.resolve("http.json");
        exit = cli.run("dialogues", "--dialogues", dialogues.toString(), "--url", url, "--out", out.toString());
        report = exit == 0 ? new ObjectMapper().readTree(out.toFile()) : null;
        markdown = exit == 0 ? Files.readString(dir.resolve("http.md"), StandardCharsets.UTF_8) : "";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_score_the_turns_the_server_answered_with_hand_computed_figures() {
        assertThat(exit).as(cli.err()).isZero();
        assertThat(report.path("replayed").asText()).isEqualTo(url);
        assertThat(report.path("n_conversations").asInt()).isEqualTo(5);
        assertThat(report.path("n_turns").asInt()).isEqualTo(7);
        assertThat(report.path("n_resolved").asInt()).isEqualTo(4);
        assertThat(report.path("resolution_rate").asDouble()).isEqualTo(0.8);
        assertThat(report.path("n_turns_passed").asInt()).isEqualTo(6);
        assertThat(report.path("false_handoff_rate").asDouble()).isEqualTo(1.0 / 5);
        assertThat(report.path("missed_handoff_rate").asDouble()).isZero();
        assertThat(report.path("by_language").path("zh").path("resolution_rate").asDouble())
                .isEqualTo(1.0);
        assertThat(report.path("by_kind").path("wrong").path("n_false_handoffs").asInt())
                .isEqualTo(1);
    }

    @Test
    void should_list_the_miss_with_the_hand_off_reason_the_server_gave() {
        assertThat(exit).as(cli.err()).isZero();
        JsonNode misses = report.path("misses");
        assertThat(misses).hasSize(1);
        assertThat(misses.get(0).path("id").asText()).isEqualTo("en-wrong-01");
        assertThat(misses.get(0).path("got").path("reason").asText()).isEqualTo("explicit_request");
        assertThat(markdown)
                .contains("| en-wrong-01 | 1 | talk to a human | false_handoff | answer | hand-off: explicit_request |")
                .contains("| zh-explicit-01 | 3 | 还在吗 | pass | with a person since an earlier turn (explicit_request);"
                        + " the bot said nothing |");
    }

    @Test
    void should_sign_a_vip_with_the_stores_secret_so_the_server_hands_them_to_a_person() throws Exception {
        Path vip = Files.writeString(dir.resolve("vip.jsonl"), VIP, StandardCharsets.UTF_8);

        EvalCli signed = new EvalCli();
        JsonNode signedReport = replay(signed, vip, "signed.json", "--identity-secret", SECRET);
        assertThat(signedReport.path("n_resolved").asInt()).isEqualTo(1);
        assertThat(signed.err()).doesNotContain("warning");

        EvalCli unsigned = new EvalCli();
        JsonNode unsignedReport = replay(unsigned, vip, "unsigned.json");
        assertThat(unsignedReport.path("n_resolved").asInt())
                .as("an unsigned tag is a hint the server ignores")
                .isZero();
        assertThat(unsignedReport.path("missed_handoff_rate").asDouble()).isEqualTo(1.0);
        assertThat(unsigned.err())
                .contains("warning: 1 conversations name shopper tags, sent unsigned")
                .contains(DialoguesCommand.IDENTITY_SECRET_VARIABLE);
    }

    /** Replays {@code dialogues} against the server with {@code options}; the report. */
    private static JsonNode replay(EvalCli cli, Path dialogues, String out, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "dialogues",
                "--dialogues",
                dialogues.toString(),
                "--url",
                url,
                "--out",
                dir.resolve(out).toString()));
        args.addAll(List.of(options));
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isZero();
        return new ObjectMapper().readTree(dir.resolve(out).toFile());
    }
}
