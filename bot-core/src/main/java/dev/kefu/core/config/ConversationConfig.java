package dev.kefu.core.config;

import java.util.List;

/** {@code conversations.*}: the conversations kept in memory in front of the database. */
public record ConversationConfig(long maxActive, long idleExpiryMinutes) {
    void validate(List<String> errors) {
        Settings.atLeast(errors, "conversations.maxActive", maxActive, 1);
        Settings.atLeast(errors, "conversations.idleExpiryMinutes", idleExpiryMinutes, 1);
    }
}
