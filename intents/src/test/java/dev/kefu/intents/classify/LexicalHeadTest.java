package dev.kefu.intents.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalHeadTest {
    private static final List<String> LABELS = List.of("greeting", "refund", "shipping");
    private static final LexicalHead.Settings SETTINGS = new LexicalHead.Settings(1.0, 30, 1, 0.1, 7L);

    private static final List<String> TEXTS = new ArrayList<>();
    private static final List<String> TEXT_LABELS = new ArrayList<>();

    static {
        add(
                "greeting",
                "hello",
                "hi there",
                "good morning",
                "hey, anyone there?",
                "hello, good afternoon",
                "你好",
                "您好",
                "早上好",
                "在吗",
                "你好,在吗");
        add(
                "refund",
                "i want a refund",
                "refund my money please",
                "can i get my money back",
                "how do i return this for a refund",
                "refund please",
                "我要退款",
                "退款",
                "钱什么时候退回来",
                "申请退款",
                "可以退钱吗");
        add(
                "shipping",
                "when will my parcel ship",
                "shipping to beijing",
                "how long does shipping take",
                "is shipping free",
                "track my shipment",
                "什么时候发货",
                "发货了吗",
                "快递到哪了",
                "包邮吗",
                "几天能发货");
    }

    private static void add(String label, String... texts) {
        for (String text : texts) {
            TEXTS.add(text);
            TEXT_LABELS.add(label);
        }
    }

    @Test
    void should_classify_every_training_text_correctly_when_data_is_separable_and_bilingual() {
        LexicalHead head = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(LABELS.get(TextClassifierTrainer.argmax(head.logProbabilities(TEXTS.get(i), LABELS.size()))))
                    .as(TEXTS.get(i))
                    .isEqualTo(TEXT_LABELS.get(i));
        }
    }

    @Test
    void should_generalise_to_unseen_phrasings_when_they_share_features() {
        LexicalHead head = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS);
        assertThat(LABELS.get(TextClassifierTrainer.argmax(head.logProbabilities("hello, anyone?", 3))))
                .isEqualTo("greeting");
        assertThat(LABELS.get(TextClassifierTrainer.argmax(head.logProbabilities("我想退款", 3))))
                .isEqualTo("refund");
        assertThat(LABELS.get(TextClassifierTrainer.argmax(head.logProbabilities("明天发货吗", 3))))
                .isEqualTo("shipping");
    }

    @Test
    void should_give_probabilities_summing_to_one_when_log_probabilities_are_exponentiated() {
        LexicalHead head = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS);
        for (String text : List.of("hello", "退款", "completely unrelated words", "", "???")) {
            double[] log = head.logProbabilities(text, LABELS.size());
            assertThat(log).hasSize(3);
            assertThat(Arrays.stream(log).map(Math::exp).sum()).as(text).isCloseTo(1.0, within(1e-9));
            assertThat(Arrays.stream(log).max().getAsDouble()).isLessThanOrEqualTo(0.0);
        }
    }

    @Test
    void should_produce_identical_bytes_when_trained_twice_with_the_same_seed() throws IOException {
        byte[] first = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS).toBytes();
        byte[] second = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS).toBytes();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void should_produce_different_weights_when_the_seed_differs() throws IOException {
        byte[] first = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS).toBytes();
        byte[] other = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, new LexicalHead.Settings(1.0, 30, 1, 0.1, 8L))
                .toBytes();
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void should_predict_identically_when_round_tripped_through_bytes() throws IOException {
        LexicalHead head = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS);
        byte[] bytes = head.toBytes();
        LexicalHead copy = LexicalHead.fromBytes(bytes, LABELS);
        for (String text : List.of("hello", "我要退款", "shipping to shanghai", "x200 快递", "")) {
            assertThat(copy.logProbabilities(text, 3)).containsExactly(head.logProbabilities(text, 3));
        }
        assertThat(copy.toBytes()).isEqualTo(bytes);
    }

    @Test
    void should_drop_rare_features_when_cutoff_is_above_one() throws IOException {
        int all = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS).toBytes().length;
        int frequent = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, new LexicalHead.Settings(1.0, 30, 2, 0.1, 7L))
                .toBytes()
                .length;
        assertThat(frequent).isLessThan(all);
    }

    @Test
    void should_reject_bytes_when_class_count_does_not_match_the_labels() throws IOException {
        byte[] bytes = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS).toBytes();
        assertThatThrownBy(() -> LexicalHead.fromBytes(bytes, List.of("a", "b")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt lexical model");
    }

    @Test
    void should_reject_bytes_when_header_is_corrupt() throws IOException {
        assertThatThrownBy(() -> LexicalHead.fromBytes(header(3, -5), LABELS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> LexicalHead.fromBytes(header(3, 100_000_000), LABELS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> LexicalHead.fromBytes(header(-1, 10), LABELS)).isInstanceOf(IOException.class);
    }

    @Test
    void should_fail_with_an_io_exception_when_bytes_are_truncated() throws IOException {
        byte[] bytes = LexicalHead.train(TEXTS, TEXT_LABELS, LABELS, SETTINGS).toBytes();
        assertThatThrownBy(() -> LexicalHead.fromBytes(Arrays.copyOf(bytes, bytes.length / 2), LABELS))
                .isInstanceOf(IOException.class);
    }

    private static byte[] header(int classes, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(classes);
            out.writeInt(size);
        }
        return bytes.toByteArray();
    }
}
