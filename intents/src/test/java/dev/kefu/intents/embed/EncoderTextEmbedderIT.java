package dev.kefu.intents.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.text.KefuNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderTextEmbedderIT {
    @Test
    void should_embed_each_text_in_the_space_of_its_language_and_keep_the_order_when_embedding_many() {
        try (Encoders encoders = new Encoders(2)) {
            EncoderTextEmbedder embedder = new EncoderTextEmbedder(encoders);
            assertThat(embedder.spaces()).containsEntry(Encoders.ENGLISH, 384).containsEntry(Encoders.CHINESE, 512);

            TextEmbedder.Embedding english = embedder.embed("Where is my parcel?");
            TextEmbedder.Embedding chinese = embedder.embed("我的快递到哪里了？");
            TextEmbedder.Embedding mixed = embedder.embed("X200 的保修多久");
            assertThat(english.space()).isEqualTo(Encoders.ENGLISH);
            assertThat(english.vector()).hasSize(384);
            assertThat(chinese.space()).isEqualTo(Encoders.CHINESE);
            assertThat(chinese.vector()).hasSize(512);
            assertThat(mixed.space()).isEqualTo(Encoders.CHINESE);

            List<TextEmbedder.Embedding> all =
                    embedder.embedAll(List.of("我的快递到哪里了？", "Where is my parcel?", "X200 的保修多久"));
            assertThat(all)
                    .extracting(TextEmbedder.Embedding::space)
                    .containsExactly(Encoders.CHINESE, Encoders.ENGLISH, Encoders.CHINESE);
            // index vectors are embedded in batches: close to, not equal to, single-text vectors
            assertThat(OnnxSentenceEncoderIT.dot(all.get(0).vector(), chinese.vector()))
                    .isGreaterThan(0.97);
            assertThat(OnnxSentenceEncoderIT.dot(all.get(1).vector(), english.vector()))
                    .isGreaterThan(0.97);
            assertThat(OnnxSentenceEncoderIT.dot(all.get(2).vector(), mixed.vector()))
                    .isGreaterThan(0.97);
            // normalised like shopper messages: full-width punctuation and case do not change the vector
            assertThat(OnnxSentenceEncoderIT.dot(
                            embedder.embed("WHERE IS MY PARCEL？").vector(), english.vector()))
                    .isGreaterThan(0.99);
        }
    }

    @Test
    void should_embed_a_query_in_the_space_of_the_language_stage_two_detected_without_detecting_again() {
        try (Encoders encoders = new Encoders(2)) {
            EncoderTextEmbedder embedder = new EncoderTextEmbedder(encoders);
            String normalized = new KefuNormalizer().normalize("Where is my parcel?");

            TextEmbedder.Embedding english = embedder.embed(normalized, Language.EN);
            assertThat(english.space()).isEqualTo(Encoders.ENGLISH);
            assertThat(english.vector())
                    .containsExactly(embedder.embed("Where is my parcel?").vector());
            assertThat(embedder.embed("x200 的保修多久", Language.MIXED).space()).isEqualTo(Encoders.CHINESE);
            assertThat(embedder.embed(normalized, Language.ZH).space()).isEqualTo(Encoders.CHINESE);
        }
    }
}
