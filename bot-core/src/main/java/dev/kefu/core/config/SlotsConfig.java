package dev.kefu.core.config;

import java.util.List;

/**
 * {@code slots.*}: the marketing scripts and their guard rails.
 *
 * @param scripts the script library (YAML), or {@code null} for the demo store's
 * @param forbiddenIntents intents during which no marketing line is shown
 * @param optOutTags shopper tags that mean the shopper wants no marketing
 * @param maxPerConversation most marketing lines one conversation is shown
 * @param attributionHours a conversion counts for an experiment arm this long after the shopper's
 *     first exposure
 */
public record SlotsConfig(
        String scripts,
        List<String> forbiddenIntents,
        List<String> optOutTags,
        int maxPerConversation,
        int attributionHours) {
    public SlotsConfig {
        forbiddenIntents = Settings.list(forbiddenIntents);
        optOutTags = Settings.list(optOutTags);
    }

    void validate(List<String> errors) {
        if (scripts != null && scripts.isBlank()) {
            errors.add("slots.scripts must be a file path or null");
        }
        Settings.range(errors, "slots.maxPerConversation", maxPerConversation, 0, 100);
        Settings.range(errors, "slots.attributionHours", attributionHours, 1, 24 * 90);
    }
}
