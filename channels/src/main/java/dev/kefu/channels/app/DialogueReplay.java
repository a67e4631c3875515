package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.Checks;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.pipeline.PipelineResult;
import dev.kefu.intents.curate.IntentWorkshop;
import dev.kefu.intents.text.ScriptLanguageDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The store's dialogues replayed through the whole bot with a given router, each conversation in
 * a pipeline of its own making ({@code pipelines}: conversations in memory, none of the server's
 * listeners, so nothing reaches the agents' queue, the unanswered inbox or the metrics), scored
 * turn by turn as {@code kefu-eval dialogues} scores them ({@link #failed}). The intents workshop
 * compares a candidate router with the live one on them. The file's format is the {@code
 * dialogues} command's, which validates it; here a line that is not a dialogue is skipped.
 */
public final class DialogueReplay implements IntentWorkshop.DialogueCheck {
    /** The demo store's public dialogues, on the classpath. */
    public static final String PUBLIC = "/dev/kefu/eval/dialogues/demo-dialogues.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LanguageDetector DETECTOR = new ScriptLanguageDetector();

    private final List<Dialogue> dialogues;
    private final Function<IntentClassifier, ConversationPipeline> pipelines;
    private final Clock clock;

    /**
     * One shopper message and what it must get (see the README's {@code kefu-eval dialogues}).
     *
     * @param handoff the conversation must go to a person at this message (true) or stay with the bot
     * @param topic a pattern the cited entries' ids and titles plus the reply must contain, or null
     * @param within the topic must be in the reply's first this many characters, or null
     * @param lang the reply's language, or null when any
     * @param cited whether the reply must cite something (true) or nothing (false); null: it must when
     *     there is a topic
     */
    public record Turn(String text, boolean handoff, Pattern topic, Integer within, Language lang, Boolean cited) {}

    /** One conversation: its shopper, the product page it was opened on (or null), its turns. */
    public record Dialogue(String id, ShopperContext shopper, String productId, List<Turn> turns) {}

    /** A check a turn can fail. */
    public enum Check {
        FALSE_HANDOFF("went to a person; the turn expected an answer"),
        MISSED_HANDOFF("answered by the bot; the turn expected a hand-off"),
        TOPIC("the topic is in neither the cited entries nor the reply"),
        WITHIN("the topic is not in the reply's first `within` characters"),
        LANGUAGE("the reply is in the other language"),
        UNCITED("the reply cites nothing; the turn expects a source"),
        CITED("the reply cites entries; the turn expects none (`cited: false`)");

        private final String meaning;

        Check(String meaning) {
            this.meaning = meaning;
        }

        /** What failing it means, for reports. */
        public String meaning() {
            return meaning;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param dialogues the conversations to replay
     * @param pipelines a fresh pipeline (its own conversations) routed by the given router
     */
    public DialogueReplay(
            List<Dialogue> dialogues, Function<IntentClassifier, ConversationPipeline> pipelines, Clock clock) {
        this.dialogues = List.copyOf(dialogues);
        this.pipelines = Checks.requireNonNull("pipelines", pipelines);
        this.clock = Checks.requireNonNull("clock", clock);
    }

    /** The dialogues of a JSON Lines stream in the {@code dialogues} command's format. */
    public static List<Dialogue> read(InputStream in) {
        List<Dialogue> read = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    if (node.path("turns").isArray() && node.path("id").isTextual()) {
                        read.add(dialogue(node));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dialogues: " + e.getMessage(), e);
        }
        return List.copyOf(read);
    }

    private static Dialogue dialogue(JsonNode node) {
        JsonNode shopper = node.path("shopper");
        Set<String> tags = new HashSet<>();
        shopper.path("tags").forEach(tag -> tags.add(tag.asText()));
        ShopperContext context = new ShopperContext(shopper.path("id").textValue(), tags);
        List<Turn> turns = new ArrayList<>();
        for (JsonNode turn : node.path("turns")) {
            String topic = turn.path("topic").textValue();
            String lang = turn.path("lang").textValue();
            turns.add(new Turn(
                    turn.path("text").asText(),
                    turn.path("handoff").asBoolean(),
                    topic == null ? null : Pattern.compile(topic),
                    turn.hasNonNull("within") ? turn.get("within").asInt() : null,
                    lang == null ? null : Language.fromLocale(lang),
                    turn.hasNonNull("cited") ? turn.get("cited").asBoolean() : null));
        }
        return new Dialogue(
                node.get("id").asText(),
                context,
                node.path("context").path("productId").textValue(),
                turns);
    }

    @Override
    public double resolution(IntentClassifier router) {
        if (dialogues.isEmpty()) {
            return 0.0;
        }
        ConversationPipeline pipeline = pipelines.apply(router);
        int resolved = 0;
        for (int i = 0; i < dialogues.size(); i++) {
            Dialogue dialogue = dialogues.get(i);
            boolean passed = true;
            for (Turn turn : dialogue.turns()) {
                PipelineResult result = pipeline.handle(new InboundMessage(
                        "replay-" + i, turn.text(), dialogue.shopper(), null, clock.instant(), dialogue.productId()));
                passed &= failed(turn, result).isEmpty();
            }
            resolved += passed ? 1 : 0;
        }
        return (double) resolved / dialogues.size();
    }

    @Override
    public String describe() {
        return "the public dialogues: " + dialogues.size() + " conversations";
    }

    /** The checks {@code result} fails for {@code turn}; empty when the turn passes. */
    static List<Check> failed(Turn turn, PipelineResult result) {
        if (!(result instanceof PipelineResult.Decided decided)) {
            return failed(turn, true, "", List.of()); // relayed: a person has the conversation
        }
        boolean handedOff = decided.decision().fold(reply -> false, handoff -> true);
        ConversationMessage said = decided.conversation().messages().get((int) decided.replySeq() - 1);
        return failed(turn, handedOff, said.text(), said.citations());
    }

    /**
     * The checks a turn fails when the shopper saw {@code text} citing {@code citations}, or was
     * handed to a person ({@code withPerson}); empty when it passes.
     */
    public static List<Check> failed(Turn turn, boolean withPerson, String text, List<Citation> citations) {
        if (turn.handoff()) {
            return withPerson ? List.of() : List.of(Check.MISSED_HANDOFF);
        }
        if (withPerson) {
            return List.of(Check.FALSE_HANDOFF);
        }
        List<Check> failed = new ArrayList<>();
        if (turn.topic() != null) {
            if (turn.within() != null) {
                if (!turn.topic().matcher(start(text, turn.within())).find()) {
                    failed.add(Check.WITHIN);
                }
            } else if (!turn.topic().matcher(searched(text, citations)).find()) {
                failed.add(Check.TOPIC);
            }
        }
        if (turn.lang() != null && replyLanguage(text) != turn.lang()) {
            failed.add(Check.LANGUAGE);
        }
        boolean sourceExpected = turn.cited() == null ? turn.topic() != null : turn.cited();
        if (sourceExpected && citations.isEmpty()) {
            failed.add(Check.UNCITED);
        }
        if (Boolean.FALSE.equals(turn.cited()) && !citations.isEmpty()) {
            failed.add(Check.CITED);
        }
        return failed;
    }

    /** What a topic is looked for in: each cited entry's id and title, one a line, then the reply. */
    public static String searched(String text, List<Citation> citations) {
        StringBuilder searched = new StringBuilder();
        for (Citation citation : citations) {
            searched.append(citation.entryId())
                    .append('\n')
                    .append(citation.title())
                    .append('\n');
        }
        return searched.append(text).toString();
    }

    /** The first {@code characters} characters (code points) of {@code text}. */
    public static String start(String text, int characters) {
        int count = text.codePointCount(0, text.length());
        return count <= characters ? text : text.substring(0, text.offsetByCodePoints(0, characters));
    }

    /** A reply's language: by script, a mixed reply counting as Chinese (as the bot answers mixed messages). */
    public static Language replyLanguage(String reply) {
        return reply.isBlank() ? null : DETECTOR.detect(reply).replyLanguage();
    }
}
