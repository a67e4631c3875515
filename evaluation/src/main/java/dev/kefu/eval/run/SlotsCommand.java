package dev.kefu.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.PipelineResult;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.core.slot.SalesStages;
import dev.kefu.core.slot.Slot;
import dev.kefu.core.slot.SlotGuard;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.eval.run.DialogueFiles.Problems;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kefu-eval slots --dialogues F --out R}: replays scripted conversations through the real
 * pipeline (the demo store, the demo scripts, the default configuration, an in-memory conversation
 * store) and measures the marketing slots: how often a line goes out, whether one ever goes out on
 * a negative or forbidden turn, and how well the tag rules infer the shopper's tags.
 */
@Command(
        name = "slots",
        mixinStandardHelpOptions = true,
        description = {
            "Replays scripted conversations through the real pipeline (demo store, demo scripts, default"
                    + " configuration) and measures the marketing slots: shown rate, slots on negative or"
                    + " forbidden turns (must be 0), tag inference precision and recall.",
            "",
            "Dialogues: JSON Lines, one conversation per line: {\"id\", \"shopper\"?: {\"id\"?, \"tags\"?: [..]},"
                    + " \"turns\": [{\"text\", \"slotAllowed\": true|false, \"intent\"?, \"negative\"?: true|false,"
                    + " \"expectTags\"?: [..], \"note\"?}], \"note\"?}. slotAllowed false: a slot must not appear"
                    + " (complaint, refund, opted-out shopper, hand-off, a line already shown); negative: the turn"
                    + " is written to be negative; expectTags: the tags the rules must infer by this turn, beyond"
                    + " the shopper's own."
                    + DialogueFiles.CHECKED_FIRST,
            "",
            DialogueFiles.DEMO_HELP
        })
public final class SlotsCommand implements Callable<Integer> {
    @Mixin
    DialogueRun run;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = run.err();
        KefuConfig config = ConfigLoader.defaults();
        String source = run.source();
        List<String> errors = new ArrayList<>();
        List<Dialogue> dialogues = run.read(new DialogueReader(config.server().maxMessageChars())::read, errors);
        if (!errors.isEmpty()) {
            return DialogueFiles.refuse(err, errors);
        }

        List<Row> rows = new ArrayList<>();
        Latencies latencies = new Latencies();
        int turns = dialogues.stream().mapToInt(d -> d.turns().size()).sum();
        try (ReplayBot bot = ReplayBot.open(config, new TemplateComposer());
                Progress progress = new Progress("slots", turns)) {
            bot.warmUp("slots-warm-up-");
            for (Dialogue dialogue : dialogues) {
                String conversationId = "slots-eval:" + dialogue.id();
                for (int i = 0; i < dialogue.turns().size(); i++) {
                    DialogueTurn turn = dialogue.turns().get(i);
                    ReplayBot.Outcome outcome = bot.send(conversationId, dialogue.shopper(), turn.text());
                    latencies.add(outcome.nanos());
                    rows.add(new Row(dialogue, i + 1, turn, outcome));
                    progress.step();
                }
            }
        }

