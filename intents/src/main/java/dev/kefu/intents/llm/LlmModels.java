package dev.kefu.intents.llm;

import dev.kefu.core.compose.AnswerComposer;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.compose.llm.CircuitBreaker;
import dev.kefu.core.compose.llm.GroundedPrompt;
import dev.kefu.core.compose.llm.LlmComposer;
import dev.kefu.core.compose.llm.LlmOrderDesk;
import dev.kefu.core.compose.llm.LlmSummarizer;
import dev.kefu.core.compose.llm.PersonalDataMasker;
import dev.kefu.core.config.LlmConfig;
import dev.kefu.core.handoff.ConversationSummarizer;
import dev.kefu.core.handoff.ExtractiveSummarizer;
import dev.kefu.core.order.OrderAnswers;
import dev.kefu.core.order.OrderDesk;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat model {@code llm.*} names, built with LangChain4j's provider modules (this module holds
 * Kefu's LangChain4j model integrations; bot-core sees only {@code langchain4j-core}'s {@link
 * StreamingChatModel}). The HTTP timeout is the answer budget and nothing is retried: a slow or
 * failing model must cost a shopper at most the budget, after which the template answers.
 */
public final class LlmModels {
    private static final Logger LOG = LoggerFactory.getLogger(LlmModels.class);
    static final String OPENAI_URL = "https://api.openai.com/v1";
    static final String OLLAMA_URL = "http://localhost:11434";
    /** Servers without keys (vLLM, LM Studio) still get a syntactically valid bearer header. */
    private static final String NO_KEY = "none";

    private LlmModels() {}

