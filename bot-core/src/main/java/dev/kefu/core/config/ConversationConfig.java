package dev.kefu.core.config;

import java.util.List;

/** {@code conversations.*}: the conversations kept in memory in front of the database. */
public record ConversationConfig(long maxActive, long idleExpiryMinutes) {
    void validate(List<String> errors) {
        if (maxActive < 1) {
            errors.add("conversations.maxActive must be >= 1, was " + maxActive);
        }
        if (idleExpiryMinutes < 1) {
            errors.add("conversations.idleExpiryMinutes must be >= 1, was " + idleExpiryMinutes);
        }
    }
}
