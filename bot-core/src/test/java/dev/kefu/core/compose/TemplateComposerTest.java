package dev.kefu.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateComposerTest {
    private static final Passage CASE = new Passage(
            "product-x200-charging-case", "product", "X200 charging case", "A spare case.", 1.0, Passage.ACCESSORY_OF);
    private static final Passage TIPS =
            new Passage("product-x200-ear-tips", "product", "X200 ear tips", "Three sizes.", 1.0, Passage.ACCESSORY_OF);
    private static final Passage SHIPPING =
            new Passage("policy-shipping", "policy", "Shipping", "Delivery takes 2-4 days.", 12.0);

    private static CompositionRequest request(Language language, Passage... passages) {
        return request(language, "product_question", passages);
    }

    private static CompositionRequest request(Language language, String intent, Passage... passages) {
        Understanding nlu = new Understanding(
                language,
                language,
                "what goes with it",
                new IntentPrediction(new IntentScore(intent, 0.9), List.of()),
                List.of(),
                Sentiment.neutral(),
                SentimentTrend.start(),
                null,
                false,
                false,
                false);
        return new CompositionRequest(
                nlu, List.of(passages), Conversation.start("c", ShopperContext.anonymous(), Instant.EPOCH));
    }

    @Test
    void should_answer_from_the_best_passage_and_cite_it_when_it_was_found_by_search() {
        Answer answer = new TemplateComposer().compose(request(Language.EN, SHIPPING, CASE));
        assertThat(answer.text()).isEqualTo("Delivery takes 2-4 days.");
        assertThat(answer.citations()).extracting(Citation::entryId).containsExactly("policy-shipping");
        assertThat(answer.kind()).isEqualTo(AnswerKind.GROUNDED);
    }

    @Test
    void should_list_and_cite_every_accessory_when_the_graph_found_them() {
        Answer english = new TemplateComposer().compose(request(Language.EN, CASE, TIPS, SHIPPING));
        assertThat(english.text()).isEqualTo("These go well with it: X200 charging case; X200 ear tips.");
        assertThat(english.citations())
                .extracting(Citation::entryId)
                .containsExactly("product-x200-charging-case", "product-x200-ear-tips");
        Answer chinese = new TemplateComposer().compose(request(Language.ZH, CASE, TIPS));
        assertThat(chinese.text()).isEqualTo("可以搭配：X200 charging case；X200 ear tips。");
        // graph answers are about the product in focus even when the router took the words for small talk
        assertThat(new TemplateComposer()
                        .compose(request(Language.EN, "goodbye", CASE))
                        .kind())
                .isEqualTo(AnswerKind.GROUNDED);
        assertThat(new TemplateComposer()
                        .compose(request(Language.EN, "goodbye", SHIPPING))
                        .kind())
                .isEqualTo(AnswerKind.SMALL_TALK);
    }

    @Test
    void should_answer_a_small_talk_message_from_knowledge_when_an_entry_answers_it_confidently() {
        Passage sale = new Passage("faq-618", "faq", "618 sale", "618 starts on 1 June.", 1.0, null, true);
        Passage merelySimilar = new Passage("faq-618", "faq", "618 sale", "618 starts on 1 June.", 1.0, null, false);

        // "haha ok. when does 618 start?" routed to greeting: the entry's own question, so the answer
        Answer answered = new TemplateComposer().compose(request(Language.EN, "greeting", sale));
        assertThat(answered.kind()).isEqualTo(AnswerKind.GROUNDED);
        assertThat(answered.citations()).extracting(Citation::entryId).containsExactly("faq-618");
        // a passage that merely resembles the message does not turn small talk into an answer
        assertThat(new TemplateComposer()
                        .compose(request(Language.EN, "greeting", merelySimilar))
                        .kind())
                .isEqualTo(AnswerKind.SMALL_TALK);
    }
}
