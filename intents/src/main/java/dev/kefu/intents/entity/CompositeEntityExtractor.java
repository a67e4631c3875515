package dev.kefu.intents.entity;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Identifiers;
import dev.kefu.core.text.Spans;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several extractors over the same text and merges their entities into one non-overlapping
 * list ordered by start.
 *
 * <p>Where spans overlap, the longer span wins ({@code 1,299元} as an amount over {@code 1,299}
 * elsewhere, {@code calming toner 200 ml} as a product over {@code 200 ml} as a size); on equal
 * length the extractor given earlier wins, so {@link #standard} lists the gazetteer first and a
 * product name beats a size or date reading of the same characters. Each extractor's own output
 * is trusted to be non-overlapping. Thread-safe when the extractors are.
 */
public final class CompositeEntityExtractor implements EntityExtractor {
    private final List<EntityExtractor> extractors;

    /** @param extractors in priority order for equal-length overlaps; at least one */
    CompositeEntityExtractor(List<? extends EntityExtractor> extractors) {
        this.extractors = Checks.copyOf("extractors", extractors);
        if (this.extractors.isEmpty()) {
            throw new IllegalArgumentException("extractors must not be empty");
        }
    }

    /**
     * Kefu's standard extractor: products from {@code gazetteer}, then order numbers, phones,
     * e-mails and amounts ({@link RegexEntityExtractor}, order numbers as {@code identifiers} read
     * them: the store's), dates resolved against {@code clock} in {@code zone} ({@link
     * DateEntityExtractor}), and sizes ({@link SizeEntityExtractor}).
     */
    public static CompositeEntityExtractor standard(
            ProductGazetteer gazetteer, Identifiers identifiers, Clock clock, ZoneId zone) {
        return new CompositeEntityExtractor(List.of(
                Checks.requireNonNull("gazetteer", gazetteer),
                new RegexEntityExtractor(identifiers),
                new DateEntityExtractor(clock, zone),
                new SizeEntityExtractor()));
    }

    /** {@link #standard(ProductGazetteer, Identifiers, Clock, ZoneId)} with the text library's identifiers. */
    public static CompositeEntityExtractor standard(ProductGazetteer gazetteer, Clock clock, ZoneId zone) {
        return standard(gazetteer, Identifiers.defaults(), clock, zone);
    }

    /** {@link #standard(ProductGazetteer, Clock, ZoneId)} in {@link DateEntityExtractor#DEFAULT_ZONE}. */
    public static CompositeEntityExtractor standard(ProductGazetteer gazetteer, Clock clock) {
        return standard(gazetteer, clock, DateEntityExtractor.DEFAULT_ZONE);
    }

    @Override
    public List<Entity> extract(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        List<Entity> all = new ArrayList<>();
        for (EntityExtractor extractor : extractors) {
            all.addAll(extractor.extract(normalizedText, language));
        }
        return Spans.longestFirst(all, Entity::start, Entity::end);
    }
}
