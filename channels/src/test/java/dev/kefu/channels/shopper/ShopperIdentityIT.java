package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who a shopper is comes from the store's signed token ({@code shopper.token}), not from the
 * browser: an unsigned VIP tier does not reach the VIP queue while a signed one does; a tampered,
 * expired, unsigned ({@code alg: none}) or subject-less token is refused; browser tags cannot
 * crowd out the store's opt-out.
 */
class ShopperIdentityIT {
    private static final String PARCEL = "where is my parcel?";
    private static final String STROLLER_QUESTION = "Is the CloudNest Cloud Lite Stroller easy to fold?";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @Test
    void should_keep_an_unsigned_vip_tag_out_of_the_vip_queue_and_let_a_signed_one_in() throws Exception {
        JsonNode unsigned = server.postJson(
                "/api/v1/chat",
                Map.of("text", PARCEL, "shopper", Map.of("id", "vip-claim", "tags", List.of("vip_diamond"))));
        assertThat(unsigned.path("handoff").isNull()).as(unsigned.toString()).isTrue();
        assertThat(queued(unsigned.path("conversationId").asText())).isNull();

        JsonNode signed = server.postJson(
                "/api/v1/chat",
                Map.of(
                        "text",
                        PARCEL,
                        "shopper",
                        Map.of("token", RunningServer.shopperToken("vip-real", "vip_diamond"))));
        assertThat(signed.path("handoff").path("reason").asText()).isEqualTo("shopper_tag");
        JsonNode item = queued(signed.path("conversationId").asText());
        assertThat(item).isNotNull();
        assertThat(item.path("priority").asText()).isEqualTo("vip");
    }

    @Test
    void should_refuse_a_tampered_expired_unsigned_or_subject_less_token_with_401() throws Exception {
        String good = RunningServer.shopperToken("tamper-me", "newcomer");
        String[] parts = good.split("\\.");
        String vipClaims = base64("{\"sub\":\"tamper-me\",\"tags\":[\"vip_diamond\"],\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        String tampered = parts[0] + "." + vipClaims + "." + parts[2];
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + vipClaims + ".";
        String expired = sign(new JWTClaimsSet.Builder()
                .subject("late")
                .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                .build());
        String noSubject = sign(new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build());
        String wrongKey = sign(
                new JWTClaimsSet.Builder()
                        .subject("forger")
                        .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                        .build(),
                "another-secret-of-at-least-32-bytes!!");
        for (String token : List.of(tampered, none, expired, noSubject, wrongKey, "not.a.jwt", "")) {
            HttpResponse<String> refused = server.post(
                    "/api/v1/chat",
                    RunningServer.JSON.writeValueAsString(Map.of("text", PARCEL, "shopper", Map.of("token", token))));
            assertThat(refused.statusCode()).as(token).isEqualTo(401);
            JsonNode error = RunningServer.JSON.readTree(refused.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("INVALID_SHOPPER_TOKEN");
            assertThat(error.path("message").asText()).doesNotContain("Exception", "com.nimbusds", "java.");
        }
        try (WsClient widget = new WsClient(server, "/ws/chat")) {
            widget.send("{\"type\": \"hello\", \"shopper\": {\"token\": \"" + tampered + "\"}}");
            assertThat(widget.next("error").path("error").path("code").asText()).isEqualTo("INVALID_SHOPPER_TOKEN");
        }
    }

    @Test
    void should_let_a_signed_shopper_into_the_vip_queue_over_the_widget_socket() throws Exception {
        try (WsClient widget = new WsClient(server, "/ws/chat")) {
            widget.send("{\"type\": \"hello\", \"shopper\": {\"token\": \""
                    + RunningServer.shopperToken("vip-ws", "vip_diamond") + "\"}}");
            String id = widget.next("welcome").path("conversationId").asText();
            widget.send("{\"type\": \"message\", \"text\": \"" + PARCEL + "\"}");
            assertThat(widget.next("reply").path("handoff").path("reason").asText())
                    .isEqualTo("shopper_tag");
            assertThat(queued(id).path("priority").asText()).isEqualTo("vip");
        }
    }

    @Test
    void should_never_let_browser_tags_crowd_out_the_store_s_opt_out() throws Exception {
        assertThat(server.send(
                                "PUT",
                                "/api/v1/shoppers/opted-out",
                                "{\"tags\": [\"no_marketing\"]}",
                                RunningServer.STORE_TOKEN)
                        .statusCode())
                .isEqualTo(200);
        List<String> tags = new ArrayList<>(List.of("mother_baby"));
        IntStream.range(0, 49).forEach(i -> tags.add("filler-" + i));
        JsonNode answer = server.postJson(
                "/api/v1/chat",
                Map.of(
                        "text",
                        STROLLER_QUESTION,
                        "shopper",
                        Map.of("id", "opted-out", "token", RunningServer.shopperToken("opted-out"), "tags", tags)));
        assertThat(answer.path("slots")).as(answer.toString()).isEmpty();

        // A self-declared interest still targets an anonymous shopper.
        JsonNode anonymous = server.postJson(
                "/api/v1/chat", Map.of("text", STROLLER_QUESTION, "shopper", Map.of("tags", List.of("mother_baby"))));
        assertThat(anonymous.path("slots")).hasSize(1);
    }

    private static JsonNode queued(String conversationId) throws Exception {
        for (JsonNode item : server.agent("GET", "/api/v1/agent/queue", null).path("conversations")) {
            if (item.path("conversationId").asText().equals(conversationId)) {
                return item;
            }
        }
        return null;
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        return sign(claims, RunningServer.IDENTITY_SECRET);
    }

    private static String sign(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
