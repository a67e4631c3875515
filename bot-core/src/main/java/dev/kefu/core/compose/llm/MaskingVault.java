package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request's masking: replaces personal data with placeholders such as {@code <PHONE_1>}, {@code
 * <ORDER_2>}, and puts the originals back into what the model wrote.
 *
 * <p>A value gets the same placeholder in every text masked through the same vault (the phone in
 * the shopper's message and in the conversation history is {@code <PHONE_1>} in both), also when
 * it is written differently ({@code +86 138 0013 8000} and {@code 13800138000}; e-mails case-
 * insensitively), so a prompt built from several texts stays consistent. Numbers count per label
 * from 1 in order of first appearance. Use one vault per request and drop it afterwards: it holds
 * the originals in memory and nothing else, and is never written anywhere.
 *
 * <p>{@link #restore} replaces the placeholders this vault handed out (also when the model changed
 * their case or put spaces inside the angle brackets) and <b>leaves unknown placeholders as they
 * are</b>: guessing an original is never right, and a placeholder the model invented is a made-up
 * fact that {@link GroundingCheck} rejects ({@code ungrounded_fact}), since it appears in no source.
 * Thread-safe (synchronised), though meant for one request.
 */
public final class MaskingVault {
    /** A placeholder as the model may echo it: {@code <PHONE_1>}, {@code < phone_1 >}; label and number grouped. */
    static final Pattern PLACEHOLDER = Pattern.compile("<\\s*([A-Za-z]{1,20})_(\\d{1,6})\\s*>");

    private final PersonalDataMasker masker;
    private final Map<String, String> placeholderByKey = new HashMap<>();
    private final Map<String, String> originalByPlaceholder = new HashMap<>();
    private final Map<String, Integer> countByLabel = new HashMap<>();

    MaskingVault(PersonalDataMasker masker) {
        this.masker = Checks.requireNonNull("masker", masker);
    }

    /** {@code text} with its personal data replaced by this vault's placeholders. */
    public synchronized String mask(String text) {
        Checks.requireNonNull("text", text);
        return masker.replace(text, this::placeholder);
    }

    /**
     * {@code text} with the placeholders this vault handed out replaced by their originals (the
     * first spelling seen); unknown placeholders stay as they are.
     */
    public synchronized String restore(String text) {
        Checks.requireNonNull("text", text);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String canonical = "<" + m.group(1).toUpperCase(Locale.ROOT) + "_" + Integer.parseInt(m.group(2)) + ">";
            String original = originalByPlaceholder.get(canonical);
            m.appendReplacement(out, Matcher.quoteReplacement(original != null ? original : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How many distinct values this vault has masked. */
    public synchronized int size() {
        return originalByPlaceholder.size();
    }

    private String placeholder(PersonalDataMasker.Found found) {
        return placeholderByKey.computeIfAbsent(found.key(), key -> {
            int n = countByLabel.merge(found.label(), 1, Integer::sum);
            String placeholder = "<" + found.label() + "_" + n + ">";
            originalByPlaceholder.put(placeholder, found.value());
            return placeholder;
        });
    }
}
