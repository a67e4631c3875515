package dev.kefu.core.config;

import java.util.List;

/**
 * {@code agent.*}: who may serve handed-off conversations, and the webhook for teams that use
 * another help desk.
 *
 * @param tokens {@code name:token} pairs ({@code KEFU_AGENT_TOKENS}); empty gives the demo a
 *     generated agent token, kept in the data directory
 * @param cannedReplies the desk's ready-made replies
 * @param webhookUrl where each hand-off is posted with its context packet, or {@code null}
 * @param webhookMaxAttempts attempts per hand-off before it is given up (and logged)
 * @param webhookBackoffMs wait before the first retry; doubled after each failure
 * @param webhookTimeoutMs how long one attempt may take
 */
public record AgentConfig(
        List<String> tokens,
        List<String> cannedReplies,
        String webhookUrl,
        int webhookMaxAttempts,
        long webhookBackoffMs,
        long webhookTimeoutMs) {
    public AgentConfig {
        tokens = Settings.list(tokens);
        cannedReplies = Settings.list(cannedReplies);
    }

    void validate(List<String> errors) {
        TrainerConfig.validateTokens("agent.tokens", tokens, errors);
        for (String reply : cannedReplies) {
            if (reply == null || reply.isBlank() || reply.length() > 2000) {
                errors.add("agent.cannedReplies entries must be 1..2000 characters");
            }
        }
        Settings.httpUrl(errors, "agent.webhookUrl", webhookUrl);
        Settings.range(errors, "agent.webhookMaxAttempts", webhookMaxAttempts, 1, 100);
        Settings.atLeast(errors, "agent.webhookBackoffMs", webhookBackoffMs, 1);
        Settings.atLeast(errors, "agent.webhookTimeoutMs", webhookTimeoutMs, 1);
    }
}
