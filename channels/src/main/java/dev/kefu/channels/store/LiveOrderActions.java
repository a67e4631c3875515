package dev.kefu.channels.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.core.Checks;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.order.AfterSalesService;
import dev.kefu.core.order.OrderSource.Unavailable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The store's service for confirmed after-sales actions ({@code orders.actionsUrl}): {@code POST
 * {actionsUrl}/{orderNo}/{cancel|return|exchange|address}} with {@code Authorization: Bearer
 * {apiKey}}, {@code Idempotency-Key: {conversationId}:{proposalSeq}} and the JSON body {@code
 * {"orderNo", "action", "shopperId", "newAddress"?}}. Any 2xx is done (its {@code reference}, if
 * any, is shown to the shopper); anything else, a timeout ({@code orders.timeoutMs}) or no answer is
 * {@link Unavailable}. One request per confirmation, never retried here: the shopper may confirm
 * again, with the same key. Thread-safe.
 */
public final class LiveOrderActions implements AfterSalesService {
    private final String actionsUrl;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;

    public LiveOrderActions(String actionsUrl, String apiKey, Duration timeout, HttpClient http, ObjectMapper json) {
        this.actionsUrl = Checks.requireText("actionsUrl", actionsUrl).replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.timeout = Checks.requireNonNull("timeout", timeout);
        this.http = Checks.requireNonNull("http", http);
        this.json = Checks.requireNonNull("json", json);
    }

    @Override
    public String submit(ActionRequest request, String shopperId, String idempotencyKey) {
        ObjectNode body = json.createObjectNode()
                .put("orderNo", request.orderNo())
                .put("action", request.action().code())
                .put("shopperId", shopperId);
        if (request.newAddress() != null) {
            body.put("newAddress", request.newAddress());
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(actionsUrl
                        + "/" + URLEncoder.encode(request.orderNo(), StandardCharsets.UTF_8)
                        + "/" + request.action().code()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", Checks.requireText("idempotencyKey", idempotencyKey))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (apiKey != null) {
            call.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(call.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable(
                    "the action service did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking the action service", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new Unavailable("the action service answered " + response.statusCode(), null);
        }
        return reference(response.body());
    }

    /** The {@code reference} of a JSON object answer, or {@code null} (no body, or none given). */
    private String reference(String body) {
        try {
            JsonNode answer = body == null || body.isBlank() ? null : json.readTree(body);
            JsonNode reference = answer == null ? null : answer.get("reference");
            return reference != null
                            && reference.isTextual()
                            && !reference.asText().isBlank()
                    ? reference.asText()
                    : null;
        } catch (IOException e) {
            return null; // done all the same: the status said so
        }
    }
}
