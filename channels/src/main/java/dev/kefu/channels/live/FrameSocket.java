package dev.kefu.channels.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.RequestReader;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsMessageContext;

/**
 * A WebSocket of JSON frames that the hub serves: the widget's and the agent desk's. The hub reads
 * each frame and turns what fails into an {@code error} frame ({@link LiveHub#serve}); a socket
 * only says what a frame does.
 */
public abstract class FrameSocket {
    protected final LiveHub hub;
    protected final RequestReader reader;
    protected final Frames frames;
    private final String name;

    /** @param name what the socket is, in the log ({@code widget}, {@code agent}) */
    protected FrameSocket(String name, LiveHub hub, RequestReader reader, Frames frames) {
        this.name = name;
        this.hub = hub;
        this.reader = reader;
        this.frames = frames;
    }

    /** Serves this socket on Javalin's WebSocket {@code ws}. */
    public final void configure(WsConfig ws) {
        hub.serve(ws, name, reader, this::onFrame);
    }

    /**
     * Does what one frame, already read as a JSON object, asks. A refusal it throws ({@link
     * dev.kefu.channels.http.ApiException}) goes back to the socket as an {@code error} frame.
     */
    protected abstract void onFrame(WsMessageContext ctx, JsonNode frame);
}
