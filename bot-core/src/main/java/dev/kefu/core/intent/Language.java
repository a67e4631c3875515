package dev.kefu.core.intent;

import dev.kefu.core.Coded;
import java.util.Locale;

/**
 * The language of a message: Chinese, English, or both in one message. Its code, used in JSON and
 * configuration, is {@code zh}, {@code en} or {@code mixed}.
 */
public enum Language implements Coded {
    ZH,
    EN,
    MIXED;

    /**
     * The language to answer in. Mixed messages are answered in Chinese: shoppers who mix write
     * Chinese sentences with English product words far more often than the reverse.
     */
    public Language replyLanguage() {
        return this == EN ? EN : ZH;
    }

    /** The language a storefront locale tag such as {@code zh-CN} or {@code en_US} names, if any. */
    public static Language fromLocale(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        String lower = locale.toLowerCase(Locale.ROOT);
        if (lower.startsWith("zh")) {
            return ZH;
        }
        if (lower.startsWith("en")) {
            return EN;
        }
        return null;
    }
}
