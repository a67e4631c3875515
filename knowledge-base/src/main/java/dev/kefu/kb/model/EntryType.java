package dev.kefu.kb.model;

import dev.kefu.core.Coded;
import java.util.Optional;

/** What a knowledge entry describes. The lowercase {@link #code()} is what JSON Lines files use. */
public enum EntryType implements Coded {
    PRODUCT,
    CATEGORY,
    BRAND,
    POLICY,
    FAQ,
    PROMOTION;

    /** The type with this exact code ({@code product}, {@code faq}, ...), if any. */
    public static Optional<EntryType> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
