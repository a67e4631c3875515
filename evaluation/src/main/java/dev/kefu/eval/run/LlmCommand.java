package dev.kefu.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.config.ConfigException;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.LlmConfig;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.PipelineResult;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.eval.run.DialogueFiles.Problems;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kefu-eval llm --dialogues F --out R}: replays conversations through the real pipeline
 * over the demo store with the configured language model writing the answers (stage ④), and
 * measures how often the model's answers pass the grounding checks, how often the template had to
 * answer instead and why, and how long stage ④ takes.
 */
@Command(
        name = "llm",
        mixinStandardHelpOptions = true,
        description = {
            "Replays conversations through the real pipeline over the demo store with the configured language"
                    + " model writing the answers, and measures the grounded rate (answers the model wrote that"
                    + " passed the checks), the fallback rate (the template answered instead, with the reasons)"
                    + " and stage-4 latency.",
            "",
            "The model comes from the configuration, loaded as the server loads it: the built-in defaults, then"
                    + " --config FILE, then the environment (KEFU_LLM_PROVIDER, KEFU_LLM_BASE_URL, KEFU_LLM_MODEL,"
                    + " KEFU_LLM_API_KEY, KEFU_LLM_BUDGET_MS, ...). With llm.provider none nothing runs.",
            "",
            "Dialogues: JSON Lines, one conversation per line: {\"id\", \"turns\": [\"text\", ...], \"note\"?}."
                    + DialogueFiles.CHECKED_FIRST,
            "",
            DialogueFiles.DEMO_HELP
        })
public final class LlmCommand implements Callable<Integer> {
    /** Refused answers shown in the Markdown report, per reason and in all. */
    private static final int EXAMPLES_PER_REASON = 3;

    private static final int MAX_EXAMPLES = 20;
    private static final int ACCEPTED_EXAMPLES = 5;

