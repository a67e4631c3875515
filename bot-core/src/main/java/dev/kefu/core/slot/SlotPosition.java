package dev.kefu.core.slot;

import java.util.Locale;

/** Where a marketing line goes relative to the answer. */
public enum SlotPosition {
    BEFORE,
    AFTER,
    QUICK_REPLY;

    /** The stable lowercase code used in JSON: {@code before}, {@code after}, {@code quick_reply}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
