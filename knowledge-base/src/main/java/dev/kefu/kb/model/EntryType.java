package dev.kefu.kb.model;

import java.util.Locale;
import java.util.Optional;

/** What a knowledge entry describes. The lowercase {@link #code()} is what JSON Lines files use. */
public enum EntryType {
    PRODUCT,
    CATEGORY,
    BRAND,
    POLICY,
    FAQ,
    PROMOTION;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The stable code used in files and in {@link dev.kefu.core.knowledge.Passage#type()}. */
    public String code() {
        return code;
    }

    /** The type with this exact code ({@code product}, {@code faq}, ...), if any. */
    public static Optional<EntryType> fromCode(String code) {
        for (EntryType type : values()) {
            if (type.code.equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
