package dev.kefu.core.config;

import java.util.List;
import java.util.Set;

/**
 * {@code llm.*}: the optional language model that writes answers from the retrieved passages.
 * {@code none} (the default) keeps every answer on templates; whatever is chosen, the intent
 * router, retrieval, sentiment, slots and hand-off never wait on the model.
 *
 * @param provider {@code none}, {@code openai} (any OpenAI-compatible server: OpenAI, vLLM, LM
 *     Studio, DeepSeek, Qwen, ...) or {@code ollama}
 * @param baseUrl the server, e.g. {@code http://127.0.0.1:8000/v1}; {@code null} for the
 *     provider's usual one ({@code https://api.openai.com/v1}, {@code http://localhost:11434})
 * @param model the model name the server knows; required unless the provider is {@code none}
 * @param apiKey the API key ({@code KEFU_LLM_API_KEY}), or {@code null} for servers without one
 * @param budgetMs the time one answer may take, connection included; past it the template answer
 *     goes out
 * @param maxTokens most tokens the model may write per answer
 * @param temperature sampling temperature, 0..2
 * @param stream stream the answer to the widget as it is written
 * @param maxTurns most earlier turns of the conversation given to the model
 * @param circuitFailures failures in a row after which the model is not asked for a while
 * @param circuitOpenSeconds how long it is not asked; then one trial call decides
 * @param onFailure {@code template} (answer from the template) or {@code handoff} (hand the
 *     conversation to a person) when the model times out, fails, is rate limited or its circuit
 *     is open; an answer refused by the checks always falls back to the template
 * @param systemPrompt a file with a custom system prompt template, or {@code null} for the
 *     built-in, versioned one
 * @param summaries write the agents' conversation summaries with the model (extractive otherwise)
 */
public record LlmConfig(
        String provider,
        String baseUrl,
        String model,
        String apiKey,
        long budgetMs,
        int maxTokens,
        double temperature,
        boolean stream,
        int maxTurns,
        int circuitFailures,
        long circuitOpenSeconds,
        String onFailure,
        String systemPrompt,
        boolean summaries) {
    public static final String NONE = "none";
    public static final String OPENAI = "openai";
    public static final String OLLAMA = "ollama";
    static final String ON_FAILURE_TEMPLATE = "template";
    static final String ON_FAILURE_HANDOFF = "handoff";

    /** Whether a model is configured at all. */
    public boolean enabled() {
        return !NONE.equals(provider);
    }

    /** Whether a failing model hands the conversation to a person instead of the template answer. */
    public boolean handOffOnFailure() {
        return ON_FAILURE_HANDOFF.equals(onFailure);
    }

    void validate(List<String> errors) {
        if (!Set.of(NONE, OPENAI, OLLAMA).contains(provider)) {
            errors.add("llm.provider must be none, openai or ollama, was " + provider);
            return;
        }
        if (enabled() && (model == null || model.isBlank())) {
            errors.add("llm.model is required when llm.provider is " + provider);
        }
        Settings.httpUrl(errors, "llm.baseUrl", baseUrl);
        Settings.range(errors, "llm.budgetMs", budgetMs, 100, 120_000);
        Settings.range(errors, "llm.maxTokens", maxTokens, 16, 8192);
        if (!(temperature >= 0 && temperature <= 2)) {
            errors.add("llm.temperature must be 0..2, was " + temperature);
        }
        Settings.range(errors, "llm.maxTurns", maxTurns, 0, 50);
        Settings.range(errors, "llm.circuitFailures", circuitFailures, 1, 1000);
        Settings.range(errors, "llm.circuitOpenSeconds", circuitOpenSeconds, 1, 3600);
        if (!ON_FAILURE_TEMPLATE.equals(onFailure) && !ON_FAILURE_HANDOFF.equals(onFailure)) {
            errors.add("llm.onFailure must be template or handoff, was " + onFailure);
        }
    }

    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? null : "***") + ", budgetMs=" + budgetMs + ", maxTokens=" + maxTokens
                + ", temperature=" + temperature + ", stream=" + stream + ", maxTurns=" + maxTurns
                + ", circuitFailures=" + circuitFailures + ", circuitOpenSeconds=" + circuitOpenSeconds
                + ", onFailure=" + onFailure + ", systemPrompt=" + systemPrompt + ", summaries=" + summaries + "]";
    }
}
