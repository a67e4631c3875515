package dev.kefu.core.config;

import java.net.URI;
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
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        cannedReplies = cannedReplies == null ? List.of() : List.copyOf(cannedReplies);
    }

    void validate(List<String> errors) {
        TrainerConfig.validateTokens("agent.tokens", tokens, errors);
        for (String reply : cannedReplies) {
            if (reply == null || reply.isBlank() || reply.length() > 2000) {
                errors.add("agent.cannedReplies entries must be 1..2000 characters");
            }
        }
        if (webhookUrl != null) {
            try {
                URI uri = new URI(webhookUrl);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.add("agent.webhookUrl must be an http(s) URL, was " + webhookUrl);
                }
            } catch (java.net.URISyntaxException e) {
                errors.add("agent.webhookUrl is not a URL: " + webhookUrl);
            }
        }
        if (webhookMaxAttempts < 1 || webhookMaxAttempts > 100) {
            errors.add("agent.webhookMaxAttempts must be 1..100, was " + webhookMaxAttempts);
        }
        if (webhookBackoffMs < 1) {
            errors.add("agent.webhookBackoffMs must be >= 1, was " + webhookBackoffMs);
        }
        if (webhookTimeoutMs < 1) {
            errors.add("agent.webhookTimeoutMs must be >= 1, was " + webhookTimeoutMs);
        }
    }
}
