package dev.kefu.kb.model;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.product.ProductSheet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One node of the knowledge graph: a product, category, brand, policy, FAQ or promotion, with the
 * shopper questions it answers and its typed relations to other entries.
 *
 * <p>The base {@code title} and {@code body} are English; other languages live in {@code i18n},
 * keyed by a two-letter language code ({@code zh}). {@link #localized(Language)} picks the text to
 * show. The constructor validates every field and names the field and the bad value on failure,
 * so a record that exists is always usable; whether relation targets exist is checked where the
 * whole set is known ({@link dev.kefu.kb.ingest.JsonlEntryReader}, {@link
 * dev.kefu.kb.KnowledgeBase#open}).
 *
 * @param id stable id matching {@link #ID_PATTERN}, cited in answers
 * @param type what the entry describes
 * @param title English title, non-blank, at most {@value #MAX_TITLE_LENGTH} characters
 * @param body English answer text, non-blank, at most {@value #MAX_BODY_LENGTH} characters
 * @param questions example shopper questions (any language) the entry answers; at most {@value
 *     #MAX_QUESTIONS}, each non-blank and at most {@value #MAX_QUESTION_LENGTH} characters
 * @param tags free labels (intents, campaigns), each non-blank
 * @param relations typed edges to other entries
 * @param attributes string facts such as {@code price}; keys non-blank, values non-null; a
 *     promotion's {@code starts} and {@code ends} are ISO-8601 date-times with an offset; a
 *     product's typed attributes ({@code weight}, {@code battery_life}, {@code sizes}, {@code
 *     size_table}...) must read as their type ({@link ProductSheet}), see {@link #sheet()}
 * @param i18n translations keyed by language code matching {@code ^[a-z]{2}$}
 */
public record KnowledgeEntry(
        String id,
        EntryType type,
        String title,
        String body,
        List<String> questions,
        List<String> tags,
        List<Relation> relations,
        Map<String, String> attributes,
        Map<String, Translation> i18n) {

    /**
     * Ids are case-sensitive opaque tokens that stay readable in URLs, logs and LLM citation
     * markers ({@code [id]}): no spaces, brackets or slashes. Public FAQ datasets use upper case and
     * {@code ?} in ids, so both are allowed.
     */
    public static final Pattern ID_PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:?-]{0,127}$");

    /** Language codes accepted as {@code i18n} keys. */
    /**
     * A promotion's {@code starts} and {@code ends} attributes: when it runs, checked here so that a
     * mistyped date is refused when the entry is saved rather than silently never shown.
     */
    static final java.util.Set<String> PROMOTION_DATES = java.util.Set.of("starts", "ends");

    public static final Pattern LANGUAGE_CODE_PATTERN = Pattern.compile("^[a-z]{2}$");

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_BODY_LENGTH = 10_000;
    public static final int MAX_QUESTIONS = 100;
    public static final int MAX_QUESTION_LENGTH = 500;

    public KnowledgeEntry {
        requireId("entry.id", id);
        Checks.requireNonNull("entry.type", type);
        requireBounded("entry.title", title, MAX_TITLE_LENGTH);
        requireBounded("entry.body", body, MAX_BODY_LENGTH);
        questions = Checks.copyOf("entry.questions", questions);
        if (questions.size() > MAX_QUESTIONS) {
            throw new IllegalArgumentException("entry.questions must hold at most " + MAX_QUESTIONS + " questions, had "
                    + questions.size() + " (entry " + id + ")");
        }
        for (int i = 0; i < questions.size(); i++) {
            requireBounded("entry.questions[" + i + "]", questions.get(i), MAX_QUESTION_LENGTH);
        }
        tags = Checks.copyOf("entry.tags", tags);
        for (int i = 0; i < tags.size(); i++) {
            Checks.requireText("entry.tags[" + i + "]", tags.get(i));
        }
        relations = Checks.copyOf("entry.relations", relations);
        attributes = copyMap("entry.attributes", attributes);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            Checks.requireText("entry.attributes key", attribute.getKey());
            if (type == EntryType.PROMOTION && PROMOTION_DATES.contains(attribute.getKey())) {
                try {
                    java.time.OffsetDateTime.parse(attribute.getValue());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("entry.attributes." + attribute.getKey()
                            + " of a promotion must be a date-time with an offset such as 2026-12-31T23:59:59+08:00,"
                            + " was \"" + attribute.getValue() + "\" (entry " + id + ")");
                }
            }
        }
        if (type == EntryType.PRODUCT) {
            try {
                ProductSheet.of(attributes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry." + e.getMessage() + " (entry " + id + ")");
            }
        }
        i18n = copyMap("entry.i18n", i18n);
        for (String language : i18n.keySet()) {
            if (!LANGUAGE_CODE_PATTERN.matcher(language).matches()) {
                throw new IllegalArgumentException(
                        "entry.i18n key must be a two-letter lowercase language code, was \"" + language + "\"");
            }
        }
    }

    /**
     * The title and body to show in {@code language}: for {@link Language#EN} the English base
     * text; for {@link Language#ZH} (and {@link Language#MIXED}, which is answered in Chinese) the
     * {@code zh} translation if there is one, else the English base text.
     */
    public Translation localized(Language language) {
        Checks.requireNonNull("language", language);
        if (language.replyLanguage() == Language.ZH) {
            Translation zh = i18n.get("zh");
            if (zh != null) {
                return zh;
            }
        }
        return new Translation(title, body);
    }

    /**
     * The product's typed facts (battery life, weight, sizes, price, size table...), each with its
     * unit and its text in both languages; empty for other entry types. Checked when the entry was
     * made, so this never fails.
     */
    public ProductSheet sheet() {
        return type == EntryType.PRODUCT ? ProductSheet.of(attributes) : ProductSheet.EMPTY;
    }

    static String requireId(String field, String value) {
        if (value == null || !ID_PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must match " + ID_PATTERN.pattern() + ", was " + quote(value));
        }
        return value;
    }

    static String requireBounded(String field, String value, int maxLength) {
        Checks.requireText(field, value);
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, was " + length
                    + " characters: \"" + abbreviate(value) + "\"");
        }
        return value;
    }

    /** An immutable, order-preserving copy rejecting a null map, null keys and null values. */
    private static <V> Map<String, V> copyMap(String field, Map<String, V> values) {
        if (values == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        Map<String, V> copy = new LinkedHashMap<>();
        for (Map.Entry<String, V> value : values.entrySet()) {
            if (value.getKey() == null || value.getValue() == null) {
                throw new IllegalArgumentException(field + " must not contain null keys or values, was " + values);
            }
            copy.put(value.getKey(), value.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
