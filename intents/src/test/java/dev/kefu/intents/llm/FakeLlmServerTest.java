package dev.kefu.intents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kefu.intents.llm.FakeLlmServer.Call;
import dev.kefu.intents.llm.FakeLlmServer.Provider;
import dev.kefu.intents.llm.FakeLlmServer.Reply;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FakeLlmServer} against LangChain4j's real OpenAI and Ollama clients (JDK HTTP client). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FakeLlmServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private FakeLlmServer server;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ChatModel openAi(Duration timeout) {
        return OpenAiChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("test")
                .modelName("fake")
                .timeout(timeout)
                .maxRetries(0)
                .build();
    }

    private StreamingChatModel openAiStreaming(Duration timeout) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("test")
                .modelName("fake")
                .timeout(timeout)
                .build();
    }

    private ChatModel ollama() {
        return OllamaChatModel.builder()
                .maxRetries(0)
                .baseUrl(server.ollamaBaseUrl())
                .modelName("fake")
                .timeout(TIMEOUT)
                .build();
    }

    private StreamingChatModel ollamaStreaming() {
        return OllamaStreamingChatModel.builder()
                .baseUrl(server.ollamaBaseUrl())
                .modelName("fake")
                .timeout(TIMEOUT)
                .build();
    }

    @Test
    void openAiChatGetsTheTextAndTheServerRecordsTheMessages() {
        server.respond(call -> Reply.text("Your parcel left the warehouse today."));
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("test")
                .modelName("fake")
                .maxCompletionTokens(64)
                .timeout(TIMEOUT)
                .maxRetries(0)
                .build();

        ChatResponse response = model.chat(
                SystemMessage.from("You are Kefu, a shop assistant."), UserMessage.from("Where is my order?"));

        assertThat(response.aiMessage().text()).isEqualTo("Your parcel left the warehouse today.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(10);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(6);
        Call call = server.lastCall();
        assertThat(call.provider()).isEqualTo(Provider.OPENAI);
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.model()).isEqualTo("fake");
        assertThat(call.stream()).isFalse();
        assertThat(call.maxTokens()).isEqualTo(64);
        assertThat(call.systemText()).isEqualTo("You are Kefu, a shop assistant.");
        assertThat(call.lastUserText()).isEqualTo("Where is my order?");
        assertThat(call.messages()).extracting(FakeLlmServer.Message::role).containsExactly("system", "user");
        assertThat(call.headers()).containsEntry("authorization", "Bearer test");
        assertThat(call.jsonTree().path("model").asText()).isEqualTo("fake");
    }

    @Test
    void openAiToolCallsReachTheClientAndTheResultsComeBack() throws Exception {
        ToolSpecification lookup = ToolSpecification.builder()
                .name("lookupOrder")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("orderNo")
                        .required("orderNo")
                        .build())
                .build();
        server.respond(call -> call.toolResults().isEmpty()
                ? Reply.toolCalls(new FakeLlmServer.ToolCall("lookupOrder", "{\"orderNo\":\"<ORDER_1>\"}"))
                : Reply.text("It shipped: " + call.toolResults().get(0)));
        for (boolean streaming : List.of(false, true)) {
            List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from("Where is <ORDER_1>?")));
            ChatRequest request = ChatRequest.builder()
                    .messages(messages)
                    .toolSpecifications(lookup)
                    .build();

            AiMessage asked = streaming
                    ? streamed(request).aiMessage()
                    : openAi(TIMEOUT).chat(request).aiMessage();

            assertThat(asked.toolExecutionRequests()).singleElement().satisfies(tool -> {
                assertThat(tool.name()).isEqualTo("lookupOrder");
                assertThat(tool.arguments()).isEqualTo("{\"orderNo\":\"<ORDER_1>\"}");
                assertThat(tool.id()).startsWith("call_");
            });
            assertThat(server.lastCall().offeredTools()).containsExactly("lookupOrder");
            messages.add(asked);
            messages.add(ToolExecutionResultMessage.from(
                    asked.toolExecutionRequests().get(0), "SF Express"));
            ChatRequest answer = ChatRequest.builder()
                    .messages(messages)
                    .toolSpecifications(lookup)
                    .build();
            String text = streaming
                    ? streamed(answer).aiMessage().text()
                    : openAi(TIMEOUT).chat(answer).aiMessage().text();
            assertThat(text).as("streaming " + streaming).isEqualTo("It shipped: SF Express");
            assertThat(server.lastCall().toolResults()).containsExactly("SF Express");
        }
    }

    private ChatResponse streamed(ChatRequest request) throws Exception {
        Recorder recorder = new Recorder();
        openAiStreaming(TIMEOUT).chat(request, recorder);
        return recorder.complete.get(5, TimeUnit.SECONDS);
    }

    @Test
    void scriptsSeeTheCallAndConnectionsAreReused() {
        server.respond(call -> Reply.text("echo: " + call.lastUserText()));
        ChatModel model = openAi(TIMEOUT);

        assertThat(model.chat("one")).isEqualTo("echo: one");
        assertThat(model.chat("two")).isEqualTo("echo: two");
        assertThat(model.chat("three")).isEqualTo("echo: three");

        assertThat(server.calls()).extracting(Call::lastUserText).containsExactly("one", "two", "three");
        server.clearCalls();
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void openAiStreamingDeliversThePartsInOrderThenTheCompleteResponse() throws Exception {
        server.respond(call -> Reply.chunks("Hel", "lo, ", "shop", "per!").chunkDelay(Duration.ofMillis(20)));
        Recorder recorder = new Recorder();

        openAiStreaming(TIMEOUT).chat("Hi", recorder);

        ChatResponse response = recorder.complete.get(5, TimeUnit.SECONDS);
        assertThat(recorder.partials).containsExactly("Hel", "lo, ", "shop", "per!");
        assertThat(response.aiMessage().text()).isEqualTo("Hello, shopper!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2); // from the usage chunk
        assertThat(server.lastCall().stream()).isTrue();
        assertThat(server.lastCall()
                        .jsonTree()
                        .path("stream_options")
                        .path("include_usage")
                        .asBoolean())
                .isTrue();
        assertThat(recorder.errors).isEmpty();
    }

    @Test
    void inChunksSplitsTheTextEvenly() throws Exception {
        server.respond(call -> Reply.text("abcdefgh").inChunks(3));
        Recorder recorder = new Recorder();

        openAiStreaming(TIMEOUT).chat("Hi", recorder);

        assertThat(recorder.complete.get(5, TimeUnit.SECONDS).aiMessage().text())
                .isEqualTo("abcdefgh");
        assertThat(recorder.partials).containsExactly("abc", "def", "gh");
    }

    @Test
    void aRateLimitIsARateLimitException() {
        server.respond(call -> Reply.rateLimited());

        assertThatThrownBy(() -> openAi(TIMEOUT).chat("Hi"))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("Rate limit reached");
    }

    @Test
    void aRateLimitOfAStreamIsARateLimitExceptionInOnError() throws Exception {
        server.respond(call -> Reply.rateLimited());
        Recorder recorder = new Recorder();

        openAiStreaming(TIMEOUT).chat("Hi", recorder);

        assertThat(recorder.error.get(5, TimeUnit.SECONDS)).isInstanceOf(RateLimitException.class);
    }

    @Test
    void httpStatusesMapToLangChain4jExceptions() {
        Map<Integer, Class<? extends Exception>> expected = Map.of(
                400, InvalidRequestException.class,
                401, AuthenticationException.class,
                403, AuthenticationException.class,
                404, ModelNotFoundException.class,
                408, TimeoutException.class,
                422, InvalidRequestException.class,
                429, RateLimitException.class,
                500, InternalServerException.class,
                503, InternalServerException.class);
        ChatModel openAi = openAi(TIMEOUT);
        ChatModel ollama = ollama();
        expected.forEach((status, exception) -> {
            server.respond(call -> Reply.error(status, "{\"error\":{\"message\":\"status " + status + "\"}}"));
            assertThatThrownBy(() -> openAi.chat("Hi"))
                    .as("OpenAI, HTTP %d", status)
                    .isExactlyInstanceOf(exception)
                    .hasMessageContaining("status " + status);
            assertThatThrownBy(() -> ollama.chat("Hi"))
                    .as("Ollama, HTTP %d", status)
                    .isExactlyInstanceOf(exception);
        });
        server.respond(call -> Reply.serverError());
        assertThatThrownBy(() -> openAi.chat("Hi")).isExactlyInstanceOf(InternalServerException.class);
    }

    @Test
    void aReplySlowerThanTheTimeoutFailsWithATimeoutAboutThen() {
        server.respond(call -> Reply.delayed(Duration.ofSeconds(5), Reply.text("too late")));
        ChatModel model = openAi(Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aDelayShorterThanTheTimeoutIsJustSlow() {
        server.respond(call -> Reply.delayed(Duration.ofMillis(100), Reply.text("fine")));

        assertThat(openAi(Duration.ofSeconds(2)).chat("Hi")).isEqualTo("fine");
    }

    @Test
    void aHangingCallIsRecordedAndTimesOut() throws Exception {
        server.respond(call -> Reply.hang());
        Recorder recorder = new Recorder();

        openAiStreaming(Duration.ofMillis(300)).chat("Hi", recorder);

        assertThat(server.awaitCalls(1, Duration.ofSeconds(2))).isTrue();
        assertThat(recorder.error.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void stoppingEndsCallsInFlight() throws Exception {
        server.respond(call -> Reply.hang());
        Recorder recorder = new Recorder();
        openAiStreaming(TIMEOUT).chat("Hi", recorder);
        assertThat(server.awaitCalls(1, Duration.ofSeconds(2))).isTrue();

        long start = System.nanoTime();
        server.stop();

        assertThat(recorder.error.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void afterStopCallsFailFastWithConnectionRefused() {
        ChatModel used = openAi(TIMEOUT);
        assertThat(used.chat("Hi")).isEqualTo("ok");

        server.stop();

        long start = System.nanoTime();
        // A model whose pooled connection the JDK client has not yet seen closed fails on that
        // connection ("header parser received no bytes") instead; either way, at once.
        assertThatThrownBy(() -> used.chat("Hi")).isInstanceOf(RuntimeException.class);
        assertThat(causes(catchThrowable(() -> openAi(TIMEOUT).chat("Hi"))))
                .hasAtLeastOneElementOfType(ConnectException.class);
        assertThat(causes(catchThrowable(() -> ollama().chat("Hi"))))
                .hasAtLeastOneElementOfType(ConnectException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void ollamaChatWorks() {
        server.respond(call -> Reply.text("Ollama says hi"));
        ChatModel model = OllamaChatModel.builder()
                .maxRetries(0)
                .baseUrl(server.ollamaBaseUrl())
                .modelName("fake")
                .numPredict(32)
                .timeout(TIMEOUT)
                .build();

        ChatResponse response = model.chat(SystemMessage.from("Be brief."), UserMessage.from("Hello?"));

        assertThat(response.aiMessage().text()).isEqualTo("Ollama says hi");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
        Call call = server.lastCall();
        assertThat(call.provider()).isEqualTo(Provider.OLLAMA);
        assertThat(call.path()).isEqualTo("/api/chat");
        assertThat(call.model()).isEqualTo("fake");
        assertThat(call.stream()).isFalse();
        assertThat(call.maxTokens()).isEqualTo(32);
        assertThat(call.systemText()).isEqualTo("Be brief.");
        assertThat(call.lastUserText()).isEqualTo("Hello?");
        assertThat(call.allText()).isEqualTo("Be brief.\nHello?");
    }

    @Test
    void ollamaStreamingDeliversThePartsInOrderThenTheCompleteResponse() throws Exception {
        server.respond(call -> Reply.text("one two three").chunkDelay(Duration.ofMillis(10)));
        Recorder recorder = new Recorder();

        ollamaStreaming().chat("Count", recorder);

        ChatResponse response = recorder.complete.get(5, TimeUnit.SECONDS);
        assertThat(recorder.partials).containsExactly("one", " two", " three");
        assertThat(response.aiMessage().text()).isEqualTo("one two three");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
        assertThat(server.lastCall().stream()).isTrue();
        assertThat(server.lastCall().provider()).isEqualTo(Provider.OLLAMA);
    }

    @Test
    void aStreamThatFailsMidwayEndsInOnError() throws Exception {
        server.respond(call -> Reply.streamThenFail("Your refund is"));
        Recorder openAi = new Recorder();
        Recorder ollama = new Recorder();

        openAiStreaming(TIMEOUT).chat("Refund?", openAi);
        ollamaStreaming().chat("Refund?", ollama);

        assertThat(openAi.error.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(openAi.partials).containsExactly("Your", " refund", " is");
        assertThat(openAi.events).startsWith("partial", "partial", "partial", "error");
        assertThat(ollama.error.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(ollama.partials).containsExactly("Your", " refund", " is");
        assertThat(ollama.events).containsExactly("partial", "partial", "partial", "error");
    }

    /**
     * A LangChain4j 1.18.1 quirk an adapter must cope with: when an OpenAI stream breaks, {@code
     * JdkHttpClient} reports the read error and then closes the stream normally, so the handler gets
     * {@code onError} and after it {@code onCompleteResponse} with the partial text. (Ollama's client
     * does not complete.) If this fails after an upgrade, LangChain4j changed the behaviour.
     */
    @Test
    void langChain4jCompletesABrokenOpenAiStreamAfterItsError() throws Exception {
        server.respond(call -> Reply.streamThenFail("Your refund is"));
        Recorder openAi = new Recorder();

        openAiStreaming(TIMEOUT).chat("Refund?", openAi);

        assertThat(openAi.complete.get(5, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Your refund is");
        assertThat(openAi.events).containsExactly("partial", "partial", "partial", "error", "complete");
    }

    /**
     * The client's timeout (the JDK request timeout) covers only the wait for the response headers:
     * a stream that then goes slowly is not cut, so an adapter needs its own limit for streams.
     */
    @Test
    void theClientTimeoutDoesNotCoverAStreamOnceItStarted() throws Exception {
        server.respond(call -> Reply.text("slow but sure").chunkDelay(Duration.ofMillis(150)));
        Recorder recorder = new Recorder();

        openAiStreaming(Duration.ofMillis(100)).chat("Hi", recorder);

        assertThat(recorder.complete.get(5, TimeUnit.SECONDS).aiMessage().text())
                .isEqualTo("slow but sure");
        assertThat(recorder.errors).isEmpty();
    }

    @Test
    void aNonStreamedReplyThatFailsMidwayIsAnError() {
        server.respond(call -> Reply.streamThenFail("Your refund is").dropAfter(Duration.ZERO));

        assertThatThrownBy(() -> openAi(TIMEOUT).chat("Refund?"))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("bytes received");
    }

    @Test
    void listsTheFakeModel() throws Exception {
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> models = client.send(
                HttpRequest.newBuilder(URI.create(server.openAiBaseUrl() + "/models"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = client.send(
                HttpRequest.newBuilder(URI.create(server.openAiBaseUrl() + "/nothing"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"id\":\"fake\"");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void readsChunkedRequestBodiesAndHonoursConnectionClose() throws Exception {
        String json = "{\"model\":\"fake\",\"messages\":[{\"role\":\"user\",\"content\":\"chunked\"}]}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(10) + "\r\n" + json.substring(0, 10) + "\r\n"
                + Integer.toHexString(json.length() - 10) + "\r\n" + json.substring(10) + "\r\n"
                + "0\r\n\r\n";

        String response;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Connection: close, so the server closes after the reply and this reads to the end.
            response = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .lines()
                    .collect(Collectors.joining("\n"));
        }

        assertThat(response).startsWith("HTTP/1.1 200 OK").contains("Connection: close", "\"content\":\"ok\"");
        assertThat(server.lastCall().lastUserText()).isEqualTo("chunked");
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Records what a streaming handler receives. */
    private static final class Recorder implements StreamingChatResponseHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> partials = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> complete = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            events.add("partial");
            partials.add(partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            events.add("complete");
            complete.complete(completeResponse);
        }

        @Override
        public void onError(Throwable throwable) {
            events.add("error");
            errors.add(throwable);
            error.complete(throwable);
        }
    }
}
