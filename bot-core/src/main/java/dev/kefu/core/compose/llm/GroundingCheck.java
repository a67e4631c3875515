package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import dev.kefu.core.Texts;
import dev.kefu.core.compose.llm.Fact.Kind;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.Passage;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether a model's answer may be shown to the shopper. A model that is fluent but wrong
 * costs more than the plain template answer, so the check is strict about what can hurt (a made-up
 * price, date or coupon code, a made-up source, the instructions leaking out) and lenient about
 * wording. Checks, in order, first failure wins ({@link RejectionReason}):
 *
 * <ol>
 *   <li>{@code empty}: no text, or only citation markers;
 *   <li>{@code prompt_leak}: the answer contains a window of the system prompt of {@value
 *       #LEAK_WORDS} consecutive words or {@value #LEAK_CJK_CHARS} consecutive Chinese characters
 *       (after NFKC, lower case; punctuation and spacing ignored), unless that window is also in a
 *       provided passage or the conversation (copying knowledge is the point, even when the prompt
 *       quotes it);
 *   <li>{@code unknown_citation}: a marker names an id that was not provided;
 *   <li>{@code no_citation}: no provided passage is cited;
 *   <li>{@code wrong_language}: the share of Chinese in the text (markers, placeholders, links and
 *       e-mails left out), counting each Han, kana or Hangul character once and each Latin word
 *       twice, since a word carries about as much as two characters: {@link Language#ZH} needs at
 *       least {@value #ZH_MIN_CJK_SHARE} (so {@code 云巢 Cloud Lite 推车售价 1599 元} passes: product
 *       names are English), {@link Language#EN} at most {@value #EN_MAX_CJK_SHARE} (a quoted {@code
 *       七天无理由退货} in an English sentence passes), {@link Language#MIXED} anything; a text without
 *       letters passes;
 *   <li>{@code ungrounded_fact}: a fact of the answer appears in neither the <em>cited</em>
 *       passages (title and text) nor the conversation;
 *   <li>{@code ungrounded_promotion}: the answer offers a discount, coupon, sale, gift, code or the like
 *       (a word such as {@code coupon}, {@code sale}, {@code 优惠}, {@code 红包}, or a code offered as
 *       one) that the cited passages do not: the shopper's word is no source for a promotion.
 * </ol>
 *
 * <p>Facts are compared by meaning: {@code 1,599 yuan} = {@code ¥1599} = {@code 1599.00元}; {@code
 * 2026-12-31} = {@code 2026年12月31日} = {@code 31 December 2026} = {@code December 31} = {@code
 * 12月31日} (a date without a year matches any year; one with a year needs the same year or that
 * year written in a source); {@code 7 days} = {@code 7天} = {@code seven days} = {@code 七天} = {@code
 * one week}, {@code 48小时} = {@code 2 days} (durations in minutes; months and years apart); {@code
 * 15%} = {@code 15 %} = {@code 百分之十五}; times ({@code 16:00} = {@code 4 pm} = {@code 下午4点}; a
 * time also matches the same hour twelve hours away, since {@code 4点} is ambiguous); quantities by
 * unit ({@code 6.8 kg} = {@code 6.8 公斤}); codes without case and hyphens; placeholders such as
 * {@code <ORDER_1>} literally (so a placeholder the model invented is ungrounded).
 *
 * <p>Discounts: {@code 85折} means the shopper pays 85%, i.e. 15% off, so a passage's {@code 85折}
 * grounds {@code 15% off}, {@code 15%} and {@code 85%}, but not {@code 85% off}; an answer's {@code
 * 85折} needs 15% off (or 85折) in a source.
 *
 * <p>Numbers: a typed number (with a currency, unit, %, or in a date or time) must match a source
 * fact of the same kind, or a source number written without a unit ({@code 2-4} in {@code 2-4 extra
 * days}, say). So {@code 30% off} is not grounded by a passage's {@code 30 days}. An untyped number
 * must appear in a source in any form, except integers 0 to {@value #SMALL_NUMBER_MAX}, which are
 * ordinary language ({@code 1 item}, list numbering {@code 1.}, {@code 2 options}). Number words and
 * Chinese numerals count only with a unit ({@code one of them}, {@code 一个} are no facts). Codes
 * (five or more characters mixing letters and digits, such as {@code SAVE30} or {@code
 * DD20261122001}), digit runs of eight or more and grouped digits such as phone numbers ({@code
 * 138 0013 8000}) are always checked, whatever their length. Ordinals ({@code 1st}, {@code 第2}) and
 * short letter-digit names ({@code X200}, {@code 5G}) are not facts.
 *
 * <p>Stateless and thread-safe.
 */
final class GroundingCheck {
    /** Least share of Chinese in an answer expected in {@link Language#ZH}. */
    public static final double ZH_MIN_CJK_SHARE = 0.35;

    /** Greatest share of Chinese in an answer expected in {@link Language#EN}. */
    public static final double EN_MAX_CJK_SHARE = 0.2;

    /** Consecutive words of the system prompt that make a leak. */
    public static final int LEAK_WORDS = 8;

    /** Consecutive Chinese characters of the system prompt that make a leak. */
    public static final int LEAK_CJK_CHARS = 16;

    /** Untyped integers up to this are ordinary language and need no source. */
    public static final int SMALL_NUMBER_MAX = 10;

    private static final int MAX_LISTED = 5;
    private static final Pattern LINK_OR_EMAIL = Pattern.compile("(?i)(?:https?://|www\\.)\\S+|\\S+@\\S+\\.[a-z]{2,}");
    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}+");
    private static final Pattern WORD = Pattern.compile("[\\p{IsLatin}\\p{Nd}]+");

    /**
     * Checks a model's answer.
     *
     * @param rawAnswer what the model wrote, markers included (after {@link MaskingVault#restore},
     *     or masked as it came when {@code conversationTexts} are masked through the same vault);
     *     null counts as empty
     * @param provided the passages the prompt gave the model
     * @param conversationTexts the shopper's and the bot's recent messages the prompt showed, the
     *     current message included: facts the shopper stated (their order number) are grounded
     * @param expected the reply language
     * @param systemPrompt the fixed instructions of the prompt; passages and conversation inside it
     *     are tolerated (see the class comment)
     */
    public GroundingVerdict check(
            String rawAnswer,
            List<Passage> provided,
            List<String> conversationTexts,
            Language expected,
            String systemPrompt) {
        List<Passage> passages = Checks.copyOf("provided", provided);
        List<String> conversation = Checks.copyOf("conversationTexts", conversationTexts);
        Checks.requireNonNull("expected", expected);
        Checks.requireNonNull("systemPrompt", systemPrompt);
        if (rawAnswer == null || rawAnswer.isBlank()) {
            return GroundingVerdict.reject(RejectionReason.EMPTY, "the model gave no answer", List.of(), "");
        }
        Set<String> providedIds =
                passages.stream().map(Passage::entryId).collect(Collectors.toCollection(LinkedHashSet::new));
        CitationMarkers.Parsed parsed = CitationMarkers.parse(rawAnswer, providedIds);
        String text = parsed.text();
        List<String> cited = parsed.ids();
        if (text.isBlank()) {
            return GroundingVerdict.reject(RejectionReason.EMPTY, "the answer has only citation markers", cited, text);
        }

        List<String> knowledgeAndConversation = new ArrayList<>(conversation);
        passages.forEach(p -> knowledgeAndConversation.add(p.title() + "\n" + p.text()));
        String leak = leak(text, systemPrompt, knowledgeAndConversation);
        if (leak != null) {
            return GroundingVerdict.reject(
                    RejectionReason.PROMPT_LEAK,
                    "repeats the system prompt: \"" + Texts.shorten(leak, 80) + "\"",
                    cited,
                    text);
        }

        List<String> unknown =
                cited.stream().filter(id -> !providedIds.contains(id)).toList();
        if (!unknown.isEmpty()) {
            return GroundingVerdict.reject(
                    RejectionReason.UNKNOWN_CITATION,
                    "cites " + String.join(", ", unknown) + ", which " + (unknown.size() == 1 ? "was" : "were")
                            + " not provided (provided: " + listOrNone(providedIds) + ")",
                    cited,
                    text);
        }
        List<Passage> citedPassages =
                passages.stream().filter(p -> cited.contains(p.entryId())).toList();
        if (citedPassages.isEmpty()) {
            return GroundingVerdict.reject(
                    RejectionReason.NO_CITATION,
                    "cites none of the provided passages (provided: " + listOrNone(providedIds) + ")",
                    cited,
                    text);
        }

        String languageProblem = languageProblem(text, expected);
        if (languageProblem != null) {
            return GroundingVerdict.reject(RejectionReason.WRONG_LANGUAGE, languageProblem, cited, text);
        }

        List<String> sources = new ArrayList<>(conversation);
        citedPassages.forEach(p -> sources.add(p.title() + "\n" + p.text()));
        String ungrounded = ungroundedFacts(text, sources);
        if (ungrounded != null) {
            return GroundingVerdict.reject(
                    RejectionReason.UNGROUNDED_FACT,
                    ungrounded + " in neither the cited passages (" + String.join(", ", cited)
                            + ") nor the conversation",
                    cited,
                    text);
        }
        List<String> knowledge = new ArrayList<>();
        citedPassages.forEach(p -> knowledge.add(p.title() + "\n" + p.text()));
        String promotion = ungroundedPromotion(text, knowledge);
        if (promotion != null) {
            return GroundingVerdict.reject(
                    RejectionReason.UNGROUNDED_PROMOTION,
                    "offers \"" + promotion + "\", which the cited passages (" + String.join(", ", cited) + ") do not",
                    cited,
                    text);
        }
        return GroundingVerdict.accept(cited, text);
    }

    /**
     * Words that offer something: each one the answer uses must be in the cited passages, the
     * store's word; the shopper's word is no source for a promotion ("my friend says SAVE30 works").
     * A discount with a number ({@code 15% off}, {@code 八五折}) is also a fact, checked by meaning.
     */
    private static final Pattern PROMOTION_TERMS = Pattern.compile("(?i)\\b(?:discount(?:s|ed)?|coupons?|vouchers?"
            + "|promo(?:tion)?s?|promo codes?|sales?|deals?|cashback|rebates?|free gifts?|giveaways?|bogo|clearance)\\b"
            + "|优惠券|优惠|折扣|打折|促销|满减|红包|代金券|免单|返现|赠品|赠送|特价|秒杀|团购|限时");

    /** A code offered as such: "code VIP50", "优惠码：SAVE30", "coupon SAVE-30". */
    private static final Pattern OFFERED_CODE = Pattern.compile("(?i)(?:\\bcode|\\bcoupon|\\bvoucher|优惠码|券码|兑换码|口令)"
            + "\\s*(?:is|为|是)?\\s*[:：\"“'‘]?\\s*([A-Za-z0-9][A-Za-z0-9-]{3,19})");

    /** The first promotion word or offered code of {@code text} that no passage uses, or null. */
    private static String ungroundedPromotion(String text, List<String> passages) {
        String known = String.join("\n", passages).toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = PROMOTION_TERMS.matcher(text);
        while (m.find()) {
            String term = m.group().toLowerCase(java.util.Locale.ROOT);
            String stem = term.endsWith("s") && term.length() > 4 ? term.substring(0, term.length() - 1) : term;
            if (!known.contains(stem)) {
                return m.group();
            }
        }
        java.util.regex.Matcher code = OFFERED_CODE.matcher(text);
        while (code.find()) {
            String value = code.group(1);
            boolean hasDigit = value.chars().anyMatch(Character::isDigit);
            if (hasDigit && !known.contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return code.group();
            }
        }
        return null;
    }

    /**
     * Checks a model's summary of a conversation for an agent: the same checks as {@link #check}
     * without citations, every fact grounded in the transcript alone.
     *
     * @param transcript the messages the summary is about
     */
    public GroundingVerdict checkSummary(
            String rawSummary, List<String> transcript, Language expected, String systemPrompt) {
        return checkUncited(rawSummary, transcript, expected, systemPrompt, "summary", "the conversation", false);
    }

    /**
     * Checks a model's answer written from what its tools returned (the shopper's orders): the same
     * checks as {@link #check} without citations, every fact and every promotion grounded in the
     * tool results or the conversation. So a tracking number copied from a tool result passes and
     * an invented one is {@code ungrounded_fact}.
     *
     * @param toolResults what the tools returned to the model, placeholders restored
     * @param conversationTexts the recent messages the prompt showed, the current one included
     */
    public GroundingVerdict checkToolAnswer(
            String rawAnswer,
            List<String> toolResults,
            List<String> conversationTexts,
            Language expected,
            String systemPrompt) {
        List<String> sources = new ArrayList<>(Checks.copyOf("toolResults", toolResults));
        sources.addAll(Checks.copyOf("conversationTexts", conversationTexts));
        return checkUncited(rawAnswer, sources, expected, systemPrompt, "answer", "the tool results", true);
    }

    private GroundingVerdict checkUncited(
            String raw,
            List<String> sourceTexts,
            Language expected,
            String systemPrompt,
            String what,
            String sourcesName,
            boolean promotions) {
        List<String> sources = Checks.copyOf("sources", sourceTexts);
        Checks.requireNonNull("expected", expected);
        Checks.requireNonNull("systemPrompt", systemPrompt);
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return GroundingVerdict.reject(RejectionReason.EMPTY, "the model gave no " + what, List.of(), "");
        }
        String leak = leak(text, systemPrompt, sources);
        if (leak != null) {
            return GroundingVerdict.reject(
                    RejectionReason.PROMPT_LEAK,
                    "repeats the system prompt: \"" + Texts.shorten(leak, 80) + "\"",
                    List.of(),
                    text);
        }
        String languageProblem = languageProblem(text, expected);
        if (languageProblem != null) {
            return GroundingVerdict.reject(RejectionReason.WRONG_LANGUAGE, languageProblem, List.of(), text);
        }
        String ungrounded = ungroundedFacts(text, sources);
        if (ungrounded != null) {
            return GroundingVerdict.reject(
                    RejectionReason.UNGROUNDED_FACT, ungrounded + " not in " + sourcesName, List.of(), text);
        }
        String promotion = promotions ? ungroundedPromotion(text, sources) : null;
        if (promotion != null) {
            return GroundingVerdict.reject(
                    RejectionReason.UNGROUNDED_PROMOTION,
                    "offers \"" + promotion + "\", which " + sourcesName + " do not",
                    List.of(),
                    text);
        }
        return GroundingVerdict.accept(List.of(), text);
    }

    /** The facts of {@code text} found in none of the sources, listed for a detail; null if none. */
    private static String ungroundedFacts(String text, List<String> sources) {
        List<Fact> ungrounded = ungrounded(text, sources);
        if (ungrounded.isEmpty()) {
            return null;
        }
        String listed = ungrounded.stream()
                .limit(MAX_LISTED)
                .map(f -> "\"" + f.shown() + "\" (" + f.kind().label + ")")
                .collect(Collectors.joining(", "));
        return listed + (ungrounded.size() > MAX_LISTED ? " and " + (ungrounded.size() - MAX_LISTED) + " more" : "");
    }

    private static String listOrNone(Set<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    // ---------------------------------------------------------------- language

    private static String languageProblem(String text, Language expected) {
        if (expected == Language.MIXED) {
            return null;
        }
        double share = cjkShare(text);
        if (Double.isNaN(share)) {
            return null;
        }
        String percent = Math.round(share * 100) + "%";
        if (expected == Language.ZH && share < ZH_MIN_CJK_SHARE) {
            return "expected zh, but the answer is only " + percent + " Chinese (at least "
                    + Math.round(ZH_MIN_CJK_SHARE * 100) + "% needed)";
        }
        if (expected == Language.EN && share > EN_MAX_CJK_SHARE) {
            return "expected en, but the answer is " + percent + " Chinese (at most "
                    + Math.round(EN_MAX_CJK_SHARE * 100) + "% allowed)";
        }
        return null;
    }

    /** CJK characters / (CJK characters + 2 x Latin words); NaN without either. */
    static double cjkShare(String text) {
        String measured = LINK_OR_EMAIL
                .matcher(MaskingVault.PLACEHOLDER.matcher(text).replaceAll(" "))
                .replaceAll(" ");
        long cjk = measured.codePoints().filter(CitationMarkers::isCjk).count();
        long words = LATIN_WORD.matcher(measured).results().count();
        if (cjk + words == 0) {
            return Double.NaN;
        }
        return cjk / (double) (cjk + 2 * words);
    }

    // ---------------------------------------------------------------- prompt leak

    /**
     * The first fragment of the prompt (at least one window long) the answer repeats and no passage
     * or message contains, or null.
     */
    private static String leak(String answer, String systemPrompt, List<String> allowed) {
        if (systemPrompt.isBlank()) {
            return null;
        }
        String prompt = normalise(systemPrompt);
        String text = normalise(answer);
        String wordLeak = sharedWindow(words(text), words(prompt), LEAK_WORDS, " ", allowed, GroundingCheck::words);
        if (wordLeak != null) {
            return wordLeak;
        }
        return sharedWindow(han(text), han(prompt), LEAK_CJK_CHARS, "", allowed, GroundingCheck::han);
    }

    private static String sharedWindow(
            List<String> text,
            List<String> prompt,
            int size,
            String joiner,
            List<String> allowed,
            Function<String, List<String>> units) {
        if (text.size() < size || prompt.size() < size) {
            return null;
        }
        Set<String> promptWindows = windows(prompt, size, joiner);
        Set<String> allowedWindows = null;
        for (int i = 0; i + size <= text.size(); i++) {
            String window = String.join(joiner, text.subList(i, i + size));
            if (promptWindows.contains(window)) {
                if (allowedWindows == null) {
                    allowedWindows = new HashSet<>();
                    for (String source : allowed) {
                        allowedWindows.addAll(windows(units.apply(normalise(source)), size, joiner));
                    }
                }
                if (!allowedWindows.contains(window)) {
                    int end = i + size; // report the whole repeated fragment, not just its first window
                    while (end < text.size()
                            && promptWindows.contains(String.join(joiner, text.subList(end + 1 - size, end + 1)))) {
                        end++;
                    }
                    return String.join(joiner, text.subList(i, end));
                }
            }
        }
        return null;
    }

    private static Set<String> windows(List<String> units, int size, String joiner) {
        Set<String> windows = new HashSet<>();
        for (int i = 0; i + size <= units.size(); i++) {
            windows.add(String.join(joiner, units.subList(i, i + size)));
        }
        return windows;
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static List<String> han(String text) {
        return text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                .mapToObj(Character::toString)
                .toList();
    }

    // ---------------------------------------------------------------- facts

    private static List<Fact> ungrounded(String text, List<String> sourceTexts) {
        List<Fact> sourceFacts = new ArrayList<>();
        Set<String> sourceNumbers = new HashSet<>();
        for (String source : sourceTexts) {
            FactExtractor.Extraction extraction = FactExtractor.extract(source, true);
            sourceFacts.addAll(extraction.facts());
            sourceNumbers.addAll(extraction.numbers());
        }
        Set<String> plainNumbers = sourceFacts.stream()
                .filter(f -> f.kind() == Kind.NUMBER)
                .map(Fact::number)
                .collect(Collectors.toSet());
        List<Fact> ungrounded = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (Fact fact : FactExtractor.extract(text, false).facts()) {
            if (!grounded(fact, sourceFacts, sourceNumbers, plainNumbers) && reported.add(fact.shown())) {
                ungrounded.add(fact);
            }
        }
        return ungrounded;
    }

    private static boolean grounded(Fact fact, List<Fact> sources, Set<String> numbers, Set<String> plainNumbers) {
        return switch (fact.kind()) {
            case PLACEHOLDER, CODE -> sameKey(fact, sources);
            case DATE -> sources.stream()
                    .anyMatch(s -> s.kind() == Kind.DATE
                            && s.key().equals(fact.key())
                            && (fact.number() == null
                                    || fact.number().equals(s.number())
                                    || (s.number() == null && numbers.contains(fact.number()))));
            case TIME -> sameKey(fact, sources)
                    || sources.stream()
                            .anyMatch(s -> s.kind() == Kind.TIME && s.key().equals(twelveHoursAway(fact.key())));
            case PERCENT -> plainNumbers.contains(fact.number())
                    || sources.stream()
                            .anyMatch(s -> s.kind() == Kind.PERCENT
                                    && s.number().equals(fact.number())
                                    && !(fact.qualifier().equals(Fact.OFF)
                                            && s.qualifier().equals(Fact.PAY)));
            case MONEY, DURATION, QUANTITY -> sameKey(fact, sources) || plainNumbers.contains(fact.number());
            case NUMBER -> isSmall(fact.number()) || numbers.contains(fact.number());
        };
    }

    private static boolean sameKey(Fact fact, List<Fact> sources) {
        return sources.stream().anyMatch(s -> s.kind() == fact.kind() && s.key().equals(fact.key()));
    }

    private static String twelveHoursAway(String time) {
        int colon = time.indexOf(':');
        int hour = Integer.parseInt(time.substring(0, colon));
        return ((hour + 12) % 24) + time.substring(colon);
    }

    private static boolean isSmall(String number) {
        BigDecimal value = new BigDecimal(number);
        return number.indexOf('.') < 0
                && value.signum() >= 0
                && value.compareTo(BigDecimal.valueOf(SMALL_NUMBER_MAX)) <= 0;
    }
}