    @Mixin
    DialogueRun run;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration, as the server's --config; llm.* names the model"
                    + " (knowledge.file and slots.scripts are set aside: the dialogues meet the demo store).")
    Path configFile;

    /** Opens the bot a run replays through. */
    @FunctionalInterface
    interface Bots {
        ReplayBot open(KefuConfig config) throws IOException;
    }

    private final Bots bots;
    private final Map<String, String> environment;

    /** As {@code kefu-eval llm} runs: the bot loaded for the run, the process environment. */
    public LlmCommand() {
        this(config -> ReplayBot.open(config, new TemplateComposer()), System.getenv());
    }

    /**
     * @param bots opens the bot for a configuration (tests share one loaded bot)
     * @param environment the environment the configuration reads {@code KEFU_*} overrides from
     */
    LlmCommand(Bots bots, Map<String, String> environment) {
        this.bots = bots;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = run.err();
        List<String> errors = new ArrayList<>();
        KefuConfig config = null;
        try {
            config = new ConfigLoader(environment).load(configFile, ReplayBot.DEMO_STORE);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        if (config != null && !config.llm().enabled()) {
            errors.add("llm.provider is none, so there is no model to evaluate: set KEFU_LLM_PROVIDER=openai and"
                    + " KEFU_LLM_BASE_URL=..., or llm.* in --config (KEFU_LLM_MODEL or llm.model names the model)");
        }
        String source = run.source();
        int maxChars =
                (config == null ? ConfigLoader.defaults() : config).server().maxMessageChars();
        List<Dialogue> dialogues = run.read(new DialogueReader(maxChars)::read, errors);
        if (!errors.isEmpty()) {
            return DialogueFiles.refuse(err, errors);
        }

        LlmConfig llm = config.llm();
        List<Row> rows = new ArrayList<>();
        int turns = dialogues.stream().mapToInt(d -> d.turns().size()).sum();
        try (ReplayBot loaded = bots.open(config);
                Progress progress = new Progress("llm", turns)) {
            // The warm-up has a composer (and so a circuit breaker) of its own: a failing model must
            // not open the measured composer's circuit before the first measured turn.
            try (ReplayBot warm = loaded.withComposer(loaded.composer(llm))) {
                warm.warmUp("llm-warm-up-");
            }
            try (ReplayBot bot = loaded.withComposer(loaded.composer(llm))) {
                for (Dialogue dialogue : dialogues) {
                    String conversationId = "llm-eval:" + dialogue.id();
                    for (int i = 0; i < dialogue.turns().size(); i++) {
                        String text = dialogue.turns().get(i);
                        ReplayBot.Outcome outcome = bot.send(conversationId, ShopperContext.anonymous(), text);
                        rows.add(new Row(dialogue, i + 1, text, outcome));
                        progress.step();
                    }
                }
            }
        }

        Report report = report(source, llm, dialogues, rows);
        if (((Number) report.metrics().get("n_asked")).intValue() == 0) {
            err.println("warning: the model was asked on none of the " + rows.size() + " turns (no knowledge was"
                    + " found for any of them, or every answer was small talk); the rates are undefined");
            err.flush();
        }
        run.writeWithMetrics(
                report,
                "grounded rate %s, fallback rate %s (%s of %s turns asked the model; fallbacks %s), stage-4 p50 %s ms,"
                        + " p99 %s ms",
                "grounded_rate",
                "fallback_rate",
                "n_asked",
                "n_turns",
                "fallback_reasons",
                "p50_ms",
                "p99_ms");
        return 0;
    }

    // ---------------------------------------------------------------- dialogues

    /** One conversation to replay; {@code line} is its line in the file. */
    record Dialogue(int line, String id, List<String> turns, String note) {}

    /** Reads and checks a whole dialogues file, collecting every problem with its line number. */
    static final class DialogueReader extends DialogueFiles.Reader<Dialogue> {
        private static final Set<String> FIELDS = Set.of("id", "turns", "note");

        DialogueReader(int maxChars) {
            super(maxChars, "{\"id\", \"turns\": [\"text\", ...], \"note\"?}", FIELDS, Dialogue::id);
        }

        @Override
        Dialogue dialogue(JsonNode node, int number, String id, Problems at) {
            String note = DialogueFiles.text(node, "note", "", false, at);
            List<String> turns = new ArrayList<>();
            JsonNode array = node.get("turns");
            if (array == null || array.isNull()) {
                at.add("missing \"turns\" (an array of the shopper's messages)");
            } else if (!array.isArray() || array.isEmpty()) {
                at.add("\"turns\" must be a non-empty array of strings, was "
                        + DialogueFiles.abbreviate(array.toString()));
            } else {
                for (int i = 0; i < array.size(); i++) {
                    String text = DialogueFiles.text(array.get(i), "turns[" + i + "]", true, at);
                    if (text != null && text.length() > maxChars) {
                        at.add("turns[" + i + "] is " + text.length() + " characters; the server accepts at most "
                                + maxChars);
                    }
                    turns.add(text);
                }
            }
            return at.count() == 0 ? new Dialogue(number, id, List.copyOf(turns), note) : null;
        }
    }

    // ---------------------------------------------------------------- measuring

    /** One replayed turn and what the bot did. */
    record Row(Dialogue dialogue, int number, String text, ReplayBot.Outcome outcome) {
        /** This turn's row of a report table, after its dialogue, number and text. */
        String cells(String... cells) {
            return DialogueFiles.turnRow(dialogue.id(), number, text, cells);
        }

        /** Stage ④'s answer, or null when none was composed. */
        Answer answer() {
            return outcome.composed() == null ? null : outcome.composed().answer();
        }

        AnswerTrace trace() {
            Answer answer = answer();
            return answer == null ? AnswerTrace.NONE : answer.trace();
        }

        /** The model was asked: it wrote the answer, or a reason says why the template answered. */
        boolean asked() {
            return accepted() || fallback() != null;
        }

        /** The model wrote the answer and the checks accepted it. */
        boolean accepted() {
            return trace().composer() == AnswerTrace.Composer.LLM;
        }

        /** Why the template answered although the model was asked, or null. */
        String fallback() {
            return trace().fallback();
        }

        long stageNanos() {
            return outcome.composed().took().toNanos();
        }

        /** How long the model took ({@code llmMs}), or -1 when it was not called. */
        long modelMs() {
            Long ms = trace().modelMs();
            return ms == null ? -1 : ms;
        }

        String language() {
            return outcome.shown(
                    nlu -> nlu.language().code() + " -> " + nlu.replyLanguage().code());
        }

        String intent() {
            return outcome.intent();
        }

        /** What happened at stage ④, in a few words. */
        String composer() {
            if (outcome.composed() == null) {
                return outcome.result() instanceof PipelineResult.Relayed
                        ? "no answer (relayed to a person)"
                        : "no answer (understanding failed)";
            }
            if (accepted()) {
                return "llm";
            }
            if (fallback() != null) {
                return "template (fallback: " + fallback() + ")";
            }
            return switch (answer().kind()) {
                case SMALL_TALK -> "template (model not asked: small talk)";
                case FALLBACK -> "template (model not asked: nothing found)";
                default -> "template (model not asked: "
                        + answer().kind().name().toLowerCase(Locale.ROOT) + ")";
            };
        }

        String stageMs() {
            return outcome.composed() == null ? "-" : String.format(Locale.ROOT, "%.1f", stageNanos() / 1e6);
        }
    }

    static Report report(String source, LlmConfig llm, List<Dialogue> dialogues, List<Row> rows) {
        int asked = 0;
        int accepted = 0;
        int fallbacks = 0;
        Latencies stage = new Latencies();
        Latencies modelTimes = new Latencies();
        Latencies overheads = new Latencies();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> examplesOf = new HashMap<>();
        String prompt = null;
        List<String> refused = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> transcript = new ArrayList<>();
        for (Row row : rows) {
            if (row.asked()) {
                asked++;
                stage.add(row.stageNanos());
                if (row.modelMs() >= 0) {
                    modelTimes.add(row.modelMs() * 1_000_000L);
                    overheads.add(Math.max(0, row.stageNanos() - row.modelMs() * 1_000_000L));
                }
                if (prompt == null) {
                    prompt = row.trace().prompt();
                }
                if (row.accepted()) {
                    accepted++;
                    if (written.size() < ACCEPTED_EXAMPLES) {
                        written.add(row.cells(
                                row.answer().text(),
                                row.answer().citations().stream()
                                        .map(Citation::entryId)
                                        .collect(Collectors.joining(", ")),
                                row.stageMs()));
                    }
                } else {
                    fallbacks++;
                    String reason = row.fallback();
                    reasons.merge(reason, 1, Integer::sum);
                    int shown = examplesOf.merge(reason, 1, Integer::sum);
                    if (shown <= EXAMPLES_PER_REASON && refused.size() < MAX_EXAMPLES) {
                        refused.add(row.cells(
                                reason,
                                row.trace().detail() == null ? "" : row.trace().detail(),
                                row.stageMs()));
                    }
                }
            }
            long modelMs = row.modelMs();
            transcript.add(row.cells(
                    row.language(),
                    row.intent(),
                    row.composer(),
                    row.stageMs(),
                    modelMs < 0 ? "-" : Long.toString(modelMs)));
        }
        Map<String, Integer> byCount = new LinkedHashMap<>();
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> byCount.put(e.getKey(), e.getValue()));

        int askedTurns = asked;
        Report report = new Report("LLM answers: " + source)
                .put("grounded_rate", ratio(accepted, asked))
                .put("fallback_rate", ratio(fallbacks, asked))
                .put("p50_ms", asked == 0 ? null : stage.percentileMs(50))
                .put("p99_ms", asked == 0 ? null : stage.percentileMs(99))
                .put("n_turns", rows.size())
                .put("n_asked", asked)
                .put("fallback_reasons", byCount)
                .put("provider", llm.provider())
                .put("model", llm.model())
                .put("budget_ms", llm.budgetMs())
                .put("n_dialogues", dialogues.size())
                .put("n_grounded", accepted)
                .put("n_fallback", fallbacks)
                .put("model_ms_p50", modelTimes.size() == 0 ? null : modelTimes.percentileMs(50))
                .put("model_ms_p99", modelTimes.size() == 0 ? null : modelTimes.percentileMs(99))
                .put("overhead_ms_p50", overheads.size() == 0 ? null : overheads.percentileMs(50))
                .put("overhead_ms_p99", overheads.size() == 0 ? null : overheads.percentileMs(99))
                .put("stream", llm.stream())
                .put("prompt", prompt);
        report.section(
                "Definitions",
                """
                The model is asked on a turn when its answer's trace says `composer: llm` (the model \
                wrote it and the checks accepted it) or has an `llmFallback` reason (the template \
                answered instead); turns without knowledge to answer from (small talk, nothing found) \
                never reach the model. `grounded_rate` = turns the model answered / turns it was asked; \
                `fallback_rate` = turns the template answered although the model was asked / turns it \
                was asked (the two add up to 1). `p50_ms`, `p99_ms`: stage ④'s time \
                (`PipelineEvent.Composed`) on the turns the model was asked, checks included; \
                `model_ms_*`: the model's own time as the trace records it (`llmMs`, whole ms, from the \
                request to the complete answer); `overhead_ms_*`: stage ④'s time minus the model's on \
                each turn that called it (prompt, masking, checks; up to 1 ms high, as `llmMs` is \
                rounded down). The \
                circuit breaker works as in the server (`llm.circuitFailures` failures in a row keep the \
                model from being asked for `llm.circuitOpenSeconds`: `circuit_open`); the warm-up has a \
                breaker of its own. Turns run one at a time, after a warm-up.""");
        report.section(
                "Fallback reasons",
                byCount.isEmpty()
                        ? "None: every answer the model was asked for passed the checks."
                        : Report.table(
                                List.of("reason", "turns", "share of asked", "meaning"),
                                byCount.entrySet().stream()
                                        .map(e -> Report.cells(
                                                e.getKey(),
                                                Integer.toString(e.getValue()),
                                                String.format(Locale.ROOT, "%.3f", (double) e.getValue() / askedTurns),
                                                meaning(e.getKey())))
                                        .toList()));
        report.section(
                "Refused answers (examples)",
                refused.isEmpty()
                        ? "None."
                        : "At most " + EXAMPLES_PER_REASON + " per reason, in the order they came.\n\n"
                                + DialogueFiles.turnTable(refused, "reason", "detail", "stage ④ ms"));
        report.section(
                "Answers the model wrote (examples)",
                written.isEmpty() ? "None." : DialogueFiles.turnTable(written, "answer", "cites", "stage ④ ms"));
        report.section(
                "All turns",
                DialogueFiles.turnTable(
                        transcript, "language -> reply", "intent", "answer by", "stage ④ ms", "model ms"));
        return report;
    }

    /** What a fallback reason means, for the report's readers. */
    static String meaning(String reason) {
        return switch (reason) {
            case "timeout" -> "no complete answer within llm.budgetMs";
            case "error" -> "the call failed (HTTP error, connection refused or dropped, bad response)";
            case "rate_limited" -> "the server answered 429";
            case "circuit_open" -> "not asked: the model had failed llm.circuitFailures times in a row";
            case "empty" -> "no text, or only citation markers";
            case "prompt_leak" -> "repeats the system prompt";
            case "unknown_citation" -> "cites an id that was not among the passages";
            case "no_citation" -> "cites none of the passages";
            case "wrong_language" -> "not in the shopper's language";
            case "ungrounded_fact" -> "a price, date, number or code in none of the cited passages";
            default -> "";
        };
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
