package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import dev.kefu.core.outreach.OutreachRule;
import dev.kefu.core.slot.ScriptLibrary;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The check over real HTTP and the widget's WebSocket: with {@code
 * proactive.cartAbandonment.afterSeconds} at 2, a store-token {@code added_to_cart} for a shopper
 * whose widget is open brings the bot's message over the socket within 5 s, and none for a shopper
 * who opted out (whose hold-back is logged with its reason).
 */
class OutreachIT {
    @RegisterExtension
    static final RunningServer server =
            new RunningServer(Map.of("proactive.cartAbandonment.afterSeconds", "2", "proactive.tickSeconds", "1"));

    /** A shopper the demo's cart rule puts in its message arm (5% are its holdout). */
    static String messagedShopper(String prefix) {
        OutreachRule rule =
                ScriptLibrary.demo().outreach().rule("cart-reminder").orElseThrow();
        Experiment experiment = rule.experimentOf(Experiment.Status.RUNNING);
        for (int i = 0; ; i++) {
            if (new Assigner().assign(experiment, prefix + i).equals(OutreachRule.MESSAGE_ARM)) {
                return prefix + i;
            }
        }
    }

    private static WsClient widget(String shopperId) throws Exception {
        return widget(server, shopperId);
    }

    /** A widget on {@code node} with the shopper signed in, past its welcome. */
    static WsClient widget(RunningServer node, String shopperId) throws Exception {
        WsClient client = new WsClient(node, "/ws/chat");
        client.send("{\"type\": \"hello\", \"locale\": \"en\", \"shopper\": {\"token\": \""
                + RunningServer.shopperToken(shopperId) + "\"}}");
        client.next("welcome");
        return client;
    }

    private static void addedToCart(String shopperId) throws Exception {
        addedToCart(server, shopperId);
    }

    /** The store's back end tells {@code node} the shopper put the X200 in their cart. */
    static void addedToCart(RunningServer node, String shopperId) throws Exception {
        HttpResponse<String> response = node.send(
                "POST",
                "/api/v1/events",
                RunningServer.JSON.writeValueAsString(
                        Map.of("type", "added_to_cart", "shopperId", shopperId, "productId", "product-x200")),
                RunningServer.STORE_TOKEN);
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void should_push_the_bot_s_message_within_5_s_when_an_open_widget_s_shopper_leaves_a_cart() throws Exception {
        String shopper = messagedShopper("cart-open-");
        try (WsClient client = widget(shopper)) {
            long start = System.nanoTime();
            addedToCart(shopper);
            JsonNode frame = client.next("message");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(frame.path("message").path("from").asText()).isEqualTo("bot");
            assertThat(frame.path("message").path("text").asText())
                    .contains("X200 Wireless Earbuds")
                    .contains("Stop these messages");
            assertThat(frame.path("outreach").path("ruleId").asText()).isEqualTo("cart-reminder");
        }
        JsonNode log = server.trainer("GET", "/api/v1/outreach/log", null);
        assertThat(entriesOf(log, shopper))
                .singleElement()
                .satisfies(e -> assertThat(e.path("sent").asBoolean()).isTrue());
    }

    @Test
    void should_send_nothing_to_a_shopper_who_opted_out_and_log_the_hold_back() throws Exception {
        String shopper = messagedShopper("cart-stop-");
        try (WsClient client = widget(shopper)) {
            client.send("{\"type\": \"optOut\"}");
            client.next("optOutAck");
            addedToCart(shopper);

            JsonNode held = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (held == null && System.nanoTime() < deadline) {
                held = entriesOf(server.trainer("GET", "/api/v1/outreach/log", null), shopper).stream()
                        .findFirst()
                        .orElse(null);
                if (held == null) {
                    Thread.sleep(100); // polling the log: the tick runs every second
                }
            }
            assertThat(held).as("the cart's decision in the log").isNotNull();
            assertThat(held.path("sent").asBoolean()).isFalse();
            assertThat(held.path("reason").asText()).isEqualTo("opted_out");

            client.send("{\"type\": \"no-such-frame\"}"); // answered by an error: all before it has arrived
            assertThat(client.until("error"))
                    .noneMatch(f -> f.path("type").asText().equals("message"));
        }
    }

    @Test
    void should_preview_a_rule_for_a_shopper_and_list_the_rules() throws Exception {
        JsonNode rules = server.trainer("GET", "/api/v1/outreach/rules", null);
        assertThat(rules.path("rules").findValuesAsText("trigger"))
                .contains("cart_abandoned", "product_page", "delivered", "tag");
        JsonNode preview = server.trainer(
                "POST", "/api/v1/outreach/preview", "{\"ruleId\": \"cart-reminder\", \"shopperId\": \"nobody-here\"}");
        assertThat(preview.path("send").asBoolean()).isFalse();
        assertThat(preview.path("reason").asText()).isIn("no_channel", "holdout");
        JsonNode paused = server.trainer("POST", "/api/v1/outreach/rules/product-page-help/pause", "{}");
        assertThat(paused.path("status").asText()).isEqualTo("paused");
        assertThat(server.trainer(
                                "POST",
                                "/api/v1/outreach/preview",
                                "{\"ruleId\": \"product-page-help\", \"shopperId\": \"nobody-here\"}")
                        .path("reason")
                        .asText())
                .isEqualTo("experiment_paused");
        assertThat(server.trainer("POST", "/api/v1/outreach/rules/product-page-help/resume", "{}")
                        .path("status")
                        .asText())
                .isEqualTo("running");
        JsonNode results = server.trainer("GET", "/api/v1/outreach/results", null);
        assertThat(results.path("rules").findValuesAsText("ruleId")).contains("cart-reminder");
    }

    static List<JsonNode> entriesOf(JsonNode log, String shopper) {
        return StreamSupport.stream(log.path("entries").spliterator(), false)
                .filter(e -> e.path("shopperId").asText().equals(shopper))
                .toList();
    }
}
