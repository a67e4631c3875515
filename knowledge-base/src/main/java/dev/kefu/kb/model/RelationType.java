package dev.kefu.kb.model;

import dev.kefu.core.Coded;
import java.util.Optional;

/**
 * How one entry points at another. The direction is always "this entry {@code <type>} target",
 * e.g. a product {@code belongs_to} a category, is {@code made_by} a brand and {@code
 * governed_by} a policy.
 */
public enum RelationType implements Coded {
    BELONGS_TO,
    MADE_BY,
    GOVERNED_BY,
    ACCESSORY_OF,
    BUNDLE_WITH,
    REPLACES,
    RELATED;

    /** The relation type with this exact code, if any. */
    public static Optional<RelationType> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
