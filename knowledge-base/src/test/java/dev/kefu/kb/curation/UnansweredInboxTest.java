package dev.kefu.kb.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.Feedback;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.Decision;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentTrend;
import dev.kefu.kb.curation.UnansweredQuestion.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnansweredInboxTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Texts about payment point one way, about delivery another, anything else a third. */
    private static final TextEmbedder TOPICS = new TextEmbedder() {
        @Override
        public Map<String, Integer> spaces() {
            return Map.of("en", 3);
        }

        @Override
        public Embedding embed(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            float pay = lower.contains("pay") || lower.contains("bitcoin") ? 1 : 0;
            float ship = lower.contains("ship") || lower.contains("deliver") ? 1 : 0;
            return new Embedding("en", new float[] {pay, ship, pay + ship == 0 ? 1 : 0.1f});
        }
    };

    private UnansweredInbox inbox(TextEmbedder embedder) throws IOException {
        return new UnansweredInbox(dir.resolve("unanswered.jsonl"), embedder, 100, 0.8, CLOCK);
    }

    private static PipelineEvent.Decided decided(String text, Decision decision, boolean outOfScope) {
        Understanding understanding = new Understanding(
                Language.EN,
                Language.EN,
                text,
                new IntentPrediction(
                        new IntentScore(outOfScope ? IntentPrediction.OUT_OF_SCOPE : "payment", 0.9), List.of()),
                List.of(),
                Sentiment.neutral(),
                SentimentTrend.start(),
                null,
                false,
                false,
                false);
        return new PipelineEvent.Decided(
                "c1",
                new InboundMessage("c1", text, ShopperContext.anonymous(), null, CLOCK.instant()),
                understanding,
                decision,
                Duration.ZERO);
    }

    private static Decision reply(AnswerKind kind) {
        List<Citation> citations =
                kind == AnswerKind.GROUNDED ? List.of(new Citation("policy-shipping", "Shipping")) : List.of();
        return new Decision.Reply(new Answer("text", citations, kind), List.of());
    }

    @Test
    void should_collect_fallbacks_unhelpful_answers_and_hand_offs_for_lack_of_an_answer() throws IOException {
        try (UnansweredInbox inbox = inbox(TOPICS)) {
            inbox.on(decided("Can I pay with bitcoin?", reply(AnswerKind.FALLBACK), false));
            inbox.on(decided("What is the meaning of life?", reply(AnswerKind.FALLBACK), true));
            inbox.on(decided("How long does delivery take?", reply(AnswerKind.GROUNDED), false));
            inbox.on(decided("hello", reply(AnswerKind.SMALL_TALK), false));
            inbox.on(decided(
                    "do you ship to Mars",
                    new Decision.Handoff(
                            dev.kefu.core.handoff.HandoffTicket.queued(
                                    new HandoffTrigger(HandoffReason.REPEATED_FALLBACK, Map.of("fallbacks", "2")),
                                    dev.kefu.core.handoff.Priority.NORMAL,
                                    dev.kefu.core.intent.Language.EN,
                                    CLOCK.instant(),
                                    CLOCK.instant()),
                            new Answer("notice", List.of(), AnswerKind.HANDOFF_NOTICE)),
                    false));
            inbox.on(new Feedback("c2", "when does it ship?", 4, false, List.of("policy-shipping"), CLOCK.instant()));
            inbox.on(new Feedback("c2", "thanks!", 6, true, List.of(), CLOCK.instant()));

            assertThat(inbox.size()).isEqualTo(4);
            List<QuestionGroup> groups = inbox.groups();
            assertThat(groups).extracting(QuestionGroup::count).containsExactly(2, 1, 1);
            QuestionGroup shipping = groups.get(0);
            assertThat(shipping.examples()).containsExactly("when does it ship?", "do you ship to Mars");
            assertThat(shipping.reasons())
                    .containsEntry(Reason.HANDOFF_NO_ANSWER.code(), 1)
                    .containsEntry(Reason.NOT_HELPFUL.code(), 1);
            assertThat(shipping.triedEntries()).containsExactly("policy-shipping");
            assertThat(groups).anySatisfy(group -> assertThat(group.reasons()).containsKey(Reason.OUT_OF_SCOPE.code()));
        }
    }

    @Test
    void should_keep_groups_stable_resolve_them_and_survive_a_restart() throws IOException {
        String groupId;
        try (UnansweredInbox inbox = inbox(TOPICS)) {
            inbox.add("Can I pay with bitcoin?", Reason.NO_ANSWER, "en", "c1", List.of());
            inbox.add("What is the meaning of life?", Reason.OUT_OF_SCOPE, "en", "c1", List.of());
            inbox.add("Do you take bitcoin payments?", Reason.NO_ANSWER, "en", "c2", List.of());
            groupId = inbox.groups().get(0).id();
            assertThat(groupId).isEqualTo("g1");
            inbox.add("pay by bitcoin?", Reason.NO_ANSWER, "en", "c3", List.of());
            assertThat(inbox.group(groupId).count()).isEqualTo(3);
        }
        try (UnansweredInbox reopened = inbox(TOPICS)) {
            QuestionGroup payments = reopened.group(groupId);
            assertThat(payments.count()).isEqualTo(3);
            reopened.resolve(payments.questionIds(), "entry:faq-bitcoin", "alice");
            assertThat(reopened.groups()).extracting(QuestionGroup::count).containsExactly(1);
            assertThatThrownBy(() -> reopened.group(groupId)).isInstanceOf(CurationException.class);
        }
        try (UnansweredInbox again = inbox(TOPICS)) {
            assertThat(again.size()).isEqualTo(1);
            assertThat(again.add("new one", Reason.NO_ANSWER, "en", "c9", List.of())
                            .id())
                    .isEqualTo(5);
        }
    }

    @Test
    void should_group_by_shared_words_without_an_embedder_and_keep_only_the_newest() throws IOException {
        try (UnansweredInbox inbox = new UnansweredInbox(dir.resolve("words.jsonl"), null, 3, 0.5, CLOCK)) {
            inbox.add("can I pay with bitcoin", Reason.NO_ANSWER, "en", "c1", List.of());
            inbox.add("oldest gone soon", Reason.NO_ANSWER, "en", "c1", List.of());
            inbox.add("can i pay with Bitcoin?", Reason.NO_ANSWER, "en", "c1", List.of());
            inbox.add("比特币可以付款吗", Reason.NO_ANSWER, "zh", "c1", List.of());
            assertThat(inbox.size()).isEqualTo(3);
            assertThat(inbox.groups()).extracting(QuestionGroup::count).containsExactlyInAnyOrder(1, 1, 1);
            inbox.add("比特币付款可以吗", Reason.NO_ANSWER, "zh", "c1", List.of());
            assertThat(inbox.groups().get(0).examples()).containsExactly("比特币付款可以吗", "比特币可以付款吗");
        }
        assertThat(UnansweredInbox.words("Pay, with BITCOIN 比特币"))
                .containsExactlyInAnyOrder("pay", "with", "bitcoin", "比", "特", "币");
    }

    /** A shopper's phone, e-mail and order number in one question. */
    private static final String PERSONAL = "my phone 13800138000, li.na@example.com, order DD20261122001 never came";

    private static final String REDACTED = "my phone <PHONE>, <EMAIL>, order <ORDER> never came";

    @Test
    void should_keep_and_show_phones_emails_and_order_numbers_masked_when_a_shopper_writes_them() throws IOException {
        Path file = dir.resolve("unanswered.jsonl");
        try (UnansweredInbox inbox = inbox(null)) {
            inbox.on(decided(PERSONAL, reply(AnswerKind.FALLBACK), false));
            inbox.on(new Feedback("c2", "call 139 1234 5678 about it", 4, false, List.of(), CLOCK.instant()));

            assertThat(inbox.groups())
                    .flatExtracting(QuestionGroup::examples)
                    .containsExactlyInAnyOrder(REDACTED, "call <PHONE> about it");
        }
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(stored).contains(REDACTED).doesNotContain("13800138000", "li.na@example.com", "DD20261122001");
        assertThat(stored).doesNotContain("139 1234 5678");
    }

    @Test
    void should_mask_and_rewrite_an_inbox_an_earlier_version_kept_in_clear() throws IOException {
        Path file = dir.resolve("unanswered.jsonl");
        Files.writeString(
                file,
                "{\"kind\":\"question\",\"id\":1,\"text\":\"" + PERSONAL + "\",\"reason\":\"no_answer\","
                        + "\"language\":\"en\",\"conversationId\":\"c1\",\"at\":\"2026-11-22T09:00:00Z\","
                        + "\"triedEntries\":[]}\n",
                StandardCharsets.UTF_8);

        try (UnansweredInbox inbox = inbox(null)) {
            assertThat(inbox.groups()).singleElement().satisfies(group -> assertThat(group.examples())
                    .containsExactly(REDACTED));
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .contains(REDACTED)
                .doesNotContain("13800138000", "li.na@example.com", "DD20261122001");
    }

    @Test
    void should_forget_every_question_of_a_conversation_answered_or_not_from_memory_and_file() throws IOException {
        Path file = dir.resolve("unanswered.jsonl");
        try (UnansweredInbox inbox = inbox(null)) {
            UnansweredQuestion answered = inbox.add("erase me, answered", Reason.NO_ANSWER, "en", "c-gone", List.of());
            inbox.resolve(List.of(answered.id()), "dismissed", "alice");
            inbox.add("erase me, open", Reason.NO_ANSWER, "en", "c-gone", List.of());
            inbox.add("keep me", Reason.NO_ANSWER, "en", "c-kept", List.of());

            assertThat(inbox.find(q -> q.conversationId().equals("c-gone")))
                    .extracting(UnansweredQuestion::text)
                    .containsExactly("erase me, open");
            assertThat(inbox.forget(q -> q.conversationId().equals("c-gone"))).isEqualTo(2);

            assertThat(inbox.groups()).flatExtracting(QuestionGroup::examples).containsExactly("keep me");
            inbox.add("after the erasure", Reason.NO_ANSWER, "en", "c-kept", List.of());
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .doesNotContain("erase me")
                .contains("keep me", "after the erasure");
        try (UnansweredInbox reopened = inbox(null)) {
            assertThat(reopened.size()).isEqualTo(2);
        }
    }
}
