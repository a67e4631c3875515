package dev.kefu.intents.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kefu.core.intent.Language;
import dev.kefu.intents.classify.Encoders;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxSentenceEncoderTest {
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
}
