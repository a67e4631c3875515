package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The curation API over real HTTP against the real server: what a trainer publishes reaches
 * shoppers, what they restore takes it back, and bad input is refused whole.
 */
class TrainerApiIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final String KB = "/api/v1/kb";

    private static JsonNode ask(String text) throws Exception {
        return server.postJson("/api/v1/chat", Map.of("text", text))
                .path("replies")
                .get(0);
    }

    private static String entry(String id, String title, String body, String... questions) throws Exception {
        return RunningServer.JSON.writeValueAsString(
                Map.of("id", id, "type", "faq", "title", title, "body", body, "questions", List.of(questions)));
    }

    @Test
    void should_refuse_requests_without_a_valid_trainer_token() throws Exception {
        HttpResponse<String> none = server.send("GET", KB + "/entries", null, null);
        HttpResponse<String> wrong = server.send("GET", KB + "/entries", null, "not-the-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(RunningServer.JSON
                        .readTree(none.body())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("UNAUTHORIZED");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(server.send("POST", KB + "/publish", null, "not-the-token").statusCode())
                .isEqualTo(401);
    }

    @Test
    void should_answer_shoppers_from_a_published_entry_at_once_and_take_it_back_on_restore() throws Exception {
        JsonNode created = server.trainer(
                "POST",
                KB + "/entries",
                entry(
                        "faq-gift-cards",
                        "Gift cards",
                        "Gift cards come in any amount from 50 to 2000 yuan and never expire.",
                        "Do you sell gift cards?",
                        "礼品卡怎么买"));
        assertThat(created.path("entry").path("status").asText()).isEqualTo("new");
        assertThat(ask("do you sell gift cards?").path("text").asText())
                .doesNotContain("never expire"); // a draft is invisible to shoppers

        long start = System.nanoTime();
        JsonNode published = server.trainer("POST", KB + "/publish", null);
        JsonNode answer = ask("do you sell gift cards?");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(published.path("changed").asBoolean()).isTrue();
        assertThat(answer.path("text").asText()).contains("never expire");
        assertThat(answer.path("citations").findValuesAsText("entryId")).containsExactly("faq-gift-cards");
        assertThat(tookMs)
                .as("publish and answer, ms (target 1000; generous bound)")
                .isLessThan(10_000);

        long first = created.path("revision").path("number").asLong();
        JsonNode updated = server.trainer(
                "PUT",
                KB + "/entries/faq-gift-cards?publish=true&baseRevision=" + first,
                entry(
                        "faq-gift-cards",
                        "Gift cards",
                        "Gift cards are sold out until March.",
                        "Do you sell gift cards?"));
        assertThat(updated.path("published").path("changed").asBoolean()).isTrue();
        assertThat(ask("do you sell gift cards?").path("text").asText()).contains("sold out until March");

        JsonNode diff = server.trainer(
                "GET",
                KB + "/diff?from=" + first + "&to="
                        + updated.path("revision").path("number").asLong(),
                null);
        assertThat(diff.path("changes").findValuesAsText("field")).containsExactly("body", "questions");

        JsonNode restored = server.trainer(
                "POST", KB + "/entries/faq-gift-cards/revisions/" + first + "/restore?publish=true", null);
        assertThat(restored.path("revision").path("restoredFrom").asLong()).isEqualTo(first);
        assertThat(ask("do you sell gift cards?").path("text").asText()).contains("never expire");

        JsonNode revisions = server.trainer("GET", KB + "/entries/faq-gift-cards/revisions", null);
        assertThat(revisions.path("revisions").findValuesAsText("action"))
                .containsExactly("create", "update", "restore");
        assertThat(revisions.path("revisions").findValuesAsText("author")).containsOnly(RunningServer.TRAINER);
    }

    @Test
    void should_recognise_a_newly_published_product_in_follow_ups() throws Exception {
        server.trainer(
                "POST",
                KB + "/entries",
                RunningServer.JSON.writeValueAsString(Map.of(
                        "id", "product-zephyr-kettle",
                        "type", "product",
                        "title", "Zephyr Kettle",
                        "body", "A 1.7 litre glass kettle that boils in three minutes.",
                        "relations", List.of(Map.of("type", "governed_by", "target", "policy-warranty")))));
        server.trainer(
                "POST",
                KB + "/entries?publish=true",
                RunningServer.JSON.writeValueAsString(Map.of(
                        "id", "product-zephyr-filter",
                        "type", "product",
                        "title", "Zephyr Kettle limescale filter",
                        "body", "A replacement limescale filter for the Zephyr Kettle.",
                        "relations", List.of(Map.of("type", "accessory_of", "target", "product-zephyr-kettle")))));

        JsonNode first = server.postJson("/api/v1/chat", Map.of("text", "tell me about the Zephyr Kettle"));
        String id = first.path("conversationId").asText();
        JsonNode accessories =
                server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "what goes with it?"));

        assertThat(accessories.path("replies").get(0).path("citations").findValuesAsText("entryId"))
                .containsExactly("product-zephyr-filter"); // "it" resolved to a product the server started without
    }

    @Test
    void should_answer_a_trainer_s_new_question_at_once_even_when_the_router_finds_it_out_of_scope() throws Exception {
        String question = "Do you plant a tree for every order?";
        String chinese = "你们每单都种一棵树吗";
        JsonNode before = server.postJson("/api/v1/chat", Map.of("text", question));
        assertThat(before.path("intent").path("name").asText()).isEqualTo("oos");
        assertThat(before.path("replies").get(0).path("citations")).isEmpty();

        server.trainer(
                "POST",
                KB + "/entries?publish=true",
                entry(
                        "faq-tree-planting",
                        "Planting trees",
                        "We plant one tree for every order over 99 yuan, with a reforestation partner in Inner Mongolia.",
                        question,
                        chinese));
        JsonNode after = server.postJson("/api/v1/chat", Map.of("text", question));
        JsonNode afterZh = server.postJson("/api/v1/chat", Map.of("text", chinese));
        JsonNode offTopic = server.postJson("/api/v1/chat", Map.of("text", "who won the world cup in 2018?"));

        assertThat(after.path("intent").path("name").asText()).isEqualTo("oos"); // the router was not retrained
        assertThat(after.path("replies").get(0).path("citations").findValuesAsText("entryId"))
                .containsExactly("faq-tree-planting");
        assertThat(afterZh.path("replies").get(0).path("citations").findValuesAsText("entryId"))
                .containsExactly("faq-tree-planting");
        assertThat(offTopic.path("replies").get(0).path("citations")).isEmpty();
    }

    @Test
    void should_refuse_a_conflicting_edit_an_invalid_entry_and_deleting_a_referenced_one() throws Exception {
        HttpResponse<String> stale = server.send(
                "PUT",
                KB + "/entries/policy-shipping?baseRevision=1",
                entry("policy-shipping", "Shipping", "x"),
                RunningServer.TRAINER_TOKEN);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("REVISION_CONFLICT");

        HttpResponse<String> invalid = server.send(
                "POST",
                KB + "/entries",
                "{\"id\":\"bad id\",\"type\":\"gadget\",\"title\":\"\",\"body\":\"b\",\"colour\":\"red\"}",
                RunningServer.TRAINER_TOKEN);
        assertThat(invalid.statusCode()).isEqualTo(422);
        JsonNode error = RunningServer.JSON.readTree(invalid.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("INVALID_ENTRY");
        assertThat(error.path("problems")).hasSize(4);

        HttpResponse<String> referenced =
                server.send("DELETE", KB + "/entries/policy-warranty", null, RunningServer.TRAINER_TOKEN);
        assertThat(referenced.statusCode()).isEqualTo(409);
        assertThat(RunningServer.JSON.readTree(referenced.body()).path("error").path("problems"))
                .isNotEmpty();

        assertThat(server.send("GET", KB + "/entries/no-such-entry", null, RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void should_validate_an_import_whole_and_round_trip_an_export() throws Exception {
        HttpResponse<String> export = server.send("GET", KB + "/export", null, RunningServer.TRAINER_TOKEN);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
        int entries = (int) export.body().lines().count();
        assertThat(entries).isGreaterThan(100);

        String longBody = "x".repeat(10_001);
        String broken = String.join(
                "\n",
                entry("faq-a", "A", "a"),
                entry("faq-a", "A again", "a"),
                "{\"id\":\"faq-b\",\"type\":\"faq\",\"body\":\"b\"}",
                "{\"id\":\"faq-c\",\"type\":\"faq\",\"title\":\"C\",\"body\":\"c\","
                        + "\"relations\":[{\"type\":\"related\",\"target\":\"faq-missing\"}]}",
                entry("faq-d", "D", longBody));
        HttpResponse<String> refused = server.send("POST", KB + "/import", broken, RunningServer.TRAINER_TOKEN);
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode error = RunningServer.JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("INVALID_IMPORT");
        List<String> problems = new ArrayList<>();
        error.path("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("line 1:").contains("duplicate id"))
                .anySatisfy(p -> assertThat(p).startsWith("line 2:").contains("duplicate id"))
                .anySatisfy(p -> assertThat(p).startsWith("line 3:").contains("title"))
                .anySatisfy(p -> assertThat(p).startsWith("line 4:").contains("faq-missing"))
                .anySatisfy(p -> assertThat(p).startsWith("line 5:").contains("at most 10000"));
        assertThat(server.trainer("GET", KB + "/entries?limit=1", null)
                        .path("total")
                        .asInt())
                .isEqualTo(entries); // nothing was imported

        // The export imports back as no change at all; the export of the export is identical.
        JsonNode same = server.trainer("POST", KB + "/import", export.body());
        assertThat(same.path("unchanged").asInt()).isEqualTo(entries);
        assertThat(same.path("created").asInt()
                        + same.path("updated").asInt()
                        + same.path("deleted").asInt())
                .isZero();
        assertThat(server.send("GET", KB + "/export", null, RunningServer.TRAINER_TOKEN)
                        .body())
                .isEqualTo(export.body());
    }

    @Test
    void should_group_unanswered_questions_and_turn_a_group_into_an_entry_in_one_action() throws Exception {
        for (String question : List.of(
                "do you sell opera tickets?", "can I buy tickets for the opera here?", "do you repair bicycles?")) {
            assertThat(ask(question).path("citations")).isEmpty();
        }
        JsonNode inbox = server.trainer("GET", KB + "/unanswered", null);
        JsonNode opera = null;
        for (JsonNode group : inbox.path("groups")) {
            if (group.path("examples").toString().contains("opera")) {
                opera = group;
            }
        }
        assertThat(opera).as("a group of the opera questions in %s", inbox).isNotNull();
        assertThat(opera.path("count").asInt()).isEqualTo(2);

        JsonNode made = server.trainer(
                "POST",
                KB + "/unanswered/" + opera.path("id").asText() + "/entry?publish=true",
                RunningServer.JSON.writeValueAsString(Map.of(
                        "id",
                        "faq-opera-tickets",
                        "type",
                        "faq",
                        "title",
                        "Opera tickets",
                        "body",
                        "We do not sell event or opera tickets.")));
        assertThat(made.path("closedQuestions").asInt()).isEqualTo(2);
        assertThat(made.path("change").path("published").path("changed").asBoolean())
                .isTrue();

        JsonNode entry = server.trainer("GET", KB + "/entries/faq-opera-tickets", null);
        // questions are plain strings:
        assertThat(entry.path("entry").path("questions").toString())
                .contains("do you sell opera tickets?", "can I buy tickets for the opera here?");
        assertThat(ask("do you sell opera tickets?").path("citations").findValuesAsText("entryId"))
                .containsExactly("faq-opera-tickets");
        assertThat(server.trainer("GET", KB + "/unanswered", null)
                        .path("groups")
                        .toString())
                .doesNotContain("opera");
    }

    @Test
    void should_collect_answers_marked_not_helpful() throws Exception {
        JsonNode response = server.postJson("/api/v1/chat", Map.of("text", "How long does delivery take?"));
        String conversation = response.path("conversationId").asText();
        long seq = response.path("replies").get(0).path("seq").asLong();

        server.postJson("/api/v1/chat/" + conversation + "/feedback", Map.of("seq", seq, "helpful", false));

        JsonNode inbox = server.trainer("GET", KB + "/unanswered", null);
        assertThat(inbox.path("groups").toString())
                .contains("How long does delivery take?", "not_helpful", "policy-shipping");
    }

    @Test
    void should_never_fail_a_shopper_while_trainers_publish() throws Exception {
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread shopper = new Thread(() -> {
            while (publishing.get()) {
                try {
                    HttpResponse<String> reply =
                            server.post("/api/v1/chat", "{\"text\":\"How long does delivery take?\"}");
                    if (reply.statusCode() != 200 || !reply.body().contains("policy-shipping")) {
                        failures.add(reply.statusCode() + " " + reply.body());
                    }
                    answered.incrementAndGet();
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        shopper.start();
        try {
            server.trainer("POST", KB + "/entries?publish=true", entry("faq-concurrency", "Concurrency", "Version 0."));
            for (int i = 1; i <= 3; i++) {
                server.trainer(
                        "PUT",
                        KB + "/entries/faq-concurrency?publish=true",
                        entry("faq-concurrency", "Concurrency " + i, "Version " + i + "."));
            }
        } finally {
            publishing.set(false);
            shopper.join();
        }
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isPositive();
    }
}
