package dev.kefu.intents.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.intents.classify.Encoders;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder's own path (one tokenisation, one ONNX call) gives the vectors of LangChain4j's
 * {@code OnnxBertBiEncoder.embed} path ({@link OnnxSentenceEncoder#embed}, same session), which the
 * trained classifier heads in the repo were fitted on.
 */
class OnnxSentenceEncoderParityTest {
    private static final List<String> ENGLISH = List.of(
            "where is my parcel",
            "Where is my parcel?",
            "WHERE IS MY PARCEL??!",
            "  my package has not arrived yet  ",
            "can i return these shoes if they don't fit",
            "i'd like a refund, please - the order #A-1043 came damaged :(",
            "what's the warranty on the x200 pro (2024 model)?",
            "email me at jane.doe+shop@example.com or call +1 (555) 010-9999",
            "see https://shop.example.com/orders?id=42&lang=en",
            "price: $19.99 / 2 = $9.995; 50% off!!!",
            "#sale ##hashtags a##b and [UNK] [CLS] [unk] tokens",
            "tab\tseparated\nnew line\r\nand a bell\u0007 inside",
            "pneumonoultramicroscopicsilicovolcanoconiosis"
                    + "supercalifragilisticexpialidocious-and-a-word-longer-than-a-hundred-characters-for-wordpiece"
                    + "xxxxxxxxxxxxxxxxxxxxxxxxxx",
            "antidisestablishmentarianism unbelievably unaffable",
            "a",
            "?",
            "café naïve résumé façade",
            "İstanbul straße ẞ ΣΑΣ Ω ﬁne ½ x²",
            "delivery was fast 🙂📦 thanks",
            "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ １２３",
            "the quick brown fox jumps over the lazy dog",
            "my card was charged twice for the same order, can you check",
            "how long does standard shipping take to canada");

    private static final List<String> CHINESE = List.of(
            "我的快递到哪里了？",
            "帮我查一下包裹物流",
            "今天天气很好",
            "X200 的保修多久",
            "x200 pro 的保修多久？",
            "能开发票吗？订单号 A-1043",
            "退货地址是什么，要自己付运费吗",
            "京东物流没的说，超级快，而且服务贴心，第二次购买了，苹果个头不大，但是好吃脆甜多汁，果味很浓。",
            "衣服质量一般，洗了一次就掉色了 😡",
            "「七天无理由退货」适用吗？",
            "ＯＫ，谢谢！",
            "café 咖啡 naïve",
            "我想改一下收货地址 https://shop.example.com/orders?id=42",
            "ｶﾞｲﾄﾞ と 日本語 も 한국어 도",
            "好");

    @Test
    void should_give_the_vectors_of_langchain4j_for_english_chinese_and_mixed_texts() {
        try (Encoders encoders = new Encoders(2)) {
            OnnxSentenceEncoder english = encoders.byName(Encoders.ENGLISH);
            for (String text : ENGLISH) {
                assertSameVector(english, text);
            }
            OnnxSentenceEncoder chinese = encoders.byName(Encoders.CHINESE);
            for (String text : CHINESE) {
                assertSameVector(chinese, text);
            }
            for (String text : ENGLISH.subList(0, 8)) {
                assertSameVector(chinese, text); // Latin words inside Chinese text go to the Chinese model
            }
        }
    }

    @Test
    void should_give_the_vectors_of_langchain4j_for_texts_near_and_beyond_the_model_length_limit() {
        try (Encoders encoders = new Encoders(2)) {
            OnnxSentenceEncoder english = encoders.byName(Encoders.ENGLISH);
            // "hello" is one word piece: n words are n + 2 tokens with [CLS] and [SEP]
            for (int words : new int[] {300, 509, 510, 700}) {
                assertSameVector(english, "hello ".repeat(words).trim());
            }
            String paragraph = "Our returns policy lets you send back unworn shoes within thirty days of delivery; "
                    + "refunds reach the original payment method in five to seven business days. ";
            assertSameVector(english, paragraph.repeat(20)); // about 600 word pieces: cut at 512 tokens

            OnnxSentenceEncoder chinese = encoders.byName(Encoders.CHINESE);
            assertSameVector(chinese, "这双鞋穿了一周就开胶了，客服态度也不好，退货流程太麻烦。".repeat(30));
        }
    }

    @Test
    void should_reject_texts_with_nothing_to_embed_as_langchain4j_does() {
        try (Encoders encoders = new Encoders(1)) {
            OnnxSentenceEncoder english = encoders.byName(Encoders.ENGLISH);
            for (String text : List.of("", "   ", "\u0007")) {
                assertThatThrownBy(() -> english.embed(text)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> english.encode(text)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    private static void assertSameVector(OnnxSentenceEncoder encoder, String text) {
        float[] expected = encoder.embed(text).content().vector();
        float[] actual = encoder.encode(text);
        assertThat(actual).as("%s: %s", encoder.name(), text).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        assertThat(max).as("largest difference, %s: %s", encoder.name(), text).isLessThanOrEqualTo(1e-6);
    }
}
