package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 *   <li>{@code EMAIL}: {@code name@host.tld};
 *   <li>{@code ORDER} after a cue: {@code order 2026112200123}, {@code order #DD20261122001},
 *       {@code 订单号：DD20261122001}, {@code 运单号 SF1234567890} (six or more digits, not a date);
 *   <li>{@code CARD}: 13-19 digits, contiguous or in groups of four, that pass the Luhn check (so a
 *       Luhn-valid bare 13-19 digit run is masked as a card, not an order);
 *   <li>{@code PHONE}: after a cue ({@code 电话}, {@code 手机}, {@code phone}, {@code tel}, {@code
 *       call me at}: 7-15 digits); Chinese mobiles {@code 1[3-9]x xxxx xxxx} with optional {@code
 *       +86}/{@code 0086} and spaces or dashes; {@code +} international numbers (8-15 digits);
 *       {@code (021) 6123 4567}; {@code 400}/{@code 800} hotlines; {@code 415-555-2671}; numbers that
 *       start with a 0 trunk prefix and have separators ({@code 010-12345678}, {@code 020 7946
 *       0958}, 9-12 digits);
 *   <li>{@code ORDER} without a cue: letter-prefixed codes with 8 or more digits ({@code
 *       DD20261122001}), digit runs of 12 or more;
 *   <li>{@code ADDRESS}: Chinese addresses with a house number (administrative parts 省 市 区 县 镇
 *       街道, then a 路/街/大道/巷/弄/胡同 with its 号, then 栋 幢 单元 楼 层 室; or a compound such as
 *       小区/花园/公寓/大厦 with building and room numbers); English addresses with a house number,
 *       a capitalised street name and Street/St/Road/Rd/Avenue/Ave/Lane/Ln/Drive/Dr/Boulevard/Blvd/Way
 *       (lower case only with the full words), an optional apartment, unit or suite.
 * </ul>
 *
 * <p>Where matches overlap the longer wins, then the earlier rule. Immutable and thread-safe.
 */
public final class PersonalDataMasker {
    public static final String PHONE = "PHONE";
    public static final String EMAIL = "EMAIL";
    public static final String CARD = "CARD";
    public static final String ORDER = "ORDER";
    public static final String ADDRESS = "ADDRESS";

    private static final Pattern LABEL = Pattern.compile("[A-Z]{1,20}");
    private static final String VALUE_GROUP = "(?<value>";
    /** Lower-case hyphenated tokens (knowledge entry ids) and citation markers are never masked. */
    private static final Pattern PROTECTED = Pattern.compile(
            "(?<![A-Za-z0-9._%+@-])[a-z][a-z0-9._-]*[a-z0-9](?![A-Za-z0-9@%+]|[._-][A-Za-z0-9])|\\[[^\\[\\]\\n]{1,400}\\]|【[^【】\\n]{1,400}】");

    private static final List<Rule> DEFAULT_RULES = defaults0();

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

    /** A masker with {@code rules}, earlier rules winning over later ones of the same length. */
    public PersonalDataMasker(List<Rule> rules) {
        this.rules = Checks.copyOf("rules", rules);
    }

    /** The default rules described above. */
    public static PersonalDataMasker defaults() {
        return new PersonalDataMasker(DEFAULT_RULES);
    }

    /** The default rules, to extend or reorder. */
    public static List<Rule> defaultRules() {
        return DEFAULT_RULES;
    }

    /**
     * This masker with its {@code ORDER} rules replaced by one: for stores whose order numbers have
     * their own shape (e.g. {@code (?<![A-Z0-9])KF-\d{10}(?![0-9])}). It takes the place of the cued
     * order rule, before cards and phones.
     */
    public PersonalDataMasker withOrderPattern(Pattern orderPattern) {
        Checks.requireNonNull("orderPattern", orderPattern);
        List<Rule> replaced = new ArrayList<>();
        boolean added = false;
        for (Rule rule : rules) {
            if (!rule.label().equals(ORDER)) {
                replaced.add(rule);
            } else if (!added) {
                replaced.add(new Rule(ORDER, orderPattern));
                added = true;
            }
        }
        if (!added) {
            replaced.add(0, new Rule(ORDER, orderPattern));
        }
        return new PersonalDataMasker(replaced);
    }

    /** A new, empty vault for one request: every text of one prompt goes through the same vault. */
    public MaskingVault newVault() {
        return new MaskingVault(this);
    }

    /** Personal data in {@code text}, ordered by start, not overlapping. */
    List<Found> find(String text) {
        List<int[]> protectedSpans = new ArrayList<>();
        Matcher p = PROTECTED.matcher(text);
        while (p.find()) {
            String token = p.group();
            if (token.startsWith("[") || token.startsWith("【") || CitationMarkers.looksLikeId(token)) {
                protectedSpans.add(new int[] {p.start(), p.end()});
            }
        }
        List<Found> candidates = new ArrayList<>();
        for (int priority = 0; priority < rules.size(); priority++) {
            Rule rule = rules.get(priority);
            Matcher m = rule.pattern().matcher(text);
            boolean group = rule.masksGroup();
            while (m.find()) {
                int start = group ? m.start("value") : m.start();
                int end = group ? m.end("value") : m.end();
                if (start < 0 || start == end) {
                    continue;
                }
                String value = text.substring(start, end);
                if (rule.accept().test(value) && !overlapsAny(protectedSpans, start, end)) {
                    candidates.add(new Found(start, end, rule.label(), value, priority));
                }
            }
        }
        candidates.sort(Comparator.comparingInt((Found f) -> f.start - f.end)
                .thenComparingInt(f -> f.priority)
                .thenComparingInt(f -> f.start));
        List<Found> chosen = new ArrayList<>();
        for (Found candidate : candidates) {
            if (chosen.stream().noneMatch(c -> candidate.start < c.end && c.start < candidate.end)) {
                chosen.add(candidate);
            }
        }
        chosen.sort(Comparator.comparingInt(Found::start));
        return chosen;
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
    record Found(int start, int end, String label, String value, int priority) {
        /** The value's identity within its label: the same phone written two ways is one phone. */
        String key() {
            String normalized =
                    switch (label) {
                        case EMAIL -> value.toLowerCase(Locale.ROOT);
                        case PHONE -> phoneDigits(value);
                        case CARD, ORDER -> value.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
                        default -> value.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
                    };
            return label + ":" + normalized;
        }

        private static String phoneDigits(String value) {
            String digits = value.replaceAll("\\D", "");
            if (digits.matches("(?:0086|86)1[3-9]\\d{9}")) {
                return digits.substring(digits.length() - 11);
            }
            return digits;
        }
    }

    // ---------------------------------------------------------------- default rules

    private static List<Rule> defaults0() {
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
                new Rule(
                        EMAIL,
                        Pattern.compile(
                                "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![A-Za-z0-9-])")),
                new Rule(
                        ORDER,
                        Pattern.compile(
                                "(?i)(?:(?<![a-z])(?:order|tracking|waybill)(?:\\s*(?:number|no\\.?|num|id|#|code))?"
                                        + "|订单(?:号码|编号|号)?|运单号?|快递单号|物流单号|单号)"
                                        + "\\s*(?:is|was|:|：|=|为|是)?\\s*#?\\s*"
                                        + "(?<value>[a-z]{0,4}-?\\d[\\d-]{4,30}\\d)(?![a-z0-9])"),
                        value -> digits(value) >= 6 && !isDate(value)),
                new Rule(
                        CARD,
                        Pattern.compile("(?<![\\d.,-])(?:\\d{13,19}|\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{1,7}"
                                + "|\\d{4}[ -]\\d{6}[ -]\\d{4,5})(?!\\d|[.,]\\d)"),
                        PersonalDataMasker::isCardNumber),
                new Rule(
                        PHONE,
                        Pattern.compile(
                                "(?i)(?:电话|手机号?码?|联系方式|座机|(?<![a-z])(?:tel|phone|mobile|cell)(?:\\s*(?:number|no\\.?))?"
                                        + "|call\\s+(?:me\\s+)?(?:at|on))\\s*(?:is|是|为|:|：)?\\s*"
                                        + "(?<value>\\+?\\d{2,}(?:[ -]\\d{2,}){0,4})(?!\\d)"),
                        value -> digits(value) >= 7 && digits(value) <= 15 && !isDate(value)),
                new Rule(
                        PHONE,
                        Pattern.compile("(?<![A-Za-z0-9+])(?:(?:\\+|00)\\s?86[ -]?|\\(\\+?86\\)\\s?)?"
                                + "1[3-9]\\d(?:[ -]?\\d{4}){2}(?!\\d)")),
                new Rule(
                        PHONE,
                        Pattern.compile("(?<![\\w+])\\+\\d{1,3}(?:[ -]?\\(\\d{1,4}\\))?(?:[ -]?\\d{1,4}){2,5}(?!\\d)"),
                        value -> digits(value) >= 8 && digits(value) <= 15),
                new Rule(PHONE, Pattern.compile("(?<!\\w)\\(\\d{2,4}\\)[ -]?\\d{3,4}[ -]?\\d{4}(?!\\d)")),
                new Rule(PHONE, Pattern.compile("(?<![\\w.-])[48]00[ -]?\\d{3}[ -]?\\d{4}(?!\\w|[.-]\\d)")),
                new Rule(PHONE, Pattern.compile("(?<![\\w.,:/+-])\\d{3}([-.])\\d{3}\\1\\d{4}(?!\\w|[.,:/-]\\d)")),
                new Rule(
                        PHONE,
                        Pattern.compile("(?<![\\w.,:/+-])0\\d{1,3}(?:[ -]\\d{2,8}){1,4}(?!\\w|[.,:/-]\\d)"),
                        value -> digits(value) >= 9 && digits(value) <= 12),
                new Rule(ORDER, Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z]{1,4}-?\\d{8,30}(?![A-Za-z0-9])")),
                new Rule(ORDER, Pattern.compile("(?<![\\d.,-])\\d{12,30}(?!\\d|[.,]\\d)")),
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

    private static int digits(String value) {
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                n++;
            }
        }
        return n;
    }

    private static boolean isDate(String value) {
        return value.matches("(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}");
    }

    /** 13-19 digits passing the Luhn check. */
    static boolean isCardNumber(String value) {
        String digits = value.replaceAll("\\D", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
