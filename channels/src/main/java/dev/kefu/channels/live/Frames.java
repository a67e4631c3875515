package dev.kefu.channels.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.channels.http.Dtos.ErrorResponse;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the JSON frames of the widget's and the desk's WebSockets. A send to a socket that has
 * gone away is dropped quietly: the client resumes from the transcript when it reconnects.
 */
public final class Frames {
    private static final Logger LOG = LoggerFactory.getLogger(Frames.class);

    private final ObjectMapper json;

    public Frames(ObjectMapper json) {
        this.json = json;
    }

    /** A frame of this {@code type}, to add fields to. */
    public ObjectNode of(String type) {
        return json.createObjectNode().put("type", type);
    }

    /** An {@code error} frame in the API's error shape. */
    public ObjectNode error(String code, String message) {
        ObjectNode node = json.valueToTree(ErrorResponse.of(code, message));
        node.put("type", "error");
        return node;
    }

    /** The {@code clientId} a client gave its frame, to be repeated in the answer; null when none. */
    public static String clientId(JsonNode frame) {
        return frame.path("clientId").isTextual() ? frame.get("clientId").textValue() : null;
    }

    /** An {@code error} frame answering the frame with this {@code clientId} (none when it is null). */
    public ObjectNode error(String code, String message, String clientId) {
        ObjectNode node = error(code, message);
        if (clientId != null) {
            node.put("clientId", clientId);
        }
        return node;
    }

    /** A value as JSON (an {@code ObjectNode} for records and maps). */
    public <T extends JsonNode> T tree(Object value) {
        return json.valueToTree(value);
    }

    public void send(WsContext ctx, JsonNode frame) {
        try {
            String text = json.writeValueAsString(frame);
            synchronized (ctx.session) { // the hub, the handler and answer drafts share one session
                ctx.send(text);
            }
        } catch (Exception e) {
            LOG.debug("could not send to websocket session {}", ctx.sessionId(), e);
        }
    }
}
