package dev.kefu.core.compose.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One model call that returns within its budget whatever the model does: the complete text (or,
 * with tools, the model's message), or a {@link Failure} naming why not ({@code timeout}, {@code rate_limited}, {@code error}). Partial
 * text goes to a consumer until the call is decided, and never after.
 */
final class BudgetedCall {
    private BudgetedCall() {}

    /** Why a call gave no answer; {@link #reason()} is the recorded reason code. */
    static final class Failure extends Exception {
        private final String reason;

        Failure(String reason, String detail, Throwable cause) {
            super(detail, cause);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /**
     * @param written the whole text so far after each partial response (on the client's thread)
     * @return the model's complete text, possibly empty
     */
    static String complete(
            StreamingChatModel model, List<ChatMessage> messages, Duration budget, Consumer<String> written)
            throws Failure {
        AiMessage answer =
                respond(model, ChatRequest.builder().messages(messages).build(), budget, written);
        return answer.text() == null ? "" : answer.text();
    }

    /**
     * One round of a conversation with tools: the model's message, text or the tool calls it asks
     * for, within {@code budget}.
     *
     * @param written the whole text so far after each partial response (on the client's thread)
     */
    static AiMessage respond(StreamingChatModel model, ChatRequest request, Duration budget, Consumer<String> written)
            throws Failure {
        if (budget.isNegative() || budget.isZero()) {
            throw new Failure("timeout", "no time left of the budget", null);
        }
        CompletableFuture<AiMessage> done = new CompletableFuture<>();
        AtomicBoolean open = new AtomicBoolean(true);
        StringBuilder text = new StringBuilder();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                String soFar;
                synchronized (text) {
                    text.append(partial);
                    soFar = text.toString();
                }
                if (open.get()) {
                    written.accept(soFar);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response.aiMessage() == null ? AiMessage.from("") : response.aiMessage());
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
        try {
            model.chat(request, handler);
            return done.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Failure("timeout", "no complete answer within " + budget.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("error", "interrupted", e);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new Failure(reason(cause), cause.getClass().getSimpleName(), cause);
        } finally {
            open.set(false);
        }
    }

    private static String reason(Throwable cause) {
        if (cause instanceof RateLimitException) {
            return "rate_limited";
        }
        if (cause instanceof dev.langchain4j.exception.TimeoutException
                || cause instanceof java.net.http.HttpTimeoutException) {
            return "timeout";
        }
        return "error";
    }
}
