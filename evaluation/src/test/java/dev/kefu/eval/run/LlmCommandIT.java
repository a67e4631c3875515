package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.intents.llm.FakeLlmServer;
import dev.kefu.intents.llm.FakeLlmServer.Call;
import dev.kefu.intents.llm.FakeLlmServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kefu-eval llm} against {@link FakeLlmServer}, a real HTTP server speaking the OpenAI
 * chat-completions protocol to LangChain4j's real client. One demo bot is loaded for the class
 * (the NLU takes seconds) and every run gets it through {@link ReplayBot#withComposer}; each run's
 * configuration comes from its own environment map or {@code --config} file, as a user's would.
 *
 * <p>Seven turns in six dialogues: four questions about the store (five turns) and two that never
 * reach the model (a greeting, the weather). How many turns the model is asked depends on the NLU
 * and retrieval, so each run checks it against what the server saw: every measured call is one
 * asked turn (the warm-up's texts are other texts).
 */
class LlmCommandIT {
    private static final Pattern PASSAGE = Pattern.compile("(?m)^\\[([^\\]\\s]+)\\] (.+?): (.+)$");
    private static final Pattern FIRST_SENTENCE = Pattern.compile("(?s)^(.+?(?:[.!?](?=\\s|$)|[。！？]))");
    private static final Pattern SHOPPER = Pattern.compile("(?s)<<<SHOPPER\\n(.*)\\nSHOPPER>>>");
    private static final Set<String> TEXTS = Set.of(
            "How long does delivery take?",
            "支持七天无理由退货吗？",
            "How much does the CloudNest Cloud Lite Stroller weigh?",
            "Can I take it on a plane?",
            "可以用 Alipay 付款吗？",
            "Hi there",
            "What's the weather like in Paris tomorrow?");

    @TempDir
    static Path dir;

    private static ReplayBot bot;
    /** Every run gets the one demo bot of the class. */
    private static final LlmCommand.Bots BOTS = config -> bot.withComposer(new TemplateComposer());

    private static FakeLlmServer server;
    private static Path dialogues;

    @BeforeAll
    static void loadTheBotAndStartTheServer() throws Exception {
        bot = ReplayBot.open(ConfigLoader.defaults(), new TemplateComposer());
        server = FakeLlmServer.start();
        dialogues = Files.writeString(
                dir.resolve("dialogues.jsonl"),
                """
                {"id": "shipping-en", "turns": ["How long does delivery take?"]}
                {"id": "returns-zh", "turns": ["支持七天无理由退货吗？"]}

                {"id": "stroller-en", "note": "a follow-up about the same product", "turns": ["How much does the CloudNest Cloud Lite Stroller weigh?", "Can I take it on a plane?"]}
                {"id": "payment-mixed", "turns": ["可以用 Alipay 付款吗？"]}
                {"id": "smalltalk", "turns": ["Hi there"]}
                {"id": "offtopic", "turns": ["What's the weather like in Paris tomorrow?"]}
                """,
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (bot != null) {
            bot.close();
        }
    }

    @BeforeEach
    void forgetCalls() {
        server.clearCalls();
    }

    @Test
    void should_report_every_asked_answer_grounded_when_the_model_answers_from_the_passage_with_its_citation()
            throws Exception {
        server.respond(LlmCommandIT::firstSentenceOfFirstPassage);
        Path out = dir.resolve("grounded/llm.json");
        EvalCli cli = openAi(Map.of("KEFU_LLM_BUDGET_MS", "5000"));

        int code = cli.run("llm", "--dialogues", dialogues.toString(), "--out", out.toString());

        assertThat(code).as(cli.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertThat(report.fieldNames())
                .toIterable()
                .containsSubsequence(
                        "grounded_rate",
                        "fallback_rate",
                        "p50_ms",
                        "p99_ms",
                        "n_turns",
                        "n_asked",
                        "fallback_reasons",
                        "provider",
                        "model",
                        "budget_ms");
        int asked = report.path("n_asked").asInt();
        assertThat(asked).isEqualTo(measuredCalls()).isGreaterThanOrEqualTo(3);
        assertThat(report.path("n_turns").asInt()).isEqualTo(7);
        assertThat(report.path("n_dialogues").asInt()).isEqualTo(6);
        assertThat(report.path("grounded_rate").asDouble()).isEqualTo(1.0);
        assertThat(report.path("fallback_rate").asDouble()).isZero();
        assertThat(report.path("n_grounded").asInt()).isEqualTo(asked);
        assertThat(report.path("fallback_reasons").isObject()).isTrue();
        assertThat(report.path("fallback_reasons").isEmpty()).isTrue();
        assertThat(report.path("provider").asText()).isEqualTo("openai");
        assertThat(report.path("model").asText()).isEqualTo("fake");
        assertThat(report.path("budget_ms").asLong()).isEqualTo(5000);
        assertThat(report.path("prompt").asText()).isEqualTo("v1");
        assertThat(report.path("p50_ms").asDouble()).isPositive();
        assertThat(report.path("p99_ms").asDouble())
                .isGreaterThanOrEqualTo(report.path("p50_ms").asDouble());
        assertThat(report.path("model_ms_p50").isNumber()).isTrue();
        assertThat(report.path("overhead_ms_p99").asDouble()).isNotNegative();
        assertThat(shopperTextsAsked()).doesNotContain("Hi there", "What's the weather like in Paris tomorrow?");
        String markdown = Files.readString(dir.resolve("grounded/llm.md"), StandardCharsets.UTF_8);
        assertThat(markdown)
                .contains("## Refused answers (examples)\n\nNone.")
                .contains("## Answers the model wrote (examples)")
                .contains("| smalltalk | 1 | Hi there |")
                .contains("template (model not asked: small talk)")
                .contains("| shipping-en | 1 | How long does delivery take? |");
        assertThat(cli.out()).contains("grounded rate 1.0, fallback rate 0.0");
    }

    @Test
    void should_count_ungrounded_fact_fallbacks_when_the_model_invents_a_price() throws Exception {
        server.respond(LlmCommandIT::inventedPrice);
        Path config = Files.writeString(
                dir.resolve("invented.yaml"),
                "llm:\n  provider: openai\n  baseUrl: " + server.openAiBaseUrl()
                        + "\n  model: fake-from-config\n  budgetMs: 4000\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("invented/llm.json");
        EvalCli cli = cli(Map.of());

        int code = cli.run(
                "llm", "--dialogues", dialogues.toString(), "--config", config.toString(), "--out", out.toString());

        assertThat(code).as(cli.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        int asked = report.path("n_asked").asInt();
        assertThat(asked).isEqualTo(measuredCalls()).isGreaterThanOrEqualTo(3);
        assertThat(report.path("fallback_rate").asDouble()).isEqualTo(1.0);
        assertThat(report.path("grounded_rate").asDouble()).isZero();
        assertThat(report.path("fallback_reasons").path("ungrounded_fact").asInt())
                .isEqualTo(asked);
        assertThat(report.path("fallback_reasons").size()).isEqualTo(1);
        assertThat(report.path("model").asText()).isEqualTo("fake-from-config");
        assertThat(report.path("budget_ms").asLong()).isEqualTo(4000);
        String markdown = Files.readString(dir.resolve("invented/llm.md"), StandardCharsets.UTF_8);
        assertThat(markdown)
                .contains("| ungrounded_fact | " + asked + " | 1.000 |")
                .contains("| shipping-en | 1 | How long does delivery take? | ungrounded_fact | \"12345 yuan\"")
                .contains("template (fallback: ungrounded_fact)")
                .contains("## Answers the model wrote (examples)\n\nNone.");
    }

    @Test
    void should_count_error_fallbacks_then_an_open_circuit_when_the_server_fails() throws Exception {
        server.respond(call -> Reply.serverError());
        Path out = dir.resolve("errors/llm.json");
        EvalCli cli = openAi(Map.of("KEFU_LLM_CIRCUIT_FAILURES", "2"));

        int code = cli.run("llm", "--dialogues", dialogues.toString(), "--out", out.toString());

        assertThat(code).as(cli.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        int asked = report.path("n_asked").asInt();
        assertThat(asked).isGreaterThanOrEqualTo(3);
        assertThat(report.path("fallback_rate").asDouble()).isEqualTo(1.0);
        assertThat(report.path("grounded_rate").asDouble()).isZero();
        // The warm-up's failures opened the warm-up's circuit, not the measured one: the first two
        // measured turns reached the server and failed, then the circuit kept the model out.
        assertThat(report.path("fallback_reasons").path("error").asInt()).isEqualTo(2);
        assertThat(report.path("fallback_reasons").path("circuit_open").asInt()).isEqualTo(asked - 2);
        assertThat(measuredCalls()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("errors/llm.md"), StandardCharsets.UTF_8))
                .contains("| error | 2 |")
                .contains("| circuit_open | " + (asked - 2) + " |");
    }

    @Test
    void should_leave_the_rates_undefined_and_warn_when_the_model_is_never_asked() throws Exception {
        server.respond(LlmCommandIT::firstSentenceOfFirstPassage);
        Path smallTalk = Files.writeString(
                dir.resolve("small-talk.jsonl"),
                "{\"id\": \"hi\", \"turns\": [\"Hi there\"]}\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("never/llm.json");
        EvalCli cli = openAi(Map.of());

        int code = cli.run("llm", "--dialogues", smallTalk.toString(), "--out", out.toString());

        assertThat(code).as(cli.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertThat(report.path("n_turns").asInt()).isEqualTo(1);
        assertThat(report.path("n_asked").asInt()).isZero();
        assertThat(report.path("grounded_rate").isNull()).isTrue();
        assertThat(report.path("fallback_rate").isNull()).isTrue();
        assertThat(report.path("p99_ms").isNull()).isTrue();
        assertThat(cli.err()).contains("warning: the model was asked on none of the 1 turns");
        assertThat(measuredCalls()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    /** The command line, its {@code llm} command on the shared bot and reading {@code environment}. */
    private static EvalCli cli(Map<String, String> environment) {
        return EvalCli.llm(BOTS, environment, null);
    }

    /** The command line pointed at the fake server, with {@code more} of the environment. */
    private static EvalCli openAi(Map<String, String> more) {
        return EvalCli.llm(BOTS, more, server);
    }

    /** The calls about the dialogues' texts (not the warm-up's). */
    private static int measuredCalls() {
        return (int) server.calls().stream()
                .filter(call -> TEXTS.contains(shopperText(call)))
                .count();
    }

    private static List<String> shopperTextsAsked() {
        return server.calls().stream().map(LlmCommandIT::shopperText).toList();
    }

    private static String shopperText(Call call) {
        Matcher m = SHOPPER.matcher(call.lastUserText());
        return m.find() ? m.group(1) : "";
    }

    /** A well-behaved model: the first passage's first sentence, citing it. */
    private static Reply firstSentenceOfFirstPassage(Call call) {
        Matcher passage = PASSAGE.matcher(call.lastUserText());
        if (!passage.find()) {
            return Reply.text("I am not sure.");
        }
        Matcher sentence = FIRST_SENTENCE.matcher(passage.group(3));
        String text = sentence.find() ? sentence.group(1) : passage.group(3);
        return Reply.text(text + " [" + passage.group(1) + "]");
    }

    /** A model that makes up a price, in the language asked for, citing the first passage. */
    private static Reply inventedPrice(Call call) {
        Matcher passage = PASSAGE.matcher(call.lastUserText());
        String id = passage.find() ? passage.group(1) : "policy-shipping";
        return Reply.text(
                call.lastUserText().contains("Answer in English")
                        ? "It costs 12345 yuan [" + id + "]"
                        : "售价 12345 元 [" + id + "]");
    }
}
