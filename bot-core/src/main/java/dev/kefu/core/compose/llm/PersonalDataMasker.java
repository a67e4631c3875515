package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import dev.kefu.core.text.Identifier;
import dev.kefu.core.text.Identifiers;
import dev.kefu.core.text.Spans;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in shopper and knowledge text so that it can be replaced by placeholders
 * before the text goes to a model: phone numbers, e-mail addresses, payment card numbers, order
 * numbers and street addresses. Masking itself happens in a per-request {@link MaskingVault}
 * ({@link #newVault()}), which remembers the originals so that placeholders the model echoes can be
 * put back.
 *
 * <p>Precise rather than greedy: a missed fragment of an address costs less than a mangled prompt,
 * so prices ({@code 1,599 yuan}, {@code ¥199}, {@code 199元}), dates ({@code 2026-12-31}, {@code
 * 12月31日}), times, durations, percentages, sizes ({@code 52 x 45 x 22 cm}), years and knowledge
 * entry ids ({@code promotion-spend-199-save-20}, lower-case hyphenated tokens and citation markers
 * are never touched) are left alone. The default rules, in priority order:
 *
 * <ul>
 *   <li>{@code EMAIL}, {@code ORDER}, {@code CARD} and {@code PHONE}: the identifiers of the text
 *       library, {@link Identifiers}, which the NLU's entities read too, so the masker and the NLU
 *       agree on what an order number or a phone is ({@code order 2026112200123}, {@code
 *       订单号：DD20261122001}, {@code 运单号 SF1234567890}, {@code DD20261122001}, a Luhn-valid {@code
 *       4111 1111 1111 1111}, {@code +86 138 0013 8000}, {@code (021) 6123 4567}, {@code
 *       400-820-8820}, ...);
 *   <li>{@code ADDRESS}: Chinese addresses with a house number (administrative parts 省 市 区 县 镇
 *       街道, then a 路/街/大道/巷/弄/胡同 with its 号, then 栋 幢 单元 楼 层 室; or a compound such as
 *       小区/花园/公寓/大厦 with building and room numbers); English addresses with a house number,
 *       a capitalised street name and Street/St/Road/Rd/Avenue/Ave/Lane/Ln/Drive/Dr/Boulevard/Blvd/Way
 *       (lower case only with the full words), an optional apartment, unit or suite.
 * </ul>
 *
 * <p>Where matches overlap the longer wins, then the earlier rule. What is kept or shown rather
 * than sent to a model (log lines, the trainers' inbox) is {@link #redact redacted} instead: the
 * same rules, each value replaced by its bare label ({@code <PHONE>}), nothing to restore.
 * Immutable and thread-safe.
 */
public final class PersonalDataMasker {
    public static final String PHONE = "PHONE";
    public static final String EMAIL = "EMAIL";
    public static final String CARD = "CARD";
    public static final String ORDER = "ORDER";
    static final String ADDRESS = "ADDRESS";

    private static final Pattern LABEL = Pattern.compile("[A-Z]{1,20}");
    private static final String VALUE_GROUP = "(?<value>";
    /** Lower-case hyphenated tokens (knowledge entry ids) and citation markers are never masked. */
    private static final Pattern PROTECTED = Pattern.compile(
            "(?<![A-Za-z0-9._%+@-])[a-z][a-z0-9._-]*[a-z0-9](?![A-Za-z0-9@%+]|[._-][A-Za-z0-9])|\\[[^\\[\\]\\n]{1,400}\\]|【[^【】\\n]{1,400}】");

    private static final Map<Identifier.Kind, String> LABELS = Map.of(
            Identifier.Kind.ORDER_NUMBER, ORDER,
            Identifier.Kind.PHONE, PHONE,
            Identifier.Kind.EMAIL, EMAIL,
            Identifier.Kind.CARD, CARD);
    private static final PersonalDataMasker DEFAULTS = new PersonalDataMasker(Identifiers.defaults(), addressRules());

    /** The identifiers read first, or null when this masker has only its own rules. */
    private final Identifiers identifiers;

    private final List<Rule> rules;

    /**
     * One kind of personal data.
     *
     * @param label the placeholder label, {@code [A-Z]{1,20}}: {@code <LABEL_1>}
     * @param pattern what to mask; when it has a group named {@code value}, only that group is
     *     masked (the cue before it stays, e.g. {@code 订单号} in {@code 订单号 DD20261122001})
     * @param accept a further check of the masked text (e.g. Luhn for cards)
     */
    public record Rule(String label, Pattern pattern, Predicate<String> accept) {
        public Rule {
            Checks.requireText("rule.label", label);
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("rule.label must match [A-Z]{1,20}, was \"" + label + "\"");
            }
            Checks.requireNonNull("rule.pattern", pattern);
            Checks.requireNonNull("rule.accept", accept);
        }

        /** A rule that masks every match. */
        public Rule(String label, Pattern pattern) {
            this(label, pattern, value -> true);
        }

        private boolean masksGroup() {
            return pattern.pattern().contains(VALUE_GROUP);
        }
    }

    /** A masker with {@code rules} alone, earlier rules winning over later ones of the same length. */
    public PersonalDataMasker(List<Rule> rules) {
        this(null, rules);
    }

    private PersonalDataMasker(Identifiers identifiers, List<Rule> rules) {
        this.identifiers = identifiers;
        this.rules = Checks.copyOf("rules", rules);
    }

    /** The default rules described above. */
    public static PersonalDataMasker defaults() {
        return DEFAULTS;
    }

    /**
     * This masker with its order numbers read by {@code orderPattern} alone: for stores whose order
     * numbers have their own shape (e.g. {@code (?<![A-Z0-9])KF-\d{10}(?![0-9])}); see {@link
     * Identifiers#withOrderPattern}. It takes the place of the order rules, before cards and phones.
     */
    public PersonalDataMasker withOrderPattern(Pattern orderPattern) {
        Checks.requireNonNull("orderPattern", orderPattern);
        if (identifiers != null) {
            return new PersonalDataMasker(identifiers.withOrderPattern(orderPattern), rules);
        }
        List<Rule> replaced = new ArrayList<>();
        replaced.add(new Rule(ORDER, orderPattern));
        rules.stream().filter(rule -> !rule.label().equals(ORDER)).forEach(replaced::add);
        return new PersonalDataMasker(null, replaced);
    }

    /**
     * The default rules with identifiers read by {@code identifiers} (the store's, e.g. {@link
     * Identifiers#forOrders}), so the masker reads order numbers as the NLU and the orders stage do.
     */
    public static PersonalDataMasker of(Identifiers identifiers) {
        Checks.requireNonNull("identifiers", identifiers);
        return identifiers == Identifiers.defaults() ? DEFAULTS : new PersonalDataMasker(identifiers, DEFAULTS.rules);
    }

    /** A new, empty vault for one request: every text of one prompt goes through the same vault. */
    public MaskingVault newVault() {
        return new MaskingVault(this);
    }

    /**
     * {@code text} with every piece of personal data replaced by its label: {@code <PHONE>}, {@code
     * <EMAIL>}, {@code <ORDER>}, {@code <CARD>}, {@code <ADDRESS>}. For text that is kept or shown
     * (log lines, the trainers' inbox): nothing is remembered, so nothing can be restored, and two
     * phones read alike.
     */
    public String redact(String text) {
        Checks.requireNonNull("text", text);
        return replace(text, found -> "<" + found.label() + ">");
    }

    /** {@code text} with each piece of personal data replaced by what {@code replacement} gives for it. */
    String replace(String text, Function<Found, String> replacement) {
        List<Found> found = find(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (Found f : found) {
            out.append(text, copied, f.start()).append(replacement.apply(f));
            copied = f.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Personal data in {@code text}, ordered by start, not overlapping. */
    List<Found> find(String text) {
        List<Found> candidates = new ArrayList<>();
        if (identifiers != null) {
            for (Identifier id : identifiers.findAll(text)) {
                candidates.add(
                        new Found(id.start(), id.end(), LABELS.get(id.kind()), text.substring(id.start(), id.end())));
            }
        }
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            boolean group = rule.masksGroup();
            while (m.find()) {
                int start = group ? m.start("value") : m.start();
                int end = group ? m.end("value") : m.end();
                if (start >= 0 && start < end && rule.accept().test(text.substring(start, end))) {
                    candidates.add(new Found(start, end, rule.label(), text.substring(start, end)));
                }
            }
        }
        List<int[]> protectedSpans = protectedSpans(text);
        candidates.removeIf(found -> overlapsAny(protectedSpans, found.start(), found.end()));
        return Spans.longestFirst(candidates, Found::start, Found::end);
    }

    private static List<int[]> protectedSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher p = PROTECTED.matcher(text);
        while (p.find()) {
            String token = p.group();
            if (token.startsWith("[") || token.startsWith("【") || CitationMarkers.looksLikeId(token)) {
                spans.add(new int[] {p.start(), p.end()});
            }
        }
        return spans;
    }

    private static boolean overlapsAny(List<int[]> spans, int start, int end) {
        for (int[] span : spans) {
            if (start < span[1] && span[0] < end) {
                return true;
            }
        }
        return false;
    }

    /** One piece of personal data: where it is, its label, its text. */
    record Found(int start, int end, String label, String value) {
        /**
         * The value's identity within its label: the same phone written two ways is one phone
         * (identifiers in their {@link Identifier.Kind#canonical} form).
         */
        String key() {
            String normalized =
                    switch (label) {
                        case EMAIL -> Identifier.Kind.EMAIL.canonical(value);
                        case PHONE -> Identifier.Kind.PHONE.canonical(value);
                        case CARD -> Identifier.Kind.CARD.canonical(value);
                        case ORDER -> Identifier.Kind.ORDER_NUMBER.canonical(value);
                        default -> value.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
                    };
            return label + ":" + normalized;
        }
    }

    // ---------------------------------------------------------------- address rules

    private static List<Rule> addressRules() {
        String han = "[\\p{IsHan}&&[^的是在到寄送住往改为址我你他她您们请把和与及或从给收要想能了吗呢吧啊哦]]";
        String admin = han + "{1,8}?(?:省|自治区|特别行政区|自治州|市|州|盟|地区|新区|区|县|旗|镇|乡|街道)";
        String prefix = "(?:" + admin + "\\s?){0,5}";
        String street = han + "{1,10}?(?:大道|大街|路|街|巷|弄|胡同)(?:[东南西北中一二三四五六七八九十]段)?";
        String houseNumber = "(?:\\d{1,5}|[一二三四五六七八九十百]{1,5})(?:[-之]\\d{1,4})?\\s?号(?!线|店|仓|机|码|称)";
        String unitWord = "(?:号楼|号院|栋|幢|座|单元|楼|层|室|号|户|房)";
        String compound = han + "{2,10}?(?:小区|花园|公寓|大厦|广场|大楼|园区|家园|新村|苑|园|院)";
        String unitNumber = "[0-9A-Za-z一二三四五六七八九十]{1,5}\\s?" + unitWord;
        // after the house number: a building's name (SOHO 现代城) before its building, floor and room
        String building = "(?:" + han + "|[A-Za-z]| (?=\\S)){1,12}?";
        String units =
                "(?:\\s?(?:" + building + "\\s?)?[0-9A-Za-z一二三四五六七八九十]{1,5}\\s?" + "(?:号楼|号院|栋|幢|座|单元|楼|层|室|户|房))*";

        String stop = "(?:the|a|an|of|to|in|on|at|by|for|and|or|from|with|within|down|up|across|along|this|that"
                + "|these|those|my|your|our|their|his|her|its|per|days?|hours?|minutes?|weeks?|months?|years?"
                + "|items?|pieces?|pcs|yuan|kg|cm|mm|times?)(?![a-z])";
        String capitalWord = "(?!(?i:" + stop + "))(?:[A-Z][A-Za-z'.-]*|\\d{1,3}(?:st|nd|rd|th))";
        String apartment = "(?:,?\\s*(?:(?i:apt|apartment|unit|suite|ste|flat|room|rm)\\.?\\s*#?\\s*|#\\s?)"
                + "[A-Za-z0-9-]{1,6}(?![A-Za-z0-9]))?";
        String district = "(?:,\\s*[A-Z][a-z]+\\s+(?:District|County))?";

        return List.of(
                new Rule(ADDRESS, Pattern.compile(prefix + street + "\\s?" + houseNumber + units)),
                new Rule(ADDRESS, Pattern.compile(prefix + compound + "\\s?(?:" + unitNumber + "\\s?){1,5}")),
                new Rule(
                        ADDRESS,
                        Pattern.compile(
                                "(?<![\\w.,-])(?:No\\.\\s?)?\\d{1,5}[A-Za-z]?(?:-\\d{1,4})?,?\\s+(?:" + capitalWord
                                        + "\\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct"
                                        + "|Place|Pl|Terrace|Highway|Hwy)\\.?(?![A-Za-z])(?: (?:NW|NE|SW|SE)(?![A-Za-z]))?"
                                        + apartment
                                        + district)),
                new Rule(
                        ADDRESS,
                        Pattern.compile("(?<![\\w.,-])\\d{1,5}[a-z]?\\s+(?:(?!" + stop + ")[a-z][a-z'.-]*\\s+){1,3}"
                                + "(?:street|road|avenue|lane|drive|boulevard)(?![a-z])" + apartment)));
    }
}