    /**
     * The configured model, or empty for {@code llm.provider: none}.
     *
     * @param calls runs the calls of a model that does not stream ({@code llm.stream: false}), each
     *     on a thread of its own for at most the budget; its owner shuts it down
     */
    public static Optional<StreamingChatModel> of(LlmConfig config, Executor calls) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        Duration timeout = Duration.ofMillis(config.budgetMs());
        String key = config.apiKey() == null || config.apiKey().isBlank() ? NO_KEY : config.apiKey();
        // The same model, temperature and answer length for every provider and either way of calling.
        ChatRequestParameters parameters = ChatRequestParameters.builder()
                .modelName(config.model())
                .temperature(config.temperature())
                .maxOutputTokens(config.maxTokens())
                .build();
        return Optional.of(
                switch (config.provider()) {
                    case LlmConfig.OPENAI -> config.stream()
                            ? OpenAiStreamingChatModel.builder()
                                    .baseUrl(url(config, OPENAI_URL))
                                    .apiKey(key)
                                    .defaultRequestParameters(parameters)
                                    .timeout(timeout)
                                    .build()
                            : oneShot(
                                    OpenAiChatModel.builder()
                                            .baseUrl(url(config, OPENAI_URL))
                                            .apiKey(key)
                                            .defaultRequestParameters(parameters)
                                            .timeout(timeout)
                                            .maxRetries(0)
                                            .build(),
                                    calls);
                    case LlmConfig.OLLAMA -> config.stream()
                            ? OllamaStreamingChatModel.builder()
                                    .baseUrl(url(config, OLLAMA_URL))
                                    .defaultRequestParameters(parameters)
                                    .timeout(timeout)
                                    .build()
                            : oneShot(
                                    OllamaChatModel.builder()
                                            .baseUrl(url(config, OLLAMA_URL))
                                            .defaultRequestParameters(parameters)
                                            .timeout(timeout)
                                            .maxRetries(0)
                                            .build(),
                                    calls);
                    default -> throw new IllegalArgumentException("unknown llm.provider " + config.provider());
                });
    }

    /**
     * Stage ④: templates, or with {@code llm.provider} set a model writing grounded answers with
     * the templates as its guaranteed fallback, the prompt's personal data masked by {@code masker}.
     */
    public static AnswerComposer composer(
            LlmConfig llm, Optional<StreamingChatModel> model, PersonalDataMasker masker, Clock clock)
            throws IOException {
        return composer(llm, model, masker, breaker(llm, clock));
    }

    /** The circuit breaker of {@code llm.circuit*}, on {@code clock}. */
    public static CircuitBreaker breaker(LlmConfig llm, Clock clock) {
        return new CircuitBreaker(llm.circuitFailures(), Duration.ofSeconds(llm.circuitOpenSeconds()), clock);
    }

    /**
     * As {@link #composer(LlmConfig, Optional, PersonalDataMasker, Clock)}, behind {@code breaker}
     * (whose state the metrics read).
     */
    public static AnswerComposer composer(
            LlmConfig llm, Optional<StreamingChatModel> model, PersonalDataMasker masker, CircuitBreaker breaker)
            throws IOException {
        if (model.isEmpty()) {
            LOG.info("llm.provider is none: answers come from templates");
            return new TemplateComposer();
        }
        LOG.info(
                "answers are written by {} model {} at {} (budget {} ms, on failure: {})",
                llm.provider(),
                llm.model(),
                llm.baseUrl() == null ? "the provider's usual URL" : llm.baseUrl(),
                llm.budgetMs(),
                llm.onFailure());
        return LlmComposer.builder()
                .model(model.get())
                .template(new TemplateComposer())
                .prompt(
                        llm.systemPrompt() == null
                                ? GroundedPrompt.builtIn()
                                : GroundedPrompt.load(Path.of(llm.systemPrompt())))
                .masker(masker)
                .breaker(breaker)
                .budget(Duration.ofMillis(llm.budgetMs()))
                .maxTurns(llm.maxTurns())
                .handOffOnFailure(llm.handOffOnFailure())
                .build();
    }

    /**
     * The orders stage: the rules, or with {@code llm.provider} set a model over them that looks the
     * shopper's orders up with tools (ownership decided by the rules' code) and falls back to the
     * rules' answer; the whole answer, tool calls included, within {@code llm.budgetMs}.
     */
    public static OrderDesk orderDesk(
            LlmConfig llm,
            Optional<StreamingChatModel> model,
            OrderAnswers rules,
            PersonalDataMasker masker,
            Clock clock,
            ZoneId zone) {
        if (model.isEmpty()) {
            return rules;
        }
        return new LlmOrderDesk(
                rules,
                model.get(),
                masker,
                new CircuitBreaker(llm.circuitFailures(), Duration.ofSeconds(llm.circuitOpenSeconds()), clock),
                Duration.ofMillis(llm.budgetMs()),
                llm.maxTurns(),
                clock,
                zone);
    }

    /** The agents' summaries: extractive, or written by the model under the same checks. */
    public static ConversationSummarizer summarizer(
            LlmConfig llm, Optional<StreamingChatModel> model, PersonalDataMasker masker, Clock clock) {
        ConversationSummarizer extractive = new ExtractiveSummarizer();
        if (model.isEmpty() || !llm.summaries()) {
            return extractive;
        }
        return new LlmSummarizer(
                model.get(), extractive, masker, breaker(llm, clock), Duration.ofMillis(llm.budgetMs()));
    }

    private static String url(LlmConfig config, String usual) {
        return config.baseUrl() == null ? usual : config.baseUrl();
    }

    /**
     * A non-streaming model seen as a streaming one: the whole answer is its one partial response.
     * The call runs on {@code calls}, not the caller's thread, so the caller's budget bounds the wait.
     */
    static StreamingChatModel oneShot(ChatModel model, Executor calls) {
        return new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                calls.execute(() -> {
                    ChatResponse response;
                    try {
                        response = model.chat(request);
                    } catch (RuntimeException e) {
                        handler.onError(e);
                        return;
                    }
                    if (response.aiMessage() != null && response.aiMessage().text() != null) {
                        handler.onPartialResponse(response.aiMessage().text());
                    }
                    handler.onCompleteResponse(response);
                });
            }
        };
    }
}
