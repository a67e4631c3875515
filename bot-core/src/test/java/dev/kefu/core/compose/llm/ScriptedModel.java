package dev.kefu.core.compose.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An in-process streaming model for unit tests: it records each prompt and, on its own thread as
 * a client's callbacks would come, streams what the script says or fails. Close it after the test.
 */
final class ScriptedModel implements StreamingChatModel, AutoCloseable {
    /** What the model does with a prompt: words to stream (in pieces) after a delay, or a failure. */
    record Behaviour(List<String> pieces, RuntimeException failure, Duration delay) {
        static Behaviour says(String... pieces) {
            return new Behaviour(List.of(pieces), null, Duration.ZERO);
        }

        static Behaviour fails(RuntimeException e) {
            return new Behaviour(List.of(), e, Duration.ZERO);
        }

        static Behaviour slow(Duration delay, String text) {
            return new Behaviour(List.of(text), null, delay);
        }
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Function<List<ChatMessage>, Behaviour> script;
    final List<List<ChatMessage>> prompts = new CopyOnWriteArrayList<>();

    ScriptedModel(Function<List<ChatMessage>, Behaviour> script) {
        this.script = script;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        prompts.add(request.messages());
        Behaviour b = script.apply(request.messages());
        threads.execute(() -> {
            try {
                Thread.sleep(b.delay().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (b.failure() != null) {
                handler.onError(b.failure());
                return;
            }
            StringBuilder all = new StringBuilder();
            for (String piece : b.pieces()) {
                all.append(piece);
                handler.onPartialResponse(piece);
            }
            handler.onCompleteResponse(ChatResponse.builder()
                    .aiMessage(AiMessage.from(all.toString()))
                    .build());
        });
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