        Report report = report(source, dialogues, rows, latencies, config);
        run.writeWithMetrics(
                report,
                "slot shown rate %s, shown when negative %s, shown when forbidden %s, tag precision %s, recall %s",
                "slot_shown_rate",
                "slot_shown_when_negative",
                "slot_shown_when_forbidden",
                "tag_inference_precision",
                "tag_inference_recall");
        return 0;
    }

    // ---------------------------------------------------------------- dialogues

    /** One scripted conversation; {@code line} is its line in the file. */
    record Dialogue(int line, String id, ShopperContext shopper, List<DialogueTurn> turns) {}

    /**
     * One shopper message and what must (not) happen.
     *
     * @param intent the intent it was written for, or null
     * @param expectTags the tags the rules must infer by this turn beyond the shopper's own, or null
     *     when the turn does not check tags
     */
    record DialogueTurn(String text, String intent, boolean slotAllowed, boolean negative, Set<String> expectTags) {}

    /** Reads and checks a whole dialogues file, collecting every problem with its line number. */
    static final class DialogueReader extends DialogueFiles.Reader<Dialogue> {
        private static final Set<String> DIALOGUE_FIELDS = Set.of("id", "shopper", "turns", "note");
        private static final Set<String> TURN_FIELDS =
                Set.of("text", "intent", "slotAllowed", "negative", "expectTags", "note");

        DialogueReader(int maxChars) {
            super(maxChars, "{\"id\", \"shopper\"?, \"turns\"}", DIALOGUE_FIELDS, Dialogue::id);
        }

        @Override
        Dialogue dialogue(JsonNode node, int number, String id, Problems at) {
            ShopperContext shopper = DialogueFiles.shopper(node.get("shopper"), at);
            List<DialogueTurn> turns = DialogueFiles.turns(
                    node,
                    "{\"text\", \"slotAllowed\", ...}",
                    at,
                    (turn, path, problems) -> turn(turn, path, shopper, problems));
            return at.count() == 0 ? new Dialogue(number, id, shopper, turns) : null;
        }

        private DialogueTurn turn(JsonNode node, String path, ShopperContext shopper, Problems at) {
            int before = at.count();
            DialogueFiles.unknownFields(node, TURN_FIELDS, path, at);
            String text = DialogueFiles.message(node, path, maxChars, at);
            String intent = DialogueFiles.text(node, "intent", path, false, at);
            Boolean allowed = DialogueFiles.bool(node, "slotAllowed", path, true, at);
            Boolean negative = DialogueFiles.bool(node, "negative", path, false, at);
            Set<String> expect = DialogueFiles.tags(node.get("expectTags"), path + "expectTags", at);
            if (expect != null && shopper != null) {
                for (String tag : expect) {
                    if (shopper.hasTag(tag)) {
                        at.add(path + "expectTags: \"" + tag + "\" is one of the shopper's own tags, so it is never"
                                + " inferred (expectTags lists the tags the rules must add)");
                    }
                }
            }
            return at.count() == before
                    ? new DialogueTurn(text, intent, allowed, negative != null && negative, expect)
                    : null;
        }
    }

    // ---------------------------------------------------------------- measuring

    /** One replayed turn and what the bot did. */
    record Row(Dialogue dialogue, int number, DialogueTurn turn, ReplayBot.Outcome outcome) {
        /** This turn's row of a report table, after its dialogue, number and text. */
        String cells(String... cells) {
            return DialogueFiles.turnRow(dialogue.id(), number, turn.text(), cells);
        }

        /** The bot answered (a reply or a hand-off notice); false when the message went to a person. */
        boolean answered() {
            return outcome.result() instanceof PipelineResult.Decided;
        }

        Understanding understanding() {
            return outcome.understanding();
        }

        /** The line the shopper saw with the reply, or null (holdout places are not seen). */
        Slot slot() {
            if (!(outcome.result() instanceof PipelineResult.Decided decided)) {
                return null;
            }
            return decided.decision()
                    .fold(
                            reply -> reply.slots().stream()
                                    .filter(s -> !s.isHoldout())
                                    .findFirst()
                                    .orElse(null),
                            handoff -> null);
        }

        /**
         * Analysed as negative: labelled negative, unless a calm price objection ("太贵了"), whose
         * negative score is the valence of a price (the guard rails' reading, {@link
         * SalesStages#calmObjection}).
         */
        boolean labelledNegative() {
            Understanding nlu = understanding();
            return nlu != null && nlu.sentiment().label() == SentimentLabel.NEGATIVE && !SalesStages.calmObjection(nlu);
        }

        /** Written negative, or analysed as negative. */
        boolean negative() {
            return turn.negative() || labelledNegative();
        }

        String decision() {
            if (!(outcome.result() instanceof PipelineResult.Decided decided)) {
                return "relayed (" + outcome.result().conversation().state().code() + ")";
            }
            return decided.decision()
                    .fold(
                            reply -> "reply",
                            handoff -> "hand-off: " + handoff.trigger().reason().code());
        }

        String intent() {
            return outcome.intent();
        }

        String sentiment() {
            return outcome.shown(nlu -> String.format(
                    Locale.ROOT,
                    "%s %.2f (running %.2f)",
                    nlu.sentiment().label().code(),
                    nlu.sentiment().score(),
                    nlu.trend().running()));
        }
    }

    static Report report(
            String source, List<Dialogue> dialogues, List<Row> rows, Latencies latencies, KefuConfig config) {
        int answered = 0;
        int shown = 0;
        int shownNegative = 0;
        int shownForbidden = 0;
        int negativeTurns = 0;
        int forbiddenTurns = 0;
        int allowedAnswered = 0;
        int allowedShown = 0;
        int relayed = 0;
        int handoffs = 0;
        int tagTurns = 0;
        int truePositives = 0;
        int inferredCount = 0;
        int expectedCount = 0;
        int intentTurns = 0;
        int intentRight = 0;
        List<String> guardFailures = new ArrayList<>();
        List<String> tagFailures = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        List<String> undetected = new ArrayList<>();
        List<String> intents = new ArrayList<>();
        List<String> transcript = new ArrayList<>();
        for (Row row : rows) {
            Slot slot = row.slot();
            boolean isShown = slot != null;
            DialogueTurn turn = row.turn();
            if (row.answered()) {
                answered++;
                shown += isShown ? 1 : 0;
                handoffs += row.decision().startsWith("hand-off") ? 1 : 0;
            } else {
                relayed++;
            }
            negativeTurns += row.negative() ? 1 : 0;
            forbiddenTurns += turn.slotAllowed() ? 0 : 1;
            List<String> why = new ArrayList<>();
            if (isShown && row.negative()) {
                shownNegative++;
                why.add(turn.negative() ? "negative turn" : "analysed negative");
            }
            if (isShown && !turn.slotAllowed()) {
                shownForbidden++;
                why.add("slotAllowed: false");
            }
            if (!why.isEmpty()) {
                guardFailures.add(row.cells(
                        String.join(", ", why),
                        SlotGuard.key(slot),
                        row.intent(),
                        row.sentiment(),
                        String.join(", ", row.dialogue().shopper().tags()),
                        diagnosis(row, config)));
            }
            if (turn.slotAllowed() && row.answered()) {
                allowedAnswered++;
                allowedShown += isShown ? 1 : 0;
                if (!isShown) {
                    quiet.add(row.cells(
                            row.decision(),
                            row.outcome().suppressed().isEmpty()
                                    ? "none proposed"
                                    : "suppressed: "
                                            + String.join(
                                                    ", ",
                                                    new TreeSet<>(row.outcome().suppressed())),
                            row.intent(),
                            row.sentiment()));
                }
            }
            if (turn.negative() && row.answered() && !row.labelledNegative()) {
                undetected.add(row.cells(row.sentiment(), row.decision(), isShown ? SlotGuard.key(slot) : "-"));
            }
            if (turn.expectTags() != null) {
                tagTurns++;
                Set<String> inferred = row.outcome().inferredTags();
                Set<String> expected = turn.expectTags();
                Set<String> missed = new TreeSet<>(expected);
                missed.removeAll(inferred);
                Set<String> wrong = new TreeSet<>(inferred);
                wrong.removeAll(expected);
                truePositives += expected.size() - missed.size();
                inferredCount += inferred.size();
                expectedCount += expected.size();
                if (!missed.isEmpty() || !wrong.isEmpty()) {
                    tagFailures.add(row.cells(
                            String.join(", ", new TreeSet<>(expected)),
                            String.join(", ", inferred),
                            String.join(", ", missed),
                            String.join(", ", wrong)));
                }
            }
            Understanding nlu = row.understanding();
            if (turn.intent() != null && nlu != null) {
                intentTurns++;
                if (turn.intent().equals(nlu.intent().name())) {
                    intentRight++;
                } else {
                    intents.add(row.cells(turn.intent(), row.intent()));
                }
            }
            transcript.add(row.cells(
                    (turn.slotAllowed() ? "allowed" : "forbidden") + (turn.negative() ? ", negative" : ""),
                    row.intent(),
                    row.sentiment(),
                    row.decision(),
                    isShown ? SlotGuard.key(slot) : "-",
                    String.join(", ", new TreeSet<>(row.outcome().suppressed())),
                    String.join(", ", row.outcome().inferredTags()),
                    String.format(Locale.ROOT, "%.1f", row.outcome().nanos() / 1e6)));
        }

        double precision;
        double recall;
        if (tagTurns == 0) {
            precision = Double.NaN; // nothing measured
            recall = Double.NaN;
        } else {
            precision = inferredCount == 0 ? (expectedCount == 0 ? 1.0 : 0.0) : (double) truePositives / inferredCount;
            recall = expectedCount == 0 ? 1.0 : (double) truePositives / expectedCount;
        }
        Report report = new Report("Marketing slots: " + source)
                .put("slot_shown_rate", ratio(shown, answered))
                .put("slot_shown_when_negative", shownNegative)
                .put("slot_shown_when_forbidden", shownForbidden)
                .put("tag_inference_precision", precision)
                .put("tag_inference_recall", recall)
                .put("n_dialogues", dialogues.size())
                .put("n_turns", rows.size())
                .put("p50_ms", latencies.percentileMs(50))
                .put("p99_ms", latencies.percentileMs(99))
                .put("n_bot_answered", answered)
                .put("n_slots_shown", shown)
                .put("slot_shown_rate_when_allowed", ratio(allowedShown, allowedAnswered))
                .put("n_negative_turns", negativeTurns)
                .put("n_forbidden_turns", forbiddenTurns)
                .put("n_handoffs", handoffs)
                .put("n_relayed", relayed)
                .put("n_tag_turns", tagTurns)
                .put("intent_accuracy", ratio(intentRight, intentTurns))
                .put("n_intent_turns", intentTurns);
        report.section(
                "Definitions",
                """
                A turn is bot-answered when the pipeline decided on it (a reply or a hand-off notice); \
                while a person serves the conversation the message is relayed and the bot says nothing. \
                `slot_shown_rate` = turns whose reply carried a visible line / bot-answered turns. \
                `slot_shown_when_negative` counts turns written negative (`negative: true`) or whose \
                message the analyser labelled negative (a calm price objection such as "太贵了" excepted: no \
emotion, no complaint, no bad news but the price) that showed a line; `slot_shown_when_forbidden` \
                counts `slotAllowed: false` turns that showed a line; both must be 0. Tags: at each turn \
                with `expectTags`, the tags the planner's tag rules give the conversation minus the \
                shopper's own, against `expectTags`, micro-averaged over (turn, tag) pairs; precision is \
                1.0 when nothing was inferred and nothing expected (0.0 when something was expected), \
                recall 1.0 when nothing was expected; both n/a without `expectTags` turns. Latency: one \
                `handle` call per turn, after a warm-up.""");
        report.section(
                "Guard-rail failures (a line on a negative or forbidden turn)",
                guardFailures.isEmpty()
                        ? "None: no line was shown on a negative or forbidden turn."
                        : DialogueFiles.turnTable(
                                guardFailures,
                                "why it fails",
                                "line shown",
                                "intent",
                                "sentiment",
                                "shopper tags",
                                "why no guard rail stopped it"));
        report.section(
                "Tag inference misses (missed or wrong tags)",
                tagFailures.isEmpty()
                        ? "None: every turn with expectTags inferred exactly the expected tags."
                        : DialogueFiles.turnTable(tagFailures, "expected", "inferred", "missed", "wrong"));
        report.section(
                "Negative turns the analyser did not label negative",
                undetected.isEmpty()
                        ? "None."
                        : "The message guard rail (`negative_sentiment`) relies on the analyser's label; these"
                                + " turns were kept from a line, if at all, by another rule.\n\n"
                                + DialogueFiles.turnTable(undetected, "sentiment", "decision", "line shown"));
        report.section(
                "Allowed turns without a line (informational)",
                quiet.isEmpty()
                        ? "None."
                        : DialogueFiles.turnTable(quiet, "decision", "why no line", "intent", "sentiment"));
        report.section(
                "Intent differences (informational)",
                intents.isEmpty() ? "None." : DialogueFiles.turnTable(intents, "written for", "predicted"));
        report.section(
                "All turns",
                DialogueFiles.turnTable(
                        transcript,
                        "slot",
                        "intent",
                        "sentiment",
                        "decision",
                        "line shown",
                        "suppressed",
                        "inferred tags",
                        "ms"));
        return report;
    }

    /** Why the guard rails let a line through on this turn: each rule and the value it saw. */
    static String diagnosis(Row row, KefuConfig config) {
        Understanding nlu = row.understanding();
        double band = config.sentiment().neutralBand();
        double uncued = config.sentiment().uncuedWeight();
        String cue = nlu.sentiment().cues().isEmpty()
                ? String.format(Locale.ROOT, "no lexicon cue, so the score is the model's x %.2f", uncued)
                        + " (sentiment.uncuedWeight)"
                        + (uncued < band ? String.format(Locale.ROOT, ", which can never reach -%.2f", band) : "")
                : "cues: " + String.join(", ", nlu.sentiment().cues());
        return String.format(
                Locale.ROOT,
                "message %s at %.2f (negative at <= -%.2f; %s); running %.2f (negative below -%.2f); state bot;"
                        + " intent %s not in %s; no tag of %s",
                nlu.sentiment().label().code(),
                nlu.sentiment().score(),
                band,
                cue,
                nlu.trend().running(),
                band,
                nlu.intent().name(),
                config.slots().forbiddenIntents(),
                config.slots().optOutTags());
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
