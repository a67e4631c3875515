package dev.kefu.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.DialogueReplay.Turn;
import dev.kefu.channels.identity.ShopperTokens;
import dev.kefu.core.Coded;
import dev.kefu.core.config.ConfigException;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.StoreConfig;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.eval.run.DialogueFiles.Problems;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kefu-eval dialogues --dialogues F [--url URL] --out R}: replays whole shopper
 * conversations through the bot the server runs (in process, over the demo store) or through a
 * running server's chat API, and scores every turn against what it must get (a hand-off or not; a
 * topic, a language, sources) as {@link DialogueScoring} defines.
 */
@Command(
        name = "dialogues",
        mixinStandardHelpOptions = true,
        description = {
            "Replays shopper conversations through the bot and scores every turn: resolution rate (conversations"
                    + " whose every turn passed), turn pass rate, false hand-offs (hand-offs among turns that"
                    + " expected an answer), missed hand-offs; by language and by kind, with every miss and latency.",
            "",
            "In process (the default) the bot is the server's, over the demo store, configured as the server is:"
                    + " the built-in defaults, then --config FILE, then KEFU_* from the environment (knowledge.file"
                    + " and slots.scripts are set aside). With --url the conversations go to that running server's"
                    + " POST /api/v1/chat, each started without an id and continued with the id (and"
                    + " conversationToken, if any) the server returned.",
            "",
            "Dialogues: JSON Lines, one conversation per line: {\"id\", \"shopper\"?: {\"id\"?, \"tags\"?: [..]},"
                    + " \"context\"?: {\"productId\"}, \"turns\": [{\"text\", \"handoff\": true|false, \"topic\"?:"
                    + " REGEX, \"within\"?: N, \"lang\"?: \"zh\"|\"en\", \"cited\"?: true|false}]}. A turn passes"
                    + " when the hand-off matches and, when it expects an answer: topic is found in the cited"
                    + " entries' ids and titles and the reply (in the reply's first N characters with within), the"
                    + " reply is in lang, and it cites something when it has a topic (cited: false: nothing). An id"
                    + " <lang>-<kind>-<nn> (lang zh, en or mix) gives the breakdowns."
                    + DialogueFiles.CHECKED_FIRST,
            "",
            DialogueFiles.DEMO_HELP
        })
public final class DialoguesCommand implements Callable<Integer> {
    /** The project's public conversations for the demo store, on the classpath. */
    static final String DEMO_RESOURCE = DialogueFiles.demoResource("dialogues");

    /** The server's variable for {@code store.identitySecret}, read for {@code --identity-secret}. */
    static final String IDENTITY_SECRET_VARIABLE = "KEFU_STORE_IDENTITY_SECRET";

