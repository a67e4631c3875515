package dev.kefu.channels.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kefu.core.Checks;
import dev.kefu.core.compose.llm.CircuitBreaker;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderJson;
import dev.kefu.core.order.OrderSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The store's own order service, asked live ({@code orders.lookupUrl}): {@code GET
 * {lookupUrl}/{orderNo}} with {@code Authorization: Bearer {apiKey}}, answering the order JSON of
 * {@code PUT /api/v1/orders} (404: no such order). Each lookup is bounded by {@code timeoutMs};
 * after repeated failures a circuit breaker stops asking for a while; answers (and absences) are
 * reused for {@code cacheSeconds}. A slow, failing or nonsensical service is {@link Unavailable},
 * never "no such order". Thread-safe.
 */
public final class LiveOrderLookup implements OrderSource {
    private final String lookupUrl;
    private final String apiKey;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Cache<String, Optional<Order>> cache;

    public LiveOrderLookup(
            String lookupUrl,
            String apiKey,
            Duration timeout,
            Duration cacheFor,
            CircuitBreaker breaker,
            HttpClient http,
            ObjectMapper json) {
        this.lookupUrl = Checks.requireText("lookupUrl", lookupUrl).replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.timeout = Checks.requireNonNull("timeout", timeout);
        this.breaker = Checks.requireNonNull("breaker", breaker);
        this.http = Checks.requireNonNull("http", http);
        this.json = Checks.requireNonNull("json", json);
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(cacheFor)
                .build();
    }

    @Override
    public Optional<Order> find(String orderNo) {
        Optional<Order> cached = cache.getIfPresent(orderNo);
        if (cached != null) {
            return cached;
        }
        if (!breaker.tryAcquire()) {
            throw new Unavailable("the order service failed repeatedly; not asked for a while", null);
        }
        Optional<Order> found;
        try {
            found = lookUp(orderNo);
        } catch (Unavailable e) {
            breaker.failure();
            throw e;
        }
        breaker.success();
        cache.put(orderNo, found);
        return found;
    }

    /** The service knows single orders only: a shopper's latest are those the store pushed. */
    @Override
    public List<Order> recent(String shopperId, int limit) {
        return List.of();
    }

    private Optional<Order> lookUp(String orderNo) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(lookupUrl + "/" + URLEncoder.encode(orderNo, StandardCharsets.UTF_8)))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable(
                    "the order service did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking the order service", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("the order service answered " + response.statusCode(), null);
        }
        try {
            return Optional.of(OrderJson.read(orderNo, json.readTree(response.body())));
        } catch (JsonProcessingException | OrderJson.Invalid e) {
            throw new Unavailable("the order service answered something that is not an order", e);
        }
    }
}
