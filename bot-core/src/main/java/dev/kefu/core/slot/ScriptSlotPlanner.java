package dev.kefu.core.slot;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.KnowledgeFacts.Fact;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import dev.kefu.core.slot.experiment.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Stage ⑤ from a {@link ScriptLibrary}: the scripts this shopper and message are eligible for, by
 * tags, intent and the category asked about (the product's, or that of the category or promotion
 * the answer leads with), each with the variant the shopper is assigned and its line, for a staged
 * script the line of the conversation's {@link SalesStages stage}, filled from the knowledge graph. A line whose placeholders cannot all be
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
        Focus focus = focus(request.subject(), request.passages(), language);
        if (focus.product() == null
                && focus.categories().isEmpty()
                && request.conversation().subject() != null) {
            // "就要这个", "too expensive": about the product the conversation is on
            focus = focus(request.conversation().subject().entryId(), List.of(), language);
        }
        Optional<Script.Stage> stage =
                SalesStages.of(request.understanding(), request.conversation(), focus.categoryAsked());
        List<Slot> slots = new ArrayList<>();
        for (Script script : library.get().scripts()) {
            if (!eligible(script, tags, intent, focus)) {
                continue;
            }
            if (script.experimentId() != null && statuses.apply(script.experimentId()) != Experiment.Status.RUNNING) {
                continue; // paused or ended: no line, no exposure
            }
            Script.Stage shownStage = script.staged() ? stage.orElse(null) : script.stage();
            if (shownStage == null) {
                continue; // a staged script has nothing to say outside the stages it knows
            }
            String key = shopper.key(request.conversation().id());
            Optional<ScriptVariant> variant = script.experimentId() == null
                    ? Optional.of(script.variants().get(0))
                    : chooser.choose(script, key);
            if (variant.isEmpty()) {
                // The holdout sees no line, but only where the line could have been shown.
                if (fill(script.variants().get(0).line(shownStage, language), focus, language, now)
                        .isPresent()) {
                    slots.add(Slot.holdout(script.id(), script.experimentId(), script.position(), shownStage));
                }
                continue;
            }
            fill(variant.get().line(shownStage, language), focus, language, now)
                    .ifPresent(text -> slots.add(new Slot(
                            script.id(),
                            script.experimentId(),
                            script.experimentId() == null ? null : variant.get().id(),
                            script.position(),
                            text,
                            shownStage)));
        }
        // A line written for the message's stage goes before one offered at any stage: "太贵了"
        // gets the objection line, not the product's single-stage recommendation (stable order).
        slots.sort(Comparator.comparing(slot -> stage.isEmpty() || slot.stage() != stage.get()));
        return slots;
    }

    private static boolean eligible(Script script, Set<String> tags, String intent, Focus focus) {
        return (script.tags().isEmpty() || script.tags().stream().anyMatch(tags::contains))
                && (script.intents().isEmpty() || script.intents().contains(intent))
                && (script.categories().isEmpty()
                        || script.categories().stream().anyMatch(focus.categories()::contains));
    }

    /**
     * What a message is about, for targeting and placeholders: the product it names, otherwise
     * the entry its answer leads with (a product; a category; a promotion and the categories it
     * is for), and the categories of that product.
     *
     * @param product the product the message names or refers back to, or {@code null}
     * @param categories the category entries it is about
     * @param promotion the promotion the answer leads with, or {@code null}
     * @param categoryAsked whether it asks about a category or a promotion rather than a product
     */
    record Focus(String product, Set<String> categories, String promotion, boolean categoryAsked) {}

    Focus focus(String subject, List<Passage> passages, Language language) {
        String product = subject;
        String promotion = null;
        boolean categoryAsked = false;
        Set<String> categories = new LinkedHashSet<>();
        Passage top = passages.isEmpty() ? null : passages.get(0);
        if (product == null && top != null) {
            switch (top.type()) {
                case "product" -> product = top.entryId();
                case "category" -> {
                    categories.add(top.entryId());
                    categoryAsked = true;
                }
                case "promotion" -> {
                    promotion = top.entryId();
                    categoryAsked = true;
                    facts.related(top.entryId(), "related", true, language).stream()
                            .filter(f -> f.type().equals("category"))
                            .forEach(f -> categories.add(f.id()));
                }
                default -> {
                    // a policy or FAQ answer is about no product or category
                }
            }
        }
        if (product != null) {
            facts.related(product, "belongs_to", true, language).forEach(f -> categories.add(f.id()));
        }
        return new Focus(product, categories, promotion, categoryAsked);
    }

    /**
     * What shoppers with {@code tags} asking with {@code intent} about product {@code subject} would
     * be offered by {@code draft} (a library being edited), every variant filled: the trainers'
     * preview. Status and assignment are ignored; guard rails are not applied.
     */
    public List<Preview> preview(
            ScriptLibrary draft, Set<String> tags, String intent, String subject, Language language, Instant now) {
        return preview(draft, tags, intent, subject, null, language, now);
    }

    /**
     * The preview for a message about product {@code subject} or, without one, about category
     * {@code categoryId} (either may be {@code null}): a staged script shows each variant's line at
     * each of its stages, a single-stage script its line at its stage.
     */
    public List<Preview> preview(
            ScriptLibrary draft,
            Set<String> tags,
            String intent,
            String subject,
            String categoryId,
            Language language,
            Instant now) {
        Focus asked = focus(subject, List.of(), language);
        Set<String> categories = new LinkedHashSet<>(asked.categories());
        if (categoryId != null) {
            categories.add(categoryId);
        }
        Focus focus = new Focus(subject, categories, null, subject == null && categoryId != null);
        List<Preview> previews = new ArrayList<>();
        for (Script script : draft.scripts()) {
            if (!eligible(script, tags, intent, focus)) {
                continue;
            }
            List<Preview.Line> lines = new ArrayList<>();
            for (ScriptVariant variant : script.variants()) {
                for (Script.Stage stage : Script.Stage.values()) {
                    boolean has = variant.staged() ? variant.stages().containsKey(stage) : stage == script.stage();
                    if (has) {
                        lines.add(new Preview.Line(
                                variant.id(),
                                stage.code(),
                                fill(variant.line(stage, language), focus, language, now)
                                        .orElse(null)));
                    }
                }
            }
            previews.add(new Preview(script.id(), script.experimentId(), script.position(), lines));
        }
        return previews;
    }

    /**
     * A script a preview found eligible, with each variant's filled line per stage ({@code null}
     * when its placeholders cannot be filled for that product or category, so it would not be
     * shown).
     */
    public record Preview(String scriptId, String experimentId, SlotPosition position, List<Line> lines) {
        /** A variant's line at a stage ({@code opener}, ..., {@code closing}). */
        public record Line(String variant, String stage, String text) {}
    }

    /**
     * The line with its placeholders filled as of {@code now}, or empty when there is no line or
     * one of its placeholders has no value (a promotion that has ended, or has not started, has
     * none).
     */
    Optional<String> fill(String line, String subject, Language language, Instant now) {
        return fill(line, focus(subject, List.of(), language), language, now);
    }

    /** The line filled for what the message is about. */
    Optional<String> fill(String line, Focus focus, Language language, Instant now) {
        if (line == null) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        Matcher m = ScriptLibrary.PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.computeIfAbsent(name, n -> value(n, focus, language, now));
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private String value(String placeholder, Focus focus, Language language, Instant now) {
        String subject = focus.product();
        String and = language.replyLanguage() == Language.EN ? ", " : "、";
        return switch (placeholder) {
            case "product.name" -> subject == null
                    ? null
                    : facts.entry(subject, language).map(Fact::title).orElse(null);
            case "product.price" -> subject == null
                    ? null
                    : facts.entry(subject, language)
                            .map(f -> f.attributes().get("price"))
                            .orElse(null);
            case "accessories" -> {
                List<String> names = subject == null
                        ? List.of()
                        : facts.related(subject, "accessory_of", false, language).stream()
                                .limit(MAX_ACCESSORIES)
                                .map(Fact::title)
                                .toList();
                yield names.isEmpty() ? null : String.join(and, names);
            }
            case "category.name" -> focus.categories().stream()
                    .map(id -> facts.entry(id, language))
                    .flatMap(Optional::stream)
                    .filter(f -> f.type().equals("category"))
                    .map(Fact::title)
                    .findFirst()
                    .orElse(null);
            case "promotion.name" -> promotion(focus, language, now)
                    .map(Fact::title)
                    .orElse(null);
            case "promotion.ends_in" -> promotion(focus, language, now)
                    .flatMap(p -> Promotions.end(p.attributes()))
                    .map(end -> Promotions.endsIn(now, end, language))
                    .orElse(null);
            default -> null;
        };
    }

    /**
     * The promotion a line names: the one the answer leads with, else the first running one
     * related to the product (either way), else to its categories, as of {@code now}.
     */
    private Optional<Fact> promotion(Focus focus, Language language, Instant now) {
        List<String> from = new ArrayList<>();
        if (focus.product() != null) {
            from.add(focus.product());
        }
        from.addAll(focus.categories());
        java.util.stream.Stream<Fact> led = focus.promotion() == null
                ? java.util.stream.Stream.empty()
                : facts.entry(focus.promotion(), language).stream();
        // a promotion may name the product or category, or be named by it
        return java.util.stream.Stream.concat(
                        led,
                        from.stream()
                                .flatMap(id -> java.util.stream.Stream.concat(
                                        facts.related(id, "related", true, language).stream(),
                                        facts.related(id, "related", false, language).stream())))
                .filter(f -> f.type().equals("promotion"))
                .filter(f -> Promotions.runs(f.attributes(), now))
                .findFirst();
    }
}
