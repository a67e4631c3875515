package dev.kefu.intents.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kefu.core.intent.Language;
import dev.kefu.intents.classify.Encoders;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxSentenceEncoderIT {
    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    @Test
    void should_encode_to_unit_vectors_that_keep_similar_sentences_close_when_using_the_real_models() {
        try (Encoders encoders = new Encoders(1)) {
            OnnxSentenceEncoder english = encoders.byName(Encoders.ENGLISH);
            assertThat(english.name()).isEqualTo(Encoders.ENGLISH);
            assertThat(encoders.forLanguage(Language.EN)).isSameAs(english);

            float[] parcel = english.encode("where is my parcel");
            float[] package1 = english.encode("my package has not arrived yet");
            float[] bananas = english.encode("bananas are rich in potassium");
            assertThat(parcel).hasSize(384);
            assertThat(Math.sqrt(dot(parcel, parcel))).isCloseTo(1.0, within(1e-3));
            assertThat(dot(parcel, package1)).isGreaterThan(dot(parcel, bananas) + 0.05);

            List<String> texts =
                    List.of("bananas are rich in potassium", "where is my parcel", "my package has not arrived yet");
            float[][] all = english.encodeAll(texts);
            assertThat(all).hasNumberOfRows(3);
            assertThat(dot(all[0], bananas)).isGreaterThan(0.999);
            assertThat(dot(all[1], parcel)).isGreaterThan(0.999);
            assertThat(dot(all[2], package1)).isGreaterThan(0.999);
            assertThat(english.encodeAll(List.of("where is my parcel"))[0]).containsExactly(parcel);

            OnnxSentenceEncoder chinese = encoders.forLanguage(Language.ZH);
            assertThat(chinese.name()).isEqualTo(Encoders.CHINESE);
            assertThat(encoders.forLanguage(Language.MIXED)).isSameAs(chinese);
            float[] where = chinese.encode("我的快递到哪了");
            float[] track = chinese.encode("帮我查一下包裹物流");
            float[] weather = chinese.encode("今天天气很好");
            assertThat(where).hasSize(512);
            assertThat(Math.sqrt(dot(where, where))).isCloseTo(1.0, within(1e-3));
            assertThat(dot(where, track)).isGreaterThan(dot(where, weather));
        }
    }

    @Test
    void should_encode_all_texts_in_order_like_encode_and_take_the_texts_it_has_seen_from_its_cache() {
        try (Encoders encoders = new Encoders(2)) {
            OnnxSentenceEncoder english = encoders.byName(Encoders.ENGLISH);
            float[] parcel = english.encode("where is my parcel");
            assertThat(english.embeddedTexts()).isEqualTo(1);

            List<String> texts = List.of(
                    "can i return these shoes",
                    "where is my parcel",
                    "my card was charged twice",
                    "can i return these shoes",
                    "how do i reset my password",
                    "do you ship to canada");
            float[][] all = english.encodeAll(texts);
            // the cached text is not embedded again, the repeated one once
            assertThat(english.embeddedTexts()).isEqualTo(5);
            assertThat(all).hasNumberOfRows(texts.size());
            assertThat(all[1]).isSameAs(parcel);
            for (int i = 0; i < texts.size(); i++) {
                // LangChain4j's path: computed afresh, not from the cache
                float[] expected = english.embed(texts.get(i)).content().vector();
                assertThat(all[i]).as(texts.get(i)).containsExactly(expected, within(1e-6f));
            }

            float[][] again = english.encodeAll(texts);
            assertThat(english.embeddedTexts()).isEqualTo(5);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(again[i]).isSameAs(all[i]);
                assertThat(english.encode(texts.get(i))).isSameAs(all[i]);
            }
            assertThat(english.embeddedTexts()).isEqualTo(5);

            // a republish with one changed text embeds only that text, on the calling thread
            List<String> changed = List.of("where is my parcel", "do you ship to mexico", "my card was charged twice");
            float[][] next = english.encodeAll(changed);
            assertThat(english.embeddedTexts()).isEqualTo(6);
            assertThat(next[0]).isSameAs(parcel);
            assertThat(next[1])
                    .containsExactly(
                            english.embed("do you ship to mexico").content().vector(), within(1e-6f));
            assertThat(next[2]).isSameAs(all[2]);
            assertThat(english.encodeAll(List.of())).isEmpty();
        }
    }

    @Test
    void should_embed_for_an_index_in_batches_close_to_single_texts_in_order_and_from_its_cache() {
        try (Encoders encoders = new Encoders(2)) {
            for (OnnxSentenceEncoder encoder :
                    List.of(encoders.byName(Encoders.ENGLISH), encoders.byName(Encoders.CHINESE))) {
                List<String> texts = List.of(
                        "where is my parcel",
                        "how do I return a pair of shoes that do not fit",
                        "gift cards",
                        "退货政策是什么",
                        "where is my parcel",
                        "can I pay with a credit card in three instalments without interest",
                        "X200 耳机有什么配件",
                        "bananas",
                        "what is the warranty on the X200 headphones",
                        "how long does delivery to Shanghai take");
                float[][] batched = encoder.encodeForIndex(texts);
                assertThat(batched).hasNumberOfRows(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    float[] single = encoder.encode(texts.get(i));
                    assertThat(dot(batched[i], single))
                            .as("%s: %s", encoder.name(), texts.get(i))
                            .isGreaterThan(0.97);
                    assertThat(Math.sqrt(dot(batched[i], batched[i]))).isCloseTo(1.0, within(1e-3));
                }
                assertThat(batched[4]).isSameAs(batched[0]);
                long embedded = encoder.embeddedTexts();
                float[][] again = encoder.encodeForIndex(List.of("gift cards", "bananas", "a new text"));
                assertThat(encoder.embeddedTexts()).isEqualTo(embedded + 1);
                assertThat(again[0]).isSameAs(batched[2]);
            }
        }
    }
}
