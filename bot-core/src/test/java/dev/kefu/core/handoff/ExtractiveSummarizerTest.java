package dev.kefu.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtractiveSummarizerTest {
    private static final Instant T0 = Instant.parse("2026-11-11T08:00:00Z");
    private static final Citation SHIPPING = new Citation("policy-shipping", "Shipping");
    private static final Citation RETURNS = new Citation("policy-returns", "Returns");
    private static final Citation WARRANTY = new Citation("policy-warranty", "Warranty");

    private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

    @Test
    void should_be_empty_when_shopper_said_nothing() {
        Conversation empty = start();
        Conversation botOnly = start().append(Speaker.BOT, "Hello! Ask me anything.", List.of(), T0)
                .append(Speaker.SYSTEM, "li.na joined", List.of(), T0);

        assertThat(summarizer.summarize(empty)).isEmpty();
        assertThat(summarizer.summarize(botOnly)).isEmpty();
    }

    @Test
    void should_quote_first_most_negative_and_last_shopper_message_when_they_differ() {
        Conversation conversation = start();
        conversation = said(conversation, "Where is my order 123?", 0.0, Language.EN);
        conversation = conversation.append(Speaker.BOT, "It ships tomorrow.", List.of(), T0);
        conversation = said(conversation, "still annoyed", -0.4, Language.EN);
        conversation = said(conversation, "This is a disgrace, it is two weeks late", -0.8, Language.EN);
        conversation = said(conversation, "hmm", -0.3, Language.EN);
        conversation = said(conversation, "Please just tell me when", 0.0, Language.EN);

        assertThat(summarizer.summarize(conversation))
                .isEqualTo("5 shopper messages. Asked: “Where is my order 123?”."
                        + " Most upset: “This is a disgrace, it is two weeks late”."
                        + " Last said: “Please just tell me when”.");
    }

    @Test
    void should_not_quote_a_most_upset_message_when_no_sentiment_is_below_minus_a_quarter() {
        Conversation conversation = start();
        conversation = said(conversation, "first", 0.0, Language.EN);
        conversation = said(conversation, "meh", -0.25, Language.EN);
        conversation = conversation.append(Speaker.SHOPPER, "unanalysed and furious", List.of(), T0);
        conversation = said(conversation, "last", -0.2, Language.EN);

        assertThat(summarizer.summarize(conversation))
                .isEqualTo("4 shopper messages. Asked: “first”. Last said: “last”.")
                .doesNotContain("Most upset");
    }

    @Test
    void should_quote_a_message_once_when_it_is_first_most_upset_and_last() {
        Conversation conversation = said(start(), "Worst service ever", -0.9, Language.EN);

        assertThat(summarizer.summarize(conversation)).isEqualTo("1 shopper message. Asked: “Worst service ever”.");
    }

    @Test
    void should_not_repeat_the_last_message_when_it_is_the_most_upset() {
        Conversation lastUpset = said(said(start(), "hi", 0.1, Language.EN), "this is a scam", -0.9, Language.EN);
        Conversation firstUpset = said(said(start(), "this is a scam", -0.9, Language.EN), "ok", 0.0, Language.EN);

        assertThat(summarizer.summarize(lastUpset))
                .isEqualTo("2 shopper messages. Asked: “hi”. Most upset: “this is a scam”.");
        assertThat(summarizer.summarize(firstUpset))
                .isEqualTo("2 shopper messages. Asked: “this is a scam”. Last said: “ok”.");
    }

    @Test
    void should_label_in_chinese_when_latest_signals_are_not_english() {
        Conversation conversation = start();
        conversation = said(conversation, "where is my parcel", 0.0, Language.EN);
        conversation = said(conversation, "太慢了，气死了", -0.7, Language.ZH);
        conversation = said(conversation, "快点", 0.0, Language.ZH);

        assertThat(summarizer.summarize(conversation))
                .isEqualTo("顾客共3条消息。咨询：“where is my parcel”；最不满：“太慢了，气死了”；最后说：“快点”。");
    }

    @Test
    void should_label_in_english_when_latest_signals_are_english() {
        Conversation conversation = start();
        conversation = said(conversation, "我的快递到哪了", 0.0, Language.ZH);
        conversation = said(conversation, "hello?", 0.0, Language.EN);
        conversation = conversation.append(Speaker.SHOPPER, "人工", List.of(), T0);

        assertThat(summarizer.summarize(conversation))
                .isEqualTo("3 shopper messages. Asked: “我的快递到哪了”. Last said: “人工”.");
    }

    @Test
    void should_follow_ticket_language_then_chinese_when_no_message_has_signals() {
        Conversation plain = start().append(Speaker.SHOPPER, "hello", List.of(), T0);
        HandoffTicket english = HandoffTicket.queued(
                new HandoffTrigger(HandoffReason.BOT_FAILURE, Map.of()),
                Priority.NORMAL,
                Language.EN,
                T0,
                T0.plus(Duration.ofMinutes(15)));

        assertThat(summarizer.summarize(plain)).isEqualTo("顾客共1条消息。咨询：“hello”。");
        assertThat(summarizer.summarize(plain.queued(english, T0))).isEqualTo("1 shopper message. Asked: “hello”.");
    }

    @Test
    void should_shorten_long_messages_to_120_code_points_with_an_ellipsis() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        Conversation conversation = said(start(), emoji.repeat(200), 0.0, Language.EN);

        String quote = onlyQuote(summarizer.summarize(conversation));

        assertThat(quote.codePointCount(0, quote.length())).isEqualTo(120);
        assertThat(quote).isEqualTo(emoji.repeat(119) + "…");
    }

    @Test
    void should_keep_messages_of_exactly_120_code_points_whole() {
        String exact = "a".repeat(120);
        String oneMore = "b".repeat(121);

        assertThat(onlyQuote(summarizer.summarize(said(start(), exact, 0.0, Language.EN))))
                .isEqualTo(exact);
        assertThat(onlyQuote(summarizer.summarize(said(start(), oneMore, 0.0, Language.EN))))
                .isEqualTo("b".repeat(119) + "…");
    }

    @Test
    void should_collapse_whitespace_when_quoting() {
        Conversation conversation = said(start(), "  where   is\n\nmy\tparcel  ", 0.0, Language.EN);

        assertThat(onlyQuote(summarizer.summarize(conversation))).isEqualTo("where is my parcel");
    }

    // ---- ContextPacket ----

    @Test
    void should_collect_intents_sentiment_tries_tags_and_ticket_when_packet_is_built() {
        ShopperContext shopper = new ShopperContext("s-1", Set.of("vip_gold", "mother_baby"));
        HandoffTicket ticket = HandoffTicket.queued(
                new HandoffTrigger(HandoffReason.NEGATIVE_SENTIMENT, Map.of("score", "-0.70")),
                Priority.VIP,
                Language.EN,
                T0,
                T0.plus(Duration.ofMinutes(5)));
        Conversation conversation = Conversation.start("c-1", shopper, T0);
        conversation = said(conversation, "how long does delivery take", "delivery_time", 0.9, 0.1, 0.1);
        conversation = conversation.append(Speaker.BOT, "2-4 days.", List.of(SHIPPING, RETURNS), T0);
        conversation = conversation.append(Speaker.SHOPPER, "and?", List.of(), T0);
        conversation = said(conversation, "this is a scam", "complaint", 0.8, -0.7, -0.3);
        conversation = conversation.append(
                Speaker.BOT,
                "Returns are free.",
                List.of(new Citation("policy-returns", "Returns (renamed)"), WARRANTY),
                T0);
        conversation = conversation
                .append(Speaker.SYSTEM, "note", List.of(new Citation("faq-system", "Not tried")), T0)
                .withSignals(6, new MessageSignals("oos", 0.5, -0.9, -0.9, 0.0, Language.EN));
        conversation = conversation.appendFromAgent("li.na", "Hi there", T0).queued(ticket, T0);

        ContextPacket packet =
                ContextPacket.of(conversation, c -> "summary of " + c.messages().size());

        assertThat(packet.intents())
                .containsExactly(
                        new ContextPacket.IntentMark(1, "delivery_time", 0.9),
                        new ContextPacket.IntentMark(4, "complaint", 0.8));
        assertThat(packet.sentimentTrend())
                .containsExactly(
                        new ContextPacket.SentimentPoint(1, 0.1, 0.1), new ContextPacket.SentimentPoint(4, -0.7, -0.3));
        assertThat(packet.triedEntries()).containsExactly(SHIPPING, RETURNS, WARRANTY);
        assertThat(packet.tags()).containsExactlyInAnyOrder("vip_gold", "mother_baby");
        assertThat(packet.summary()).isEqualTo("summary of 7");
        assertThat(packet.ticket()).isEqualTo(ticket);
    }

    @Test
    void should_build_an_empty_packet_without_ticket_when_conversation_never_went_to_a_person() {
        ContextPacket packet = ContextPacket.of(start(), summarizer);

        assertThat(packet.intents()).isEmpty();
        assertThat(packet.sentimentTrend()).isEmpty();
        assertThat(packet.triedEntries()).isEmpty();
        assertThat(packet.tags()).isEmpty();
        assertThat(packet.summary()).isEmpty();
        assertThat(packet.ticket()).isNull();
    }

    private static Conversation start() {
        return Conversation.start("c-1", ShopperContext.anonymous(), T0);
    }

    private static Conversation said(Conversation conversation, String text, double sentiment, Language language) {
        long seq = conversation.nextSeq();
        return conversation
                .append(Speaker.SHOPPER, text, List.of(), T0)
                .withSignals(seq, new MessageSignals("oos", 0.5, sentiment, sentiment, 0.0, language));
    }

    private static Conversation said(
            Conversation conversation,
            String text,
            String intent,
            double confidence,
            double sentiment,
            double running) {
        long seq = conversation.nextSeq();
        return conversation
                .append(Speaker.SHOPPER, text, List.of(), T0)
                .withSignals(seq, new MessageSignals(intent, confidence, sentiment, running, 0.0, Language.EN));
    }

    /** The text between the summary's only pair of quotation marks. */
    private static String onlyQuote(String summary) {
        int open = summary.indexOf('“');
        int close = summary.lastIndexOf('”');
        assertThat(open).isNotNegative();
        assertThat(summary.indexOf('“', open + 1))
                .as("a single quote in %s", summary)
                .isNegative();
        return summary.substring(open + 1, close);
    }
}
