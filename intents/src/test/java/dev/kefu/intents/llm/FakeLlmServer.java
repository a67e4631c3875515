package dev.kefu.intents.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake LLM server for tests: a small HTTP/1.1 server on 127.0.0.1 (a free port) that speaks the
 * OpenAI chat-completions protocol and Ollama's chat protocol closely enough for LangChain4j's real
 * clients ({@code OpenAiChatModel}, {@code OpenAiStreamingChatModel}, {@code OllamaChatModel},
 * {@code OllamaStreamingChatModel}) to talk to it.
 *
 * <pre>{@code
 * try (FakeLlmServer server = FakeLlmServer.start()) {
 *     server.respond(call -> call.lastUserText().contains("refund")
 *             ? Reply.text("Refunds take 3 days.")
 *             : Reply.rateLimited());
 *     ChatModel model = OpenAiChatModel.builder().baseUrl(server.openAiBaseUrl()).apiKey("test")
 *             .modelName("fake").build();
 *     ...
 *     assertThat(server.lastCall().systemText()).contains("Kefu");
 * }
 * }</pre>
 *
 * <p>Endpoints:
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions} (OpenAI): a {@code chat.completion} JSON object, or with
 *       {@code "stream": true} Server-Sent Events as OpenAI sends them: a first chunk with the
 *       assistant role, one {@code chat.completion.chunk} per content chunk ({@code
 *       choices[0].delta.content}), a chunk with the finish reason, a usage chunk (empty {@code
 *       choices}) if {@code stream_options.include_usage}, then {@code data: [DONE]}.
 *   <li>{@code POST /api/chat} (Ollama): one JSON object with {@code "done": true}, or (Ollama
 *       streams unless the request says {@code "stream": false}) newline-delimited JSON: one line
 *       per content chunk with {@code "done": false}, then a last line with {@code "done": true},
 *       {@code "done_reason"} and token counts.
 *   <li>Either may answer with tool calls ({@link Reply#toolCalls}); the tool results the client
 *       sends back are recorded as messages with role {@code tool} ({@link Call#toolResults()}).
 *   <li>{@code GET /v1/models} and {@code GET /api/tags}: a list with the one model {@code "fake"}
 *       (not scripted, not recorded).
 *   <li>Anything else: 404 with a JSON error body; a chat body that is not a JSON object: 400 (not
 *       recorded).
 * </ul>
 *
 * <p>Every chat request is recorded as a {@link Call} before it is answered (so a call that {@link
 * Reply#hang() hangs} can be awaited), then answered with the {@link Reply} the script {@link
 * #respond(Function) gives}; a script that throws or returns null gives a 500. Token counts are
 * words (whitespace-separated) of the prompt and of the reply.
 *
 * <p>HTTP: keep-alive connections (or {@code Connection: close}), request bodies by {@code
 * Content-Length} or chunked, {@code Expect: 100-continue}; an {@code Upgrade: h2c} offer (the JDK
 * client's default on plain http) is ignored and answered in HTTP/1.1. Replies have a {@code
 * Content-Length}; streams are chunked and flushed chunk by chunk. Each connection has its own
 * daemon thread. Thread-safe: scripts may be changed and calls read while requests are served.
 */
public final class FakeLlmServer implements AutoCloseable {

    /** The protocol a call came in by. */
    public enum Provider {
        OPENAI,
        OLLAMA
    }

    /** One chat message of a call: role as sent ({@code system}, {@code user}, {@code assistant}, {@code tool}). */
    public record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            content = content == null ? "" : content;
        }
    }

    /**
     * One tool call the model asks for.
     *
     * @param name the tool's name, as the request offered it
     * @param arguments the arguments, a JSON object
     */
    public record ToolCall(String name, String arguments) {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * One chat request as the server received it.
     *
     * @param provider the protocol ({@code /v1/chat/completions} or {@code /api/chat})
     * @param path the request path, e.g. {@code /v1/chat/completions}
     * @param model the {@code model} field ("" if absent)
     * @param messages the messages in order; OpenAI content parts are joined to one text
     * @param stream whether a stream was asked for (OpenAI: {@code "stream": true}; Ollama: unless
     *     {@code "stream": false}, as Ollama streams by default)
     * @param maxTokens OpenAI {@code max_completion_tokens} or {@code max_tokens}, Ollama {@code
     *     options.num_predict}; null if not given
     * @param headers request headers, names in lower case (repeated headers joined with ", ")
     * @param json the raw request body
     */
    public record Call(
            Provider provider,
            String path,
            String model,
            List<Message> messages,
            boolean stream,
            Integer maxTokens,
            Map<String, String> headers,
            String json) {

        public Call {
            messages = List.copyOf(messages);
            headers = Map.copyOf(headers);
        }

        /** The system messages' texts, joined by newlines ("" if there are none). */
        public String systemText() {
            return textOf("system");
        }

        /** The last user message's text ("" if there is none). */
        public String lastUserText() {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).role().equals("user")) {
                    return messages.get(i).content();
                }
            }
            return "";
        }

        /** Every message's text, in order, joined by newlines. */
        public String allText() {
            return String.join("\n", messages.stream().map(Message::content).toList());
        }

        /** The texts of the messages with this role, joined by newlines ("" if there are none). */
        public String textOf(String role) {
            return String.join(
                    "\n",
                    messages.stream()
                            .filter(m -> m.role().equals(role))
                            .map(Message::content)
                            .toList());
        }

        /** The names of the tools the request offers the model ({@code tools[].function.name}), in order. */
        public List<String> offeredTools() {
            List<String> names = new ArrayList<>();
            for (JsonNode tool : jsonTree().path("tools")) {
                JsonNode function = tool.has("function") ? tool.get("function") : tool;
                names.add(function.path("name").asText(""));
            }
            return names;
        }

        /** The texts of the tool results sent back to the model (role {@code tool}), in order. */
        public List<String> toolResults() {
            return messages.stream()
                    .filter(m -> m.role().equals("tool"))
                    .map(Message::content)
                    .toList();
        }

        /** The request body parsed (a fresh tree on each call). */
        public JsonNode jsonTree() {
            try {
                return JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * How the server answers one call. Build replies with the static factories; {@link Text} has
     * withers for streaming pace and finish reason.
     */
    public sealed interface Reply {

        /**
         * A successful reply with this text. Streamed, it comes word by word (each chunk a word with
         * the whitespace before it), as fast as possible; see {@link Text#inChunks(int)}, {@link
         * Text#chunkDelay(Duration)}.
         */
        static Text text(String content) {
            return new Text(words(content), Duration.ZERO, "stop");
        }

        /** A successful reply made of exactly these stream chunks (their concatenation if not streamed). */
        static Text chunks(String... chunks) {
            return new Text(List.of(chunks), Duration.ZERO, "stop");
        }

        /**
         * The model asks for these tool calls instead of answering (OpenAI {@code tool_calls} with
         * {@code finish_reason: "tool_calls"}, Ollama {@code message.tool_calls}); the server gives
         * each call an id {@code call_N}. Streamed (OpenAI), each call comes as a delta with its id
         * and name, then a delta with its arguments, as OpenAI sends them.
         */
        static ToolCalls toolCalls(ToolCall... calls) {
            return new ToolCalls(List.of(calls));
        }

        /** Wait {@code before} (before any response header), then answer with {@code then}. */
        static Reply delayed(Duration before, Reply then) {
            return new Delayed(before, then);
        }

        /** An HTTP error with this status and JSON body (sent with {@code Content-Length}). */
        static Reply error(int status, String jsonBody) {
            return new HttpError(status, jsonBody);
        }

        /** 429, with OpenAI's rate-limit error body. */
        static Reply rateLimited() {
            return error(
                    429,
                    "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\","
                            + "\"code\":\"rate_limit_exceeded\"}}");
        }

        /** 500, with OpenAI's server error body. */
        static Reply serverError() {
            return error(
                    500,
                    "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                            + "\"type\":\"server_error\",\"code\":null}}");
        }

        /**
         * Never answer: no status line, no headers. The connection stays open until the client closes
         * it (e.g. its timeout) or the server {@link FakeLlmServer#stop() stops}.
         */
        static Reply hang() {
            return new Hang();
        }

        /**
         * Start a successful reply, send {@code partial} and drop the connection (a plain close, so
         * what was sent arrives). Streamed: status, headers and {@code partial} word by word as
         * content chunks, but no finish chunk, no {@code [DONE]}/{@code "done": true} and no final
         * empty chunk of the chunked encoding. Not streamed: headers announce a full body but only
         * part of it is sent.
         */
        static StreamThenFail streamThenFail(String partial) {
            return new StreamThenFail(words(partial), Duration.ofMillis(200));
        }

        /**
         * A successful reply.
         *
         * @param chunks the content as streamed, chunk by chunk (joined when not streamed)
         * @param chunkDelay pause after each content chunk of a stream (not used when not streamed)
         * @param finishReason OpenAI {@code finish_reason}, Ollama {@code done_reason}
         */
        record Text(List<String> chunks, Duration chunkDelay, String finishReason) implements Reply {
            public Text {
                chunks = List.copyOf(chunks);
                Objects.requireNonNull(chunkDelay, "chunkDelay");
                Objects.requireNonNull(finishReason, "finishReason");
            }

            /** The whole text. */
            public String content() {
                return String.join("", chunks);
            }

            /** The same text, streamed in {@code n} chunks of about equal length (fewer if it is shorter). */
            public Text inChunks(int n) {
                if (n < 1) {
                    throw new IllegalArgumentException("n must be at least 1: " + n);
                }
                int[] codePoints = content().codePoints().toArray();
                int count = Math.max(1, Math.min(n, codePoints.length));
                int size = codePoints.length / count;
                int longer = codePoints.length % count; // the first ones get one code point more
                List<String> parts = new ArrayList<>();
                int from = 0;
                for (int i = 0; i < count; i++) {
                    int length = size + (i < longer ? 1 : 0);
                    parts.add(new String(codePoints, from, length));
                    from += length;
                }
                return new Text(parts, chunkDelay, finishReason);
            }

            /** The same reply, pausing {@code delay} after each content chunk of a stream. */
            public Text chunkDelay(Duration delay) {
                return new Text(chunks, delay, finishReason);
            }

            /** The same reply with another finish reason, e.g. {@code "length"}. */
            public Text finishReason(String reason) {
                return new Text(chunks, chunkDelay, reason);
            }
        }

        /** See {@link Reply#delayed(Duration, Reply)}. */
        record Delayed(Duration before, Reply then) implements Reply {
            public Delayed {
                Objects.requireNonNull(before, "before");
                Objects.requireNonNull(then, "then");
            }
        }

        /** See {@link Reply#toolCalls(ToolCall...)}. */
        record ToolCalls(List<ToolCall> calls) implements Reply {
            public ToolCalls {
                calls = List.copyOf(calls);
                if (calls.isEmpty()) {
                    throw new IllegalArgumentException("at least one tool call");
                }
            }
        }

        /** See {@link Reply#error(int, String)}. */
        record HttpError(int status, String body) implements Reply {
            public HttpError {
                if (status < 100 || status > 599) {
                    throw new IllegalArgumentException("not an HTTP status: " + status);
                }
                Objects.requireNonNull(body, "body");
            }
        }

        /** See {@link Reply#hang()}. */
        record Hang() implements Reply {}

        /**
         * See {@link Reply#streamThenFail(String)}.
         *
         * @param chunks the content chunks sent before the drop
         * @param dropAfter pause between the last byte sent and the drop: the JDK client discards
         *     data it has received but not yet handed on when the connection fails, so a drop right
         *     after the last chunk can hide it (200 ms by default)
         */
        record StreamThenFail(List<String> chunks, Duration dropAfter) implements Reply {
            public StreamThenFail {
                chunks = List.copyOf(chunks);
                Objects.requireNonNull(dropAfter, "dropAfter");
            }

            public String content() {
                return String.join("", chunks);
            }

            /** The same reply, dropping the connection {@code pause} after the last byte sent. */
            public StreamThenFail dropAfter(Duration pause) {
                return new StreamThenFail(chunks, pause);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Function<Call, Reply> DEFAULT_SCRIPT = call -> Reply.text("ok");
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    private final ServerSocket serverSocket;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong ids = new AtomicLong();
    private final ReentrantLock callsLock = new ReentrantLock();
    private final Condition callAdded = callsLock.newCondition();
    private final List<Call> calls = new ArrayList<>(); // guarded by callsLock
    private volatile Function<Call, Reply> script = DEFAULT_SCRIPT;

    private FakeLlmServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        AtomicInteger threadCount = new AtomicInteger();
        int port = serverSocket.getLocalPort();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-llm-" + port + "-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts a server on 127.0.0.1 and a free port, answering every chat call with "ok". */
    public static FakeLlmServer start() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            FakeLlmServer server = new FakeLlmServer(socket);
            server.threads.execute(server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake LLM server", e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT/v1}, the base URL of LangChain4j's OpenAI models. */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** {@code http://127.0.0.1:PORT}, the base URL of LangChain4j's Ollama models. */
    public String ollamaBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers every later chat call with what {@code script} gives for it (replacing the previous script). */
    public void respond(Function<Call, Reply> script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    /** The chat calls received so far, oldest first (a snapshot). */
    public List<Call> calls() {
        callsLock.lock();
        try {
            return List.copyOf(calls);
        } finally {
            callsLock.unlock();
        }
    }

    /** The latest chat call; throws {@link IllegalStateException} if there was none. */
    public Call lastCall() {
        callsLock.lock();
        try {
            if (calls.isEmpty()) {
                throw new IllegalStateException("the fake LLM server has received no chat call");
            }
            return calls.get(calls.size() - 1);
        } finally {
            callsLock.unlock();
        }
    }

    /** Waits until at least {@code n} chat calls were received; false if the timeout passed first. */
    public boolean awaitCalls(int n, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        callsLock.lock();
        try {
            while (calls.size() < n) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = callAdded.awaitNanos(remaining);
            }
            return true;
        } finally {
            callsLock.unlock();
        }
    }

    /** Forgets the calls received so far. */
    public void clearCalls() {
        callsLock.lock();
        try {
            calls.clear();
        } finally {
            callsLock.unlock();
        }
    }

    /**
     * Stops the server, as if the model server went down: closes the listening socket (later
     * connections are refused) and every open connection (replies in progress, hanging or delayed
     * ones included, end abruptly). Idempotent.
     */
    public void stop() {
        stopped.countDown();
        closeQuietly(serverSocket);
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
        threads.shutdownNow();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------- connections

    private void acceptLoop() {
        while (!isStopped()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            connections.add(socket);
            if (isStopped()) {
                closeQuietly(socket);
                return;
            }
            try {
                threads.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (!isStopped()) {
                Request request = readRequest(in, out);
                if (request == null || !handle(request, in, out)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, the server was stopped, or the request was not HTTP: drop it.
        } finally {
            connections.remove(socket);
        }
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Waits, returning false if the server was stopped meanwhile. */
    private boolean pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return !isStopped();
        }
        try {
            return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------- requests

    private record Request(String method, String path, String version, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        boolean keepAlive() {
            String connection = header("connection").toLowerCase(Locale.ROOT);
            boolean close =
                    Arrays.stream(connection.split(",")).anyMatch(t -> t.trim().equals("close"));
            boolean keepAlive =
                    Arrays.stream(connection.split(",")).anyMatch(t -> t.trim().equals("keep-alive"));
            return version.equals("HTTP/1.0") ? keepAlive : !close;
        }
    }

    /** Reads one request; null at the end of the stream before a request line. */
    private static Request readRequest(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in); // tolerate stray CRLFs between requests
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("bad request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("end of stream in the request headers");
            }
            if (line.isEmpty()) {
                break;
            }
            if (i > MAX_HEADERS) {
                throw new IOException("too many headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        if (headers.getOrDefault("expect", "").equalsIgnoreCase("100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body;
        if (headers.getOrDefault("transfer-encoding", "")
                .toLowerCase(Locale.ROOT)
                .contains("chunked")) {
            body = readChunkedBody(in);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length").trim());
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("end of stream in the request body");
            }
        } else {
            body = new byte[0];
        }
        String target = parts[1];
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        return new Request(parts[0].toUpperCase(Locale.ROOT), path, parts[2], headers, body);
    }

    private static byte[] readChunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("end of stream in a chunked request body");
            }
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("end of stream in a request body chunk");
            }
            body.write(chunk);
            readLine(in); // the CRLF after the chunk
        }
    }

    /** A line without its CR LF, as ISO-8859-1; null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    // ---------------------------------------------------------------- routing

    /** Answers one request; false if the connection must not be used again. */
    private boolean handle(Request request, InputStream in, OutputStream out) throws IOException {
        boolean keepAlive = request.keepAlive();
        String route = request.method() + " " + request.path();
        switch (route) {
            case "POST /v1/chat/completions":
                return chat(Provider.OPENAI, request, in, out, keepAlive);
            case "POST /api/chat":
                return chat(Provider.OLLAMA, request, in, out, keepAlive);
            case "GET /v1/models":
                writeFixed(out, 200, "application/json", openAiModels(), keepAlive);
                return keepAlive;
            case "GET /api/tags":
                writeFixed(out, 200, "application/json", ollamaTags(), keepAlive);
                return keepAlive;
            default:
                writeFixed(
                        out, 404, "application/json", openAiError("FakeLlmServer: no route for " + route), keepAlive);
                return keepAlive;
        }
    }

    private boolean chat(Provider provider, Request request, InputStream in, OutputStream out, boolean keepAlive)
            throws IOException {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            writeFixed(
                    out,
                    400,
                    "application/json",
                    openAiError("FakeLlmServer: the body is not a JSON object"),
                    keepAlive);
            return keepAlive;
        }
        Call call = toCall(provider, request, json, body);
        callsLock.lock();
        try {
            calls.add(call);
            callAdded.signalAll();
        } finally {
            callsLock.unlock();
        }
        Reply reply;
        try {
            reply = script.apply(call);
            if (reply == null) {
                reply = Reply.error(500, openAiError("FakeLlmServer: the script returned no reply"));
            }
        } catch (RuntimeException e) {
            reply = Reply.error(500, openAiError("FakeLlmServer: the script failed: " + e));
        }
        return answer(reply, call, json, in, out, keepAlive);
    }

    private static Call toCall(Provider provider, Request request, JsonNode json, String body) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : json.path("messages")) {
            messages.add(new Message(message.path("role").asText(""), contentText(message.get("content"))));
        }
        boolean stream = provider == Provider.OLLAMA
                ? json.path("stream").asBoolean(true)
                : json.path("stream").asBoolean(false);
        Integer maxTokens = provider == Provider.OLLAMA
                ? intOrNull(json.path("options").get("num_predict"))
                : intOrNull(
                        json.has("max_completion_tokens") ? json.get("max_completion_tokens") : json.get("max_tokens"));
        return new Call(
                provider,
                request.path(),
                json.path("model").asText(""),
                messages,
                stream,
                maxTokens,
                request.headers(),
                body);
    }

    /** A message content: a string, or OpenAI content parts whose texts are joined. */
    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    text.append(part.asText());
                } else if (part.has("text")) {
                    text.append(part.path("text").asText(""));
                }
            }
            return text.toString();
        }
        return content.isTextual() ? content.asText() : content.toString();
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || !node.canConvertToInt() ? null : node.asInt();
    }

    // ---------------------------------------------------------------- replies

    private boolean answer(
            Reply reply, Call call, JsonNode request, InputStream in, OutputStream out, boolean keepAlive)
            throws IOException {
        if (reply instanceof Reply.Delayed delayed) {
            return pause(delayed.before()) && answer(delayed.then(), call, request, in, out, keepAlive);
        }
        if (reply instanceof Reply.Hang) {
            // Wait for the client to close (read gives -1) or for stop() to close the socket (throws).
            while (in.read() != -1) {
                // a client does not send anything while waiting for its answer; ignore it if it does
            }
            return false;
        }
        if (reply instanceof Reply.HttpError error) {
            writeFixed(out, error.status(), "application/json", error.body(), keepAlive);
            return keepAlive;
        }
        if (reply instanceof Reply.Text text) {
            if (call.stream()) {
                return stream(call, request, text.chunks(), text.chunkDelay(), text.finishReason(), out, keepAlive);
            }
            String body = call.provider() == Provider.OPENAI
                    ? openAiCompletion(call, text.content(), text.finishReason())
                    : ollamaResponse(call, text.content(), true, text.finishReason());
            writeFixed(out, 200, "application/json", body, keepAlive);
            return keepAlive;
        }
        if (reply instanceof Reply.ToolCalls tools) {
            return toolCalls(call, request, tools.calls(), out, keepAlive);
        }
        if (reply instanceof Reply.StreamThenFail fail) {
            if (call.stream()) {
                stream(call, request, fail.chunks(), Duration.ZERO, null, out, false);
            } else {
                String body = call.provider() == Provider.OPENAI
                        ? openAiCompletion(call, fail.content(), "stop")
                        : ollamaResponse(call, fail.content(), true, "stop");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                writeHead(out, 200, "application/json", "Content-Length: " + bytes.length, false);
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
            }
            pause(fail.dropAfter());
            return false; // serve() closes the socket
        }
        throw new IllegalStateException("unknown reply: " + reply);
    }

    /**
     * Streams {@code chunks} as SSE (OpenAI) or NDJSON (Ollama) in a chunked body. With a null
     * {@code finishReason} stops after the content chunks, without finishing the stream; returns
     * false then, or if the server was stopped during a pause.
     */
    private boolean stream(
            Call call,
            JsonNode request,
            List<String> chunks,
            Duration chunkDelay,
            String finishReason,
            OutputStream out,
            boolean keepAlive)
            throws IOException {
        boolean openAi = call.provider() == Provider.OPENAI;
        writeHead(
                out,
                200,
                openAi ? "text/event-stream; charset=utf-8" : "application/x-ndjson",
                "Transfer-Encoding: chunked\r\nCache-Control: no-cache",
                keepAlive);
        String id = "chatcmpl-fake-" + ids.incrementAndGet();
        long created = Instant.now().getEpochSecond();
        boolean includeUsage =
                openAi && request.path("stream_options").path("include_usage").asBoolean(false);
        if (openAi) {
            ObjectNode delta = JSON.createObjectNode().put("role", "assistant").put("content", "");
            writeChunk(out, sse(openAiChunk(id, created, call, delta, null, includeUsage)));
        }
        for (String chunk : chunks) {
            if (openAi) {
                ObjectNode delta = JSON.createObjectNode().put("content", chunk);
                writeChunk(out, sse(openAiChunk(id, created, call, delta, null, includeUsage)));
            } else {
                writeChunk(out, ollamaResponse(call, chunk, false, null) + "\n");
            }
            if (!pause(chunkDelay)) {
                return false;
            }
        }
        if (finishReason == null) {
            return false;
        }
        String content = String.join("", chunks);
        if (openAi) {
            writeChunk(out, sse(openAiChunk(id, created, call, JSON.createObjectNode(), finishReason, includeUsage)));
            if (includeUsage) {
                ObjectNode usageChunk = openAiChunkEnvelope(id, created, call);
                usageChunk.putArray("choices");
                usageChunk.set("usage", usage(call, content));
                writeChunk(out, sse(usageChunk.toString()));
            }
            writeChunk(out, "data: [DONE]\n\n");
        } else {
            writeChunk(out, ollamaResponse(call, "", true, finishReason, content) + "\n");
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return keepAlive;
    }

    /** Tool calls, streamed or whole, in the call's protocol. */
    private boolean toolCalls(Call call, JsonNode request, List<ToolCall> calls, OutputStream out, boolean keepAlive)
            throws IOException {
        List<String> callIds =
                calls.stream().map(c -> "call_" + ids.incrementAndGet()).toList();
        if (call.provider() == Provider.OLLAMA) {
            ObjectNode response = (ObjectNode) JSON.readTree(ollamaResponse(call, "", true, "stop"));
            ArrayNode toolCalls = ((ObjectNode) response.get("message")).putArray("tool_calls");
            for (ToolCall c : calls) {
                toolCalls
                        .addObject()
                        .putObject("function")
                        .put("name", c.name())
                        .set("arguments", JSON.readTree(c.arguments()));
            }
            if (!call.stream()) {
                writeFixed(out, 200, "application/json", response.toString(), keepAlive);
                return keepAlive;
            }
            writeHead(out, 200, "application/x-ndjson", "Transfer-Encoding: chunked", keepAlive);
            writeChunk(out, response + "\n");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return keepAlive;
        }
        if (!call.stream()) {
            ObjectNode completion = (ObjectNode) JSON.readTree(openAiCompletion(call, "", "tool_calls"));
            ObjectNode message = (ObjectNode) completion.path("choices").get(0).get("message");
            message.putNull("content");
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                ObjectNode c = toolCalls.addObject();
                c.put("id", callIds.get(i)).put("type", "function");
                c.putObject("function")
                        .put("name", calls.get(i).name())
                        .put("arguments", calls.get(i).arguments());
            }
            writeFixed(out, 200, "application/json", completion.toString(), keepAlive);
            return keepAlive;
        }
        writeHead(
                out,
                200,
                "text/event-stream; charset=utf-8",
                "Transfer-Encoding: chunked\r\nCache-Control: no-cache",
                keepAlive);
        String id = "chatcmpl-fake-" + ids.incrementAndGet();
        long created = Instant.now().getEpochSecond();
        boolean includeUsage =
                request.path("stream_options").path("include_usage").asBoolean(false);
        ObjectNode first = JSON.createObjectNode().put("role", "assistant");
        first.putNull("content");
        writeChunk(out, sse(openAiChunk(id, created, call, first, null, includeUsage)));
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode named = JSON.createObjectNode();
            ObjectNode c = named.putArray("tool_calls").addObject();
            c.put("index", i).put("id", callIds.get(i)).put("type", "function");
            c.putObject("function").put("name", calls.get(i).name()).put("arguments", "");
            writeChunk(out, sse(openAiChunk(id, created, call, named, null, includeUsage)));
            ObjectNode arguments = JSON.createObjectNode();
            arguments
                    .putArray("tool_calls")
                    .addObject()
                    .put("index", i)
                    .putObject("function")
                    .put("arguments", calls.get(i).arguments());
            writeChunk(out, sse(openAiChunk(id, created, call, arguments, null, includeUsage)));
        }
        writeChunk(out, sse(openAiChunk(id, created, call, JSON.createObjectNode(), "tool_calls", includeUsage)));
        if (includeUsage) {
            ObjectNode usageChunk = openAiChunkEnvelope(id, created, call);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(call, ""));
            writeChunk(out, sse(usageChunk.toString()));
        }
        writeChunk(out, "data: [DONE]\n\n");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return keepAlive;
    }

    private static String sse(String json) {
        return "data: " + json + "\n\n";
    }

    private static ObjectNode openAiChunkEnvelope(String id, long created, Call call) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", call.model());
        chunk.put("system_fingerprint", "fp_fake");
        return chunk;
    }

    private static String openAiChunk(
            String id, long created, Call call, ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode chunk = openAiChunkEnvelope(id, created, call);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            chunk.putNull("usage"); // as OpenAI does: null in every chunk but the last
        }
        return chunk.toString();
    }

    private String openAiCompletion(Call call, String content, String finishReason) {
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-fake-" + ids.incrementAndGet());
        completion.put("object", "chat.completion");
        completion.put("created", Instant.now().getEpochSecond());
        completion.put("model", call.model());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        completion.set("usage", usage(call, content));
        completion.put("system_fingerprint", "fp_fake");
        return completion.toString();
    }

    private static ObjectNode usage(Call call, String content) {
        int prompt = wordCount(call.allText());
        int completion = wordCount(content);
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return usage;
    }

    private static String ollamaResponse(Call call, String content, boolean done, String doneReason) {
        return ollamaResponse(call, content, done, doneReason, content);
    }

    /** One Ollama response object; when {@code done}, with counts of {@code countedContent}. */
    private static String ollamaResponse(
            Call call, String content, boolean done, String doneReason, String countedContent) {
        ObjectNode response = JSON.createObjectNode();
        response.put("model", call.model());
        response.put("created_at", Instant.now().toString());
        ObjectNode message = response.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        if (done) {
            response.put("done_reason", doneReason);
        }
        response.put("done", done);
        if (done) {
            int prompt = wordCount(call.allText());
            int eval = wordCount(countedContent);
            response.put("total_duration", 1_000_000L);
            response.put("load_duration", 1_000L);
            response.put("prompt_eval_count", prompt);
            response.put("prompt_eval_duration", 1_000L);
            response.put("eval_count", eval);
            response.put("eval_duration", 1_000L);
        }
        return response.toString();
    }

    private static String openAiModels() {
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        data.addObject()
                .put("id", "fake")
                .put("object", "model")
                .put("created", 1_700_000_000L)
                .put("owned_by", "kefu");
        return list.toString();
    }

    private static String ollamaTags() {
        ObjectNode tags = JSON.createObjectNode();
        ObjectNode model = tags.putArray("models").addObject();
        model.put("name", "fake");
        model.put("model", "fake");
        model.put("modified_at", "2026-01-01T00:00:00Z");
        model.put("size", 0);
        model.put("digest", "fake");
        model.putObject("details");
        return tags.toString();
    }

    private static String openAiError(String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error")
                .put("message", message)
                .put("type", "invalid_request_error")
                .putNull("code");
        return error.toString();
    }

    private static int wordCount(String text) {
        return words(text).size();
    }

    /** Words with the whitespace before each (so they join back to the text, but trailing whitespace). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        int end = 0;
        while (matcher.find()) {
            words.add(matcher.group());
            end = matcher.end();
        }
        if (end < text.length()) {
            if (words.isEmpty()) {
                words.add(text.substring(end));
            } else {
                words.set(words.size() - 1, words.get(words.size() - 1) + text.substring(end));
            }
        }
        return words;
    }

    // ---------------------------------------------------------------- HTTP writing

    private static void writeFixed(OutputStream out, int status, String contentType, String body, boolean keepAlive)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        writeHead(out, status, contentType, "Content-Length: " + bytes.length, keepAlive);
        out.write(bytes);
        out.flush();
    }

    private static void writeHead(
            OutputStream out, int status, String contentType, String extraHeaders, boolean keepAlive)
            throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + extraHeaders + "\r\n"
                + "Connection: " + (keepAlive ? "keep-alive" : "close") + "\r\n"
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