    @Mixin
    DialogueRun run;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "A running server (http://host:port) to replay through its chat API instead of in process.")
    String url;

    @Option(
            names = "--identity-secret",
            paramLabel = "SECRET",
            description =
                    "With --url: the server's store.identitySecret, to sign the dialogues' shoppers as the store's"
                            + " back end does (shopper.token), so their tags (a VIP tier) count as they do in process. Default:"
                            + " " + IDENTITY_SECRET_VARIABLE
                            + " from the environment (better than the command line, which"
                            + " other users can read). Without one they are sent as unsigned hints, whose tags the server"
                            + " ignores.")
    String identitySecret;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration of the bot in process, as the server's --config"
                    + " (knowledge.file and slots.scripts are set aside: the dialogues meet the demo store).")
    Path configFile;

    @Option(
            names = "--only",
            paramLabel = "REGEX",
            description = "Replay only the conversations whose id contains a match, e.g. 'followup|context'.")
    Pattern only;

    private final Map<String, String> environment;

    /** As {@code kefu-eval dialogues} runs: {@code KEFU_*} overrides from the process environment. */
    public DialoguesCommand() {
        this(System.getenv());
    }

    /** @param environment the environment the configuration reads {@code KEFU_*} overrides from */
    DialoguesCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = run.err();
        List<String> errors = new ArrayList<>();
        URI server = null;
        KefuConfig config = null;
        ShopperTokens signer = null;
        if (url != null) {
            server = server(url, errors);
            if (configFile != null) {
                errors.add("--config configures the bot in process; with --url the server's own configuration"
                        + " applies");
            }
            signer =
                    signer(identitySecret == null ? environment.get(IDENTITY_SECRET_VARIABLE) : identitySecret, errors);
        } else if (identitySecret != null) {
            errors.add("--identity-secret signs shoppers for a server; it needs --url");
        } else {
            try {
                config = new ConfigLoader(environment).load(configFile, ReplayBot.DEMO_STORE);
            } catch (ConfigException e) {
                errors.add(e.getMessage());
            }
        }
        String source = run.source();
        int maxChars =
                (config == null ? ConfigLoader.defaults() : config).server().maxMessageChars();
        List<Dialogue> dialogues = run.read(new DialogueReader(maxChars)::read, errors);
        if (only != null && !dialogues.isEmpty()) {
            dialogues =
                    dialogues.stream().filter(d -> only.matcher(d.id()).find()).toList();
            if (dialogues.isEmpty()) {
                errors.add("no dialogue id in " + source + " matches --only " + only.pattern());
            }
        }
        if (!errors.isEmpty()) {
            return DialogueFiles.refuse(err, errors);
        }
        long tagged =
                dialogues.stream().filter(d -> !d.shopper().tags().isEmpty()).count();
        if (server != null && signer == null && tagged > 0) {
            err.printf(
                    Locale.ROOT,
                    "warning: %d conversations name shopper tags, sent unsigned: a server that verifies shoppers"
                            + " ignores them (a VIP is not a VIP); give its secret with %s or --identity-secret%n",
                    tagged,
                    IDENTITY_SECRET_VARIABLE);
            err.flush();
        }

        List<DialogueScoring.TurnScore> scores = new ArrayList<>();
        Latencies latencies = new Latencies();
        String target;
        int turns = dialogues.stream().mapToInt(d -> d.turns().size()).sum();
        try (ReplayBot bot = server == null ? ReplayBot.open(config) : null;
                ShopperChannel channel =
                        bot == null ? new HttpChannel(server, signer) : new BotChannel(bot, "dialogues-");
                Progress progress = new Progress("dialogues", turns)) {
            if (bot != null) {
                bot.warmUp("dialogues-warm-up-");
            }
            target = channel.describe();
            for (Dialogue dialogue : dialogues) {
                ShopperChannel.Session conversation = channel.start(dialogue.shopper(), dialogue.productId());
                for (int i = 0; i < dialogue.turns().size(); i++) {
                    Turn turn = dialogue.turns().get(i);
                    ShopperChannel.ShopperView seen = conversation.send(turn.text());
                    latencies.add(seen.nanos());
                    scores.add(new DialogueScoring.TurnScore(
                            dialogue, i + 1, turn, seen, DialogueScoring.failed(turn, seen)));
                    progress.step();
                }
            }
        }

        Report report = DialogueScoring.report(
                source + (only == null ? "" : " (--only " + only.pattern() + ")"),
                target,
                dialogues,
                scores,
                latencies);
        run.writeWithMetrics(
                report,
                "resolution %s (%s of %s conversations), turn pass rate %s, false hand-offs %s, missed hand-offs %s;"
                        + " p50 %s ms, p99 %s ms",
                "resolution_rate",
                "n_resolved",
                "n_conversations",
                "turn_pass_rate",
                "false_handoff_rate",
                "missed_handoff_rate",
                "p50_ms",
                "p99_ms");
        return 0;
    }

    /** A signer for {@code secret}, none without one, or null with the problem in {@code errors}. */
    static ShopperTokens signer(String secret, List<String> errors) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < StoreConfig.MIN_SECRET_BYTES) {
            errors.add("the identity secret (--identity-secret or " + IDENTITY_SECRET_VARIABLE + ") must be at least "
                    + StoreConfig.MIN_SECRET_BYTES + " bytes, as the server's store.identitySecret is");
            return null;
        }
        return new ShopperTokens(secret, Clock.systemUTC());
    }

    /** {@code --url} as an absolute http(s) address, or null with the problem in {@code errors}. */
    static URI server(String url, List<String> errors) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add("--url must be a server's address such as http://localhost:7070, was \"" + url + "\"");
        return null;
    }

    // ---------------------------------------------------------------- dialogues

    /**
     * One conversation to replay; {@code line} is its line in the file.
     *
     * @param productId the product page the chat was opened on ({@code context.productId}), or null
     */
    record Dialogue(int line, String id, ShopperContext shopper, String productId, List<Turn> turns) {}

    /** Reads and checks a whole dialogues file, collecting every problem with its line number. */
    static final class DialogueReader extends DialogueFiles.Reader<Dialogue> {
        private static final Set<String> DIALOGUE_FIELDS = Set.of("id", "shopper", "context", "turns");
        private static final Set<String> CONTEXT_FIELDS = Set.of("productId");
        private static final Set<String> TURN_FIELDS = Set.of("text", "handoff", "topic", "within", "lang", "cited");
        private static final String TURN_SHAPE = "{\"text\", \"handoff\", ...}";

        DialogueReader(int maxChars) {
            super(maxChars, "{\"id\", \"shopper\"?, \"context\"?, \"turns\"}", DIALOGUE_FIELDS, Dialogue::id);
        }

        @Override
        Dialogue dialogue(JsonNode node, int number, String id, Problems at) {
            ShopperContext shopper = DialogueFiles.shopper(node.get("shopper"), at);
            String productId = productId(node.get("context"), at);
            List<Turn> turns = DialogueFiles.turns(node, TURN_SHAPE, at, this::turn);
            return at.count() == 0 ? new Dialogue(number, id, shopper, productId, turns) : null;
        }

        private static String productId(JsonNode context, Problems at) {
            if (context == null || context.isNull()) {
                return null;
            }
            if (!context.isObject()) {
                at.add("\"context\" must be an object {\"productId\"}, was "
                        + DialogueFiles.abbreviate(context.toString()));
                return null;
            }
            DialogueFiles.unknownFields(context, CONTEXT_FIELDS, "context.", at);
            return DialogueFiles.text(context, "productId", "context.", true, at);
        }

        private Turn turn(JsonNode node, String path, Problems at) {
            int before = at.count();
            DialogueFiles.unknownFields(node, TURN_FIELDS, path, at);
            String text = DialogueFiles.message(node, path, maxChars, at);
            Boolean handoff = DialogueFiles.bool(node, "handoff", path, true, at);
            Pattern topic = topic(DialogueFiles.text(node, "topic", path, false, at), path, at);
            Integer within = within(node.get("within"), path, at);
            Language lang = lang(node.get("lang"), path, at);
            Boolean cited = DialogueFiles.bool(node, "cited", path, false, at);
            if (within != null && node.get("topic") == null) {
                at.add(path + "within needs a topic (the topic must be in the reply's first N characters)");
            }
            if (Boolean.TRUE.equals(handoff)) {
                List<String> answerOnly = TURN_FIELDS.stream()
                        .filter(f -> !f.equals("text") && !f.equals("handoff") && node.has(f))
                        .sorted()
                        .toList();
                if (!answerOnly.isEmpty()) {
                    at.add(path.substring(0, path.length() - 1)
                            + ": a turn that expects a hand-off gets no answer to check, so it has no "
                            + String.join(", ", answerOnly));
                }
            }
            return at.count() == before ? new Turn(text, handoff, topic, within, lang, cited) : null;
        }

        private static Pattern topic(String regex, String path, Problems at) {
            if (regex == null) {
                return null;
            }
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                at.add(path + "topic is not a valid regular expression (" + e.getDescription() + " near index "
                        + e.getIndex() + "): " + DialogueFiles.abbreviate(regex));
                return null;
            }
        }

        private static Integer within(JsonNode value, String path, Problems at) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
                at.add(path + "within must be a whole number of characters >= 1, was "
                        + DialogueFiles.abbreviate(value.toString()));
                return null;
            }
            return value.intValue();
        }

        private static Language lang(JsonNode value, String path, Problems at) {
            if (value == null || value.isNull()) {
                return null;
            }
            Language lang = value.isTextual()
                    ? Coded.find(Language.values(), value.asText()).orElse(null)
                    : null;
            if (lang == null || lang == Language.MIXED) {
                at.add(path + "lang must be \"zh\" or \"en\" (a reply is in one of them), was "
                        + DialogueFiles.abbreviate(value.toString()));
                return null;
            }
            return lang;
        }
    }
}
