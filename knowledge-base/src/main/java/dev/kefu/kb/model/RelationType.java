package dev.kefu.kb.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How one entry points at another. The direction is always "this entry {@code <type>} target",
 * e.g. a product {@code belongs_to} a category, is {@code made_by} a brand and {@code
 * governed_by} a policy.
 */
public enum RelationType {
    BELONGS_TO,
    MADE_BY,
    GOVERNED_BY,
    ACCESSORY_OF,
    BUNDLE_WITH,
    REPLACES,
    RELATED;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The stable code used in files: {@code belongs_to}, {@code made_by}, ... */
    public String code() {
        return code;
    }

    /** The relation type with this exact code, if any. */
    public static Optional<RelationType> fromCode(String code) {
        for (RelationType type : values()) {
            if (type.code.equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
