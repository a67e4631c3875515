package dev.kefu.eval.run;

import dev.kefu.channels.app.DialogueReplay;
import dev.kefu.channels.app.DialogueReplay.Check;
import dev.kefu.channels.app.DialogueReplay.Turn;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.intent.Language;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.eval.run.DialoguesCommand.Dialogue;
import dev.kefu.eval.run.ShopperChannel.After;
import dev.kefu.eval.run.ShopperChannel.ShopperView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the {@code dialogues} command scores a turn and sums a run up. The turn checks themselves are
 * {@link DialogueReplay#failed}'s, shared with the intents workshop's comparison in the server.
 *
 * <p>A turn that expects a hand-off passes when the conversation is with a person after it (the bot
 * handed off at this turn, or a person already had it). A turn that expects none fails when it is
 * with a person, and otherwise on each expectation it has: {@code topic} (a regex, found with
 * {@link java.util.regex.Matcher#find()} in the cited entries' ids and titles, one a line, followed
 * by the reply; with {@code within: N} in the reply's first N characters only), {@code lang} (the
 * reply's language by script, a mixed reply counting as Chinese as the bot's replies do), and
 * sources (a turn with a topic must cite something unless {@code cited} says otherwise; {@code
 * cited: false}: nothing). A conversation is resolved when every turn passed.
 */
final class DialogueScoring {
    /** Characters of a reply a report shows. */
    static final int SHOWN_CHARS = 160;

    /** The id prefixes that name a conversation's language. */
    private static final Set<String> LANGUAGES = Set.of("zh", "en", "mix");

    private DialogueScoring() {}

    /** One replayed turn, what the shopper saw and the checks it failed (none: it passed). */
    record TurnScore(Dialogue dialogue, int number, Turn turn, ShopperView seen, List<Check> failed) {
        TurnScore {
            failed = List.copyOf(failed);
        }

        boolean passed() {
            return failed.isEmpty();
        }
    }

    /** The checks {@code seen} fails for {@code turn}; empty when the turn passes. */
    static List<Check> failed(Turn turn, ShopperView seen) {
        return DialogueReplay.failed(turn, seen.withPerson(), seen.text(), seen.citations());
    }

    /** The first {@code characters} characters (code points) of {@code text}. */
    static String start(String text, int characters) {
        return DialogueReplay.start(text, characters);
    }

    /** A reply's language: by script, a mixed reply counting as Chinese (as the bot answers mixed messages). */
    static Language replyLanguage(String reply) {
        return DialogueReplay.replyLanguage(reply);
    }

    /**
     * A conversation's language for the breakdown: its id's prefix ({@code zh}, {@code en}, {@code
     * mix}), else the {@code lang} its turns share, else {@code other}.
     */
    static String language(Dialogue dialogue) {
        String prefix = dialogue.id().split("-", 2)[0];
        if (LANGUAGES.contains(prefix)) {
            return prefix;
        }
        Set<Language> langs = dialogue.turns().stream()
                .map(Turn::lang)
                .filter(lang -> lang != null)
                .collect(Collectors.toSet());
        return langs.size() == 1 ? langs.iterator().next().code() : "other";
    }

    /**
     * A conversation's kind: the middle of an id {@code <lang>-<kind>-<nn>} ({@code aftersales},
     * {@code followup}); an id without a language prefix or a number at the end has its rest as
     * the kind, one with neither is of kind {@code other}.
     */
    static String kind(Dialogue dialogue) {
        List<String> parts = new ArrayList<>(List.of(dialogue.id().split("-", -1)));
        boolean shaped = false;
        if (parts.size() > 1 && LANGUAGES.contains(parts.get(0))) {
            parts.remove(0);
            shaped = true;
        }
        if (parts.size() > 1 && parts.get(parts.size() - 1).matches("\\d+")) {
            parts.remove(parts.size() - 1);
            shaped = true;
        }
        String kind = String.join("-", parts);
        return shaped && !kind.isBlank() ? kind : "other";
    }

    // ---------------------------------------------------------------- the run

    /** Conversations and turns counted for one group (all, a language, a kind). */
    static final class Tally {
        int conversations;
        int resolved;
        int turns;
        int passed;
        int answerTurns;
        int falseHandoffs;
        int handoffTurns;
        int missedHandoffs;

        /** Counts one conversation's turns. */
        void add(List<TurnScore> conversation) {
            conversations++;
            resolved += conversation.stream().allMatch(TurnScore::passed) ? 1 : 0;
            for (TurnScore score : conversation) {
                turns++;
                passed += score.passed() ? 1 : 0;
                if (score.turn().handoff()) {
                    handoffTurns++;
                    missedHandoffs += score.seen().withPerson() ? 0 : 1;
                } else {
                    answerTurns++;
                    falseHandoffs += score.seen().withPerson() ? 1 : 0;
                }
            }
        }

        Double resolution() {
            return rate(resolved, conversations);
        }

        Double turnPass() {
            return rate(passed, turns);
        }

        Double falseHandoff() {
            return rate(falseHandoffs, answerTurns);
        }

        Double missedHandoff() {
            return rate(missedHandoffs, handoffTurns);
        }

        /** The group in the JSON report. */
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("resolution_rate", resolution());
            json.put("turn_pass_rate", turnPass());
            json.put("false_handoff_rate", falseHandoff());
            json.put("missed_handoff_rate", missedHandoff());
            json.put("n_conversations", conversations);
            json.put("n_resolved", resolved);
            json.put("n_turns", turns);
            json.put("n_turns_passed", passed);
            json.put("n_answer_turns", answerTurns);
            json.put("n_false_handoffs", falseHandoffs);
            json.put("n_handoff_turns", handoffTurns);
            json.put("n_missed_handoffs", missedHandoffs);
            return json;
        }

        /** The group's row of a breakdown table. */
        String row(String name) {
            return Report.cells(
                    name,
                    Integer.toString(conversations),
                    shown(resolution(), resolved, conversations),
                    shown(turnPass(), passed, turns),
                    shown(falseHandoff(), falseHandoffs, answerTurns),
                    shown(missedHandoff(), missedHandoffs, handoffTurns));
        }

        static final List<String> HEADER =
                List.of("", "conversations", "resolved", "turns passed", "false hand-offs", "missed hand-offs");
    }

    /**
     * The run's report.
     *
     * @param source the dialogues' name
     * @param target where they were replayed ({@code in process} or the server's address)
     * @param scores every turn, in the order they were replayed
     */
    static Report report(
            String source, String target, List<Dialogue> dialogues, List<TurnScore> scores, Latencies latencies) {
        Map<Dialogue, List<TurnScore>> byDialogue = new LinkedHashMap<>();
        dialogues.forEach(d -> byDialogue.put(d, new ArrayList<>()));
        scores.forEach(s -> byDialogue.get(s.dialogue()).add(s));
        Tally all = new Tally();
        Map<String, Tally> byLanguage = new TreeMap<>();
        Map<String, Tally> byKind = new TreeMap<>();
        byDialogue.forEach((dialogue, turns) -> {
            all.add(turns);
            byLanguage.computeIfAbsent(language(dialogue), l -> new Tally()).add(turns);
            byKind.computeIfAbsent(kind(dialogue), k -> new Tally()).add(turns);
        });
        List<TurnScore> misses = scores.stream().filter(s -> !s.passed()).toList();
        Map<Check, Integer> checks = new EnumMap<>(Check.class);
        Map<String, Map<Check, Integer>> kindChecks = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (TurnScore miss : misses) {
            for (Check check : miss.failed()) {
                checks.merge(check, 1, Integer::sum);
                kindChecks
                        .computeIfAbsent(kind(miss.dialogue()), k -> new EnumMap<>(Check.class))
                        .merge(check, 1, Integer::sum);
            }
            if (miss.failed().contains(Check.FALSE_HANDOFF)) {
                reasons.merge(handoffCause(miss.seen()), 1, Integer::sum);
            }
        }

        Report report = new Report("Dialogues: " + source + " (" + target + ")")
                .put("resolution_rate", all.resolution())
                .put("turn_pass_rate", all.turnPass())
                .put("false_handoff_rate", all.falseHandoff())
                .put("missed_handoff_rate", all.missedHandoff());
        all.json().forEach((name, value) -> {
            if (name.startsWith("n_")) {
                report.put(name, value);
            }
        });
        report.put("p50_ms", latencies.size() == 0 ? null : latencies.percentileMs(50))
                .put("p99_ms", latencies.size() == 0 ? null : latencies.percentileMs(99))
                .put("replayed", target)
                .data("by_language", json(byLanguage))
                .data("by_kind", json(byKind))
                .data("failed_checks", byCount(checks, Check::code))
                .data("false_handoff_causes", byCount(reasons, Function.identity()))
                .data("misses", misses.stream().map(DialogueScoring::missJson).toList());

        report.section(
                "Definitions",
                """
                A turn that expects a hand-off (`handoff: true`) passes when, after it, the conversation \
                is with a person: the bot handed off at that turn, or a person already had it. A turn that \
                expects none fails when the conversation is with a person after it (a false hand-off), \
                and otherwise on each of its expectations: `topic` (a regex, case-sensitive unless it \
                says `(?i)`) found in the cited entries' ids and titles, one a line, followed by the \
                reply; with `within: N`, found in the reply's first N characters instead; `lang`, the \
                reply's language by script (a mixed reply counts as Chinese, as the bot answers mixed \
                messages in Chinese); a turn with a topic must cite at least one entry, `cited: false` \
                none. A conversation is resolved when every turn passed: `resolution_rate` = resolved / \
                conversations; `turn_pass_rate` = turns passed / turns; `false_handoff_rate` = turns with \
                a person among turns that expected an answer; `missed_handoff_rate` = turns the bot \
                answered among turns that expected a hand-off. Language: the id's prefix (`zh`, `en`, \
                `mix`), else the turns' `lang`; kind: the id's middle part (`<lang>-<kind>-<nn>`). \
                Latency: each message from sending to the whole answer (in process: the pipeline's \
                `handle`, after a warm-up; over HTTP: the request, network included). Every turn of a \
                conversation is replayed, whatever the earlier turns got.""");
        report.section("By language", Report.table(Tally.HEADER, rows(byLanguage)));
        report.section("By kind", Report.table(Tally.HEADER, rows(byKind)));
        report.section(
                "Failed checks",
                checks.isEmpty()
                        ? "None: every turn passed."
                        : Report.table(
                                List.of("check", "turns", "meaning"),
                                checks.entrySet().stream()
                                        .sorted(Map.Entry.<Check, Integer>comparingByValue(Comparator.reverseOrder()))
                                        .map(e -> Report.cells(
                                                e.getKey().code(),
                                                Integer.toString(e.getValue()),
                                                e.getKey().meaning()))
                                        .toList()));
        report.section(
                "False hand-offs by cause",
                reasons.isEmpty()
                        ? "None."
                        : "The hand-off's reason, with the intent for `intent` hand-offs; `earlier:` marks"
                                + " turns that met a person because an earlier turn handed off.\n\n"
                                + Report.table(
                                        List.of("cause", "turns"),
                                        byCount(reasons, Function.identity()).entrySet().stream()
                                                .map(e -> Report.cells(
                                                        e.getKey(), e.getValue().toString()))
                                                .toList()));
        report.section("Failed checks by kind", kindTable(kindChecks));
        report.section(
                "Misses",
                misses.isEmpty()
                        ? "None."
                        : DialogueFiles.turnTable(
                                misses.stream()
                                        .map(m -> DialogueFiles.turnRow(
                                                m.dialogue().id(),
                                                m.number(),
                                                m.turn().text(),
                                                m.failed().stream()
                                                        .map(Check::code)
                                                        .collect(Collectors.joining(", ")),
                                                expected(m.turn()),
                                                got(m.seen()),
                                                understood(m.seen())))
                                        .toList(),
                                "failed",
                                "expected",
                                "got",
                                "understood"));
        report.section(
                "All turns",
                DialogueFiles.turnTable(
                        scores.stream()
                                .map(s -> DialogueFiles.turnRow(
                                        s.dialogue().id(),
                                        s.number(),
                                        s.turn().text(),
                                        s.passed() ? "pass" : "MISS",
                                        got(s.seen()),
                                        String.format(
                                                Locale.ROOT, "%.1f", s.seen().nanos() / 1e6)))
                                .toList(),
                        "result",
                        "got",
                        "ms"));
        return report;
    }

    /** What a turn expected, in a few words. */
    static String expected(Turn turn) {
        if (turn.handoff()) {
            return "hand-off";
        }
        StringBuilder text = new StringBuilder("answer");
        if (turn.topic() != null) {
            text.append("; topic /").append(turn.topic().pattern()).append('/');
            if (turn.within() != null) {
                text.append(" in the first ").append(turn.within()).append(" characters");
            }
        }
        if (turn.lang() != null) {
            text.append("; ").append(turn.lang().code());
        }
        boolean sourceExpected = turn.cited() == null ? turn.topic() != null : turn.cited();
        if (turn.cited() != null || sourceExpected) {
            text.append(sourceExpected ? "; cites an entry" : "; cites nothing");
        }
        return text.toString();
    }

    /** What the shopper got: the hand-off and its reason, or the reply's start and its sources. */
    static String got(ShopperView seen) {
        return switch (seen.after()) {
            case HANDOFF -> "hand-off: " + seen.reason();
            case WITH_PERSON -> "with a person since an earlier turn"
                    + (seen.reason() == null ? "" : " (" + seen.reason() + ")") + "; the bot said nothing";
            case REPLY -> {
                Language lang = replyLanguage(seen.text());
                yield "[" + (lang == null ? "-" : lang.code()) + "] " + start(seen.text(), SHOWN_CHARS)
                        + (seen.text().codePointCount(0, seen.text().length()) > SHOWN_CHARS ? "…" : "")
                        + " (cites: "
                        + (seen.citations().isEmpty() ? "nothing" : citedIds(seen)) + ")";
            }
        };
    }

    /** The intent and sentiment the bot saw, or {@code -}. */
    static String understood(ShopperView seen) {
        if (seen.intent() == null) {
            return "-";
        }
        return seen.sentiment() == null
                ? seen.intent()
                : String.format(Locale.ROOT, "%s, sentiment %.2f", seen.intent(), seen.sentiment());
    }

    /** Why a false hand-off happened: the reason, with the intent for {@code intent}; {@code earlier:} when relayed. */
    static String handoffCause(ShopperView seen) {
        String reason = String.valueOf(seen.reason());
        if (seen.after() == After.WITH_PERSON) {
            return "earlier: " + reason;
        }
        return "intent".equals(reason) && seen.intent() != null ? reason + " (" + seen.intent() + ")" : reason;
    }

    private static String citedIds(ShopperView seen) {
        return seen.citations().stream().map(Citation::entryId).collect(Collectors.joining(", "));
    }

    private static Map<String, Object> missJson(TurnScore miss) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", miss.dialogue().id());
        json.put("turn", miss.number());
        json.put("text", miss.turn().text());
        json.put("failed", miss.failed().stream().map(Check::code).toList());
        json.put("expected", expected(miss.turn()));
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("after", miss.seen().after().name().toLowerCase(Locale.ROOT));
        seen.put("reason", miss.seen().reason());
        seen.put("reply", start(miss.seen().text(), SHOWN_CHARS));
        seen.put(
                "cited", miss.seen().citations().stream().map(Citation::entryId).toList());
        seen.put("intent", miss.seen().intent());
        seen.put("sentiment", miss.seen().sentiment());
        json.put("got", seen);
        return json;
    }

    private static Map<String, Object> json(Map<String, Tally> groups) {
        Map<String, Object> json = new LinkedHashMap<>();
        groups.forEach((name, tally) -> json.put(name, tally.json()));
        return json;
    }

    private static List<String> rows(Map<String, Tally> groups) {
        return groups.entrySet().stream().map(e -> e.getValue().row(e.getKey())).toList();
    }

    /** Counts by key, most first (ties by key), keys made by {@code name}. */
    private static <K> Map<String, Integer> byCount(Map<K, Integer> counts, Function<K, String> name) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<K, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> name.apply(e.getKey())))
                .forEach(e -> sorted.put(name.apply(e.getKey()), e.getValue()));
        return sorted;
    }

    private static String kindTable(Map<String, Map<Check, Integer>> kindChecks) {
        if (kindChecks.isEmpty()) {
            return "None.";
        }
        List<String> header = new ArrayList<>(List.of("kind"));
        for (Check check : Check.values()) {
            header.add(check.code());
        }
        List<String> rows = new ArrayList<>();
        kindChecks.forEach((kind, counts) -> {
            List<String> cells = new ArrayList<>(List.of(kind));
            for (Check check : Check.values()) {
                cells.add(counts.containsKey(check) ? counts.get(check).toString() : "");
            }
            rows.add(Report.cells(cells.toArray(String[]::new)));
        });
        return Report.table(header, rows);
    }

    /** {@code 0.723 (76 of 105)}, or {@code n/a (0 of 0)}. */
    private static String shown(Double rate, int part, int whole) {
        return (rate == null ? "n/a" : String.format(Locale.ROOT, "%.3f", rate)) + " (" + part + " of " + whole + ")";
    }

    /** part / whole, or null when there is nothing to divide by. */
    static Double rate(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
