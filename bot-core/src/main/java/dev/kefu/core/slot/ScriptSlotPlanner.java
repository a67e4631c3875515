package dev.kefu.core.slot;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.KnowledgeFacts.Fact;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import dev.kefu.core.slot.experiment.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Stage ⑤ from a {@link ScriptLibrary}: the scripts this shopper and message are eligible for, by
 * tags, intent and the category of the product asked about, each with the variant the shopper is
 * assigned and its line filled from the knowledge graph. A line whose placeholders cannot all be
 * filled is dropped rather than shown half-written. Proposals only: stage ⑥'s guard rails decide.
 */
public final class ScriptSlotPlanner implements SlotPlanner {
    private static final int MAX_ACCESSORIES = 3;

    private final Supplier<ScriptLibrary> library;
    private final KnowledgeFacts facts;
    private final VariantChooser chooser;
    private final ShopperEvents events;
    private final Function<String, Experiment.Status> statuses;

    /** A shopper's storefront events since a time, for the behaviour tag rules. */
    @FunctionalInterface
    public interface ShopperEvents {
        List<StorefrontEvent> since(String shopperId, Instant since);

        static ShopperEvents none() {
            return (shopperId, since) -> List.of();
        }
    }

    /**
     * Picks the variant a shopper sees: an experiment's assignment, or empty for its holdout. Scripts
     * without an experiment show their first variant.
     */
    @FunctionalInterface
    public interface VariantChooser {
        Optional<ScriptVariant> choose(Script script, String shopperKey);

        /**
         * The shopper's arm of the script's experiment (deterministic: the same on every visit and
         * after restarts); the holdout sees no line.
         */
        static VariantChooser experiments(Assigner assigner) {
            return (script, shopperKey) -> {
                String arm = assigner.assign(experimentOf(script), shopperKey);
                return script.variants().stream()
                        .filter(v -> v.id().equals(arm))
                        .findFirst();
            };
        }
    }

    /** The experiment a script's variants run in (running; pausing comes with the experiment store). */
    public static Experiment experimentOf(Script script) {
        return new Experiment(
                script.experimentId(),
                script.id(),
                script.variants().stream()
                        .map(v -> new Variant(v.id(), v.weight()))
                        .toList(),
                script.holdoutWeight(),
                Experiment.Status.RUNNING);
    }

    public ScriptSlotPlanner(ScriptLibrary library, KnowledgeFacts facts, VariantChooser chooser) {
        this(library, facts, chooser, ShopperEvents.none());
    }

    public ScriptSlotPlanner(
            ScriptLibrary library, KnowledgeFacts facts, VariantChooser chooser, ShopperEvents events) {
        this(library, facts, chooser, events, id -> Experiment.Status.RUNNING);
    }

    /**
     * @param statuses an experiment's status by id: only a running experiment's script shows lines
     *     (a paused or ended one shows nothing and records no exposure)
     */
    public ScriptSlotPlanner(
            ScriptLibrary library,
            KnowledgeFacts facts,
            VariantChooser chooser,
            ShopperEvents events,
            Function<String, Experiment.Status> statuses) {
        this(() -> library, facts, chooser, events, statuses);
    }

    /**
     * @param library the current library, read once per message (trainers may replace it while
     *     the server runs)
     */
    public ScriptSlotPlanner(
            Supplier<ScriptLibrary> library,
            KnowledgeFacts facts,
            VariantChooser chooser,
            ShopperEvents events,
            Function<String, Experiment.Status> statuses) {
        this.library = library;
        this.facts = facts;
        this.chooser = chooser;
        this.events = events;
        this.statuses = statuses;
    }

    /**
     * The shopper's tags for targeting: the store's, and those the tag rules infer from the
     * conversation and the shopper's recent storefront events.
     */
    public Set<String> tags(Conversation conversation) {
        Set<String> tags = new HashSet<>(conversation.shopper().tags());
        TagRules rules = library.get().tagRules();
        if (rules.keywords().isEmpty() && rules.behaviours().isEmpty()) {
            return tags;
        }
        Instant now = conversation.updatedAt();
        String shopperId = conversation.shopper().verifiedId();
        List<StorefrontEvent> recent = shopperId == null || rules.behaviours().isEmpty()
                ? List.of()
                : events.since(shopperId, now.minus(rules.lookback()));
        rules.infer(conversation, recent, now).forEach(t -> tags.add(t.tag()));
        return tags;
    }

