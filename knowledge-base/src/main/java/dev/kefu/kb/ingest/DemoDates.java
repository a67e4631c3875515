package dev.kefu.kb.ingest;

import dev.kefu.core.Checks;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Translation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves the demo store's promotion dates to the day the server starts. The demo's promotions are
 * written as if today were {@link #WRITTEN_FOR} (started a few days before, ending a few days to a
 * month later); every {@code starts} and {@code ends} attribute moves by the days between that day
 * and today in the store's time zone, and so does the same date where a title or text names it
 * ({@code until 2027-01-31}). So the demo always has promotions running, ending soon, and its lines
 * never say "ends in 390 days" nor name an ended offer. Only the bundled demo goes through this: a
 * store's own knowledge keeps its dates.
 */
public final class DemoDates {
    /** The day the demo's dates were written for. */
    public static final LocalDate WRITTEN_FOR = LocalDate.of(2027, 1, 1);

    /** The demo store's time zone (China Standard Time, as its dates' {@code +08:00}). */
    public static final ZoneId STORE_ZONE = ZoneId.of("Asia/Shanghai");

    private static final List<String> DATE_ATTRIBUTES = List.of("starts", "ends");

    private DemoDates() {}

    /** The entries with their promotion dates moved to {@code clock}'s today. */
    public static List<KnowledgeEntry> relativeTo(List<KnowledgeEntry> entries, Clock clock) {
        Checks.requireNonNull("clock", clock);
        long days = ChronoUnit.DAYS.between(WRITTEN_FOR, LocalDate.now(clock.withZone(STORE_ZONE)));
        if (days == 0) {
            return List.copyOf(entries);
        }
        Map<String, String> moved = new LinkedHashMap<>(); // "2027-01-31" -> the day it moves to
        List<KnowledgeEntry> dated = entries.stream()
                .map(entry -> entry.type() == EntryType.PROMOTION ? withDates(entry, days, moved) : entry)
                .toList();
        return dated.stream().map(entry -> withTexts(entry, moved)).toList();
    }

    private static KnowledgeEntry withDates(KnowledgeEntry entry, long days, Map<String, String> moved) {
        Map<String, String> attributes = new LinkedHashMap<>(entry.attributes());
        for (String key : DATE_ATTRIBUTES) {
            String value = attributes.get(key);
            if (value != null) {
                OffsetDateTime at = OffsetDateTime.parse(value.strip());
                OffsetDateTime shifted = at.plusDays(days);
                attributes.put(key, shifted.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                moved.put(at.toLocalDate().toString(), shifted.toLocalDate().toString());
            }
        }
        return new KnowledgeEntry(
                entry.id(),
                entry.type(),
                entry.title(),
                entry.body(),
                entry.questions(),
                entry.tags(),
                entry.relations(),
                attributes,
                entry.i18n());
    }

    private static KnowledgeEntry withTexts(KnowledgeEntry entry, Map<String, String> moved) {
        Map<String, Translation> i18n = new LinkedHashMap<>();
        entry.i18n()
                .forEach((language, text) ->
                        i18n.put(language, new Translation(replace(text.title(), moved), replace(text.body(), moved))));
        return new KnowledgeEntry(
                entry.id(),
                entry.type(),
                replace(entry.title(), moved),
                replace(entry.body(), moved),
                entry.questions(),
                entry.tags(),
                entry.relations(),
                entry.attributes(),
                i18n);
    }

    /** The text with each moved date replaced, in one pass (a moved date may be another's old one). */
    private static String replace(String text, Map<String, String> moved) {
        return ISO_DATE.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(moved.getOrDefault(m.group(), m.group())));
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
}
