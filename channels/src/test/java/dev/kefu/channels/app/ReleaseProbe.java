package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Issue 18's release checks shared by the cluster ITs: a knowledge entry published on one node and
 * looked for on another, a script saved on one node and offered on another.
 */
final class ReleaseProbe {
    static final String ENTRY = "faq-tree-planting";
    static final String QUESTION = "Do you plant a tree for every order?";
    static final String GIFT_SCRIPT =
            """
            scripts:
              - id: gift-wrap
                stage: closing
                tags: [gift_buyer]
                position: quick_reply
                priority: 5
                variants:
                  - {id: wrap, lines: {en: "Gift-wrap the {product.name}", zh: "为{product.name}加礼品包装"}}
            """;

    private ReleaseProbe() {}

    /** Drafts {@link #ENTRY} on {@code node} (not published). */
    static void draftEntry(RunningServer node) throws Exception {
        JsonNode draft = node.trainer(
                "POST",
                "/api/v1/kb/entries",
                RunningServer.JSON.writeValueAsString(Map.of(
                        "id", ENTRY,
                        "type", "faq",
                        "title", "Planting trees",
                        "body", "We plant one tree for every order over 99 yuan.",
                        "questions", List.of(QUESTION))));
        assertThat(draft.path("revision").path("number").asLong()).isPositive();
    }

    /** The entries {@code node}'s answer to {@link #QUESTION} cites. */
    static List<String> cited(RunningServer node) throws Exception {
        JsonNode answer = node.postJson("/api/v1/chat", Map.of("text", QUESTION));
        return answer.path("replies").path(0).path("citations").findValuesAsText("entryId");
    }

    /** Saves {@link #GIFT_SCRIPT} as the trainers' scripts on {@code node}. */
    static void saveGiftScript(RunningServer node) throws Exception {
        assertThat(node.send("PUT", "/api/v1/scripts", GIFT_SCRIPT, RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(200);
    }

    /** Whether {@code node}'s trainers see {@link #GIFT_SCRIPT} and its gift buyers are offered it. */
    static boolean usesGiftScript(RunningServer node) throws Exception {
        if (!node.send("GET", "/api/v1/scripts", null, RunningServer.TRAINER_TOKEN)
                .body()
                .equals(GIFT_SCRIPT)) {
            return false;
        }
        JsonNode answer = node.postJson(
                "/api/v1/chat",
                Map.of(
                        "text",
                        "Is the CloudNest Cloud Lite Stroller easy to fold?",
                        "shopper",
                        Map.of("id", "g-" + UUID.randomUUID(), "tags", List.of("gift_buyer"))));
        return answer.path("slots").path(0).path("scriptId").asText().equals("gift-wrap");
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code within} has passed. */
    static boolean waitFor(Duration within, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (condition.call()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }
}