    @Override
    public List<Slot> plan(SlotRequest request) {
        ShopperContext shopper = request.conversation().shopper();
        Set<String> tags = tags(request.conversation());
        String intent = request.understanding().intent().name();
        Language language = request.understanding().replyLanguage();
        Instant now = request.conversation().updatedAt();
        List<Slot> slots = new ArrayList<>();
        for (Script script : library.get().scripts()) {
            if (!script.tags().isEmpty() && script.tags().stream().noneMatch(tags::contains)) {
                continue;
            }
            if (!script.intents().isEmpty() && !script.intents().contains(intent)) {
                continue;
            }
            if (!script.categories().isEmpty() && !inCategory(request.subject(), script, language)) {
                continue;
            }
            if (script.experimentId() != null && statuses.apply(script.experimentId()) != Experiment.Status.RUNNING) {
                continue; // paused or ended: no line, no exposure
            }
            String key = shopper.key(request.conversation().id());
            Optional<ScriptVariant> variant = script.experimentId() == null
                    ? Optional.of(script.variants().get(0))
                    : chooser.choose(script, key);
            if (variant.isEmpty()) {
                // The holdout sees no line, but only where the line could have been shown.
                if (fill(script.variants().get(0).line(language), request.subject(), language, now)
                        .isPresent()) {
                    slots.add(Slot.holdout(script.id(), script.experimentId(), script.position()));
                }
                continue;
            }
            fill(variant.get().line(language), request.subject(), language, now)
                    .ifPresent(text -> slots.add(new Slot(
                            script.id(),
                            script.experimentId(),
                            script.experimentId() == null ? null : variant.get().id(),
                            script.position(),
                            text)));
        }
        return slots;
    }

    /**
     * What shoppers with {@code tags} asking with {@code intent} about product {@code subject} would
     * be offered by {@code draft} (a library being edited), every variant filled: the trainers'
     * preview. Status and assignment are ignored; guard rails are not applied.
     */
    public List<Preview> preview(
            ScriptLibrary draft, Set<String> tags, String intent, String subject, Language language, Instant now) {
        List<Preview> previews = new ArrayList<>();
        for (Script script : draft.scripts()) {
            boolean eligible =
                    (script.tags().isEmpty() || script.tags().stream().anyMatch(tags::contains))
                            && (script.intents().isEmpty() || script.intents().contains(intent))
                            && (script.categories().isEmpty() || inCategory(subject, script, language));
            if (eligible) {
                List<Preview.Line> lines = new ArrayList<>();
                for (ScriptVariant variant : script.variants()) {
                    lines.add(new Preview.Line(
                            variant.id(),
                            fill(variant.line(language), subject, language, now).orElse(null)));
                }
                previews.add(new Preview(script.id(), script.experimentId(), script.position(), lines));
            }
        }
        return previews;
    }

    /**
     * A script a preview found eligible, with each variant's filled line ({@code null} when its
     * placeholders cannot be filled for that product, so it would not be shown).
     */
    public record Preview(String scriptId, String experimentId, SlotPosition position, List<Line> lines) {
        public record Line(String variant, String text) {}
    }

    private boolean inCategory(String subject, Script script, Language language) {
        return subject != null
                && facts.related(subject, "belongs_to", true, language).stream()
                        .anyMatch(category -> script.categories().contains(category.id()));
    }

    /**
     * The line with its placeholders filled as of {@code now}, or empty when one of them has no
     * value (a promotion that has ended, or has not started, has none).
     */
    Optional<String> fill(String line, String subject, Language language, Instant now) {
        Map<String, String> values = new HashMap<>();
        Matcher m = ScriptLibrary.PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.computeIfAbsent(name, n -> value(n, subject, language, now));
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private String value(String placeholder, String subject, Language language, Instant now) {
        if (subject == null) {
            return null;
        }
        String and = language.replyLanguage() == Language.EN ? ", " : "、";
        return switch (placeholder) {
            case "product.name" -> facts.entry(subject, language)
                    .map(Fact::title)
                    .orElse(null);
            case "product.price" -> facts.entry(subject, language)
                    .map(f -> f.attributes().get("price"))
                    .orElse(null);
            case "accessories" -> {
                List<String> names = facts.related(subject, "accessory_of", false, language).stream()
                        .limit(MAX_ACCESSORIES)
                        .map(Fact::title)
                        .toList();
                yield names.isEmpty() ? null : String.join(and, names);
            }
            case "category.name" -> facts.related(subject, "belongs_to", true, language).stream()
                    .filter(f -> f.type().equals("category"))
                    .map(Fact::title)
                    .findFirst()
                    .orElse(null);
            case "promotion.name" -> promotion(subject, language, now)
                    .map(Fact::title)
                    .orElse(null);
            case "promotion.ends_in" -> promotion(subject, language, now)
                    .flatMap(p -> Promotions.end(p.attributes()))
                    .map(end -> Promotions.endsIn(now, end, language))
                    .orElse(null);
            default -> null;
        };
    }

    /** The first promotion related to the product that runs at {@code now}. */
    private Optional<Fact> promotion(String subject, Language language, Instant now) {
        return facts.related(subject, "related", true, language).stream()
                .filter(f -> f.type().equals("promotion"))
                .filter(f -> Promotions.runs(f.attributes(), now))
                .findFirst();
    }
}
