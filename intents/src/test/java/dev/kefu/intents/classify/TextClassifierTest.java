package dev.kefu.intents.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kefu.core.intent.Language;
import dev.kefu.intents.train.TrainingExample;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextClassifierTest {
    private static final TextClassifierTrainer.Options OPTIONS =
            TextClassifierTrainer.Options.defaults().withUseEmbeddings(false);

    static final List<TrainingExample> EXAMPLES = new ArrayList<>();

    static {
        add(
                "order_status",
                "where is my order",
                "where's my order?",
                "what's the status of my order",
                "has my order shipped yet",
                "track my order please",
                "i want to track my order",
                "order status",
                "can you check my order status",
                "my order has not arrived",
                "is my order on the way",
                "when will my order arrive",
                "check order 20261122",
                "where is order 1234567",
                "any update on my order",
                "my order is late",
                "status of order number 889",
                "i haven't received my order",
                "order tracking",
                "where is my package",
                "my package hasn't arrived",
                "我的订单到哪了",
                "订单状态",
                "查一下我的订单",
                "我的订单发货了吗",
                "订单怎么还没到",
                "帮我查订单",
                "订单号20261122到哪了",
                "我的包裹在哪",
                "订单什么时候到",
                "物流到哪了",
                "查询订单物流",
                "我的快递到哪了",
                "订单一直没到",
                "帮我看看订单状态",
                "订单更新了吗",
                "我下的订单呢");
        add(
                "refund",
                "i want a refund",
                "how do i get a refund",
                "refund my money",
                "can i get my money back",
                "i'd like to return this and get a refund",
                "refund please",
                "when will i get my refund",
                "refund status",
                "i want my money back",
                "how long does a refund take",
                "request a refund",
                "return for refund",
                "refund for order 5566",
                "the refund hasn't arrived",
                "please refund me",
                "can you process my refund",
                "is a refund possible",
                "money back please",
                "refund to my card",
                "i need a refund now",
                "我要退款",
                "怎么退款",
                "申请退款",
                "退款什么时候到账",
                "钱能退吗",
                "我想退钱",
                "退款进度",
                "退款还没到",
                "帮我退款",
                "可以退款吗",
                "退款到银行卡",
                "退货退款",
                "退款多久到",
                "把钱退给我",
                "怎么申请退款",
                "退款失败了");
        add(
                "greeting",
                "hello",
                "hi",
                "hi there",
                "good morning",
                "good evening",
                "hey",
                "hello there",
                "hey, anyone here?",
                "hi, good afternoon",
                "hello, is anyone there",
                "morning",
                "hiya",
                "greetings",
                "hello hello",
                "good day",
                "hey there",
                "hi again",
                "yo",
                "你好",
                "您好",
                "在吗",
                "早上好",
                "晚上好",
                "你好啊",
                "有人在吗",
                "嗨",
                "哈喽",
                "你好,在吗",
                "下午好",
                "客服在吗",
                "亲在吗",
                "您好,有人吗",
                "你好呀",
                "早安");
        add(
                "oos",
                "what is the weather today",
                "tell me a joke",
                "who won the football game",
                "what's the capital of france",
                "play some music",
                "how tall is mount everest",
                "what time is it in tokyo",
                "recommend a movie",
                "how do i cook pasta",
                "what is the meaning of life",
                "sing me a song",
                "who is the president",
                "translate cat into german",
                "how many legs does a spider have",
                "set an alarm for 7",
                "is it going to rain",
                "write me a poem",
                "what's 2 plus 2",
                "book a flight to paris",
                "today's stock market",
                "今天天气怎么样",
                "讲个笑话",
                "谁赢了比赛",
                "法国的首都是哪里",
                "放首歌",
                "珠穆朗玛峰多高",
                "推荐一部电影",
                "怎么做红烧肉",
                "人生的意义是什么",
                "唱首歌",
                "帮我订机票",
                "明天会下雨吗",
                "写一首诗",
                "一加一等于几",
                "股票涨了吗",
                "几点了");
    }

    private static void add(String label, String... texts) {
        for (String text : texts) {
            EXAMPLES.add(new TrainingExample(text, label));
        }
    }

    private static List<TrainingExample> trainPart;
    private static List<TrainingExample> validationPart;
    private static TextClassifierTrainer.Trained trained;

    @BeforeAll
    static void train() {
        TextClassifierTrainer.Split split = TextClassifierTrainer.split(EXAMPLES, 0.25, 42L);
        trainPart = split.train();
        validationPart = split.validation();
        trained = new TextClassifierTrainer(null, OPTIONS, message -> {}).train(trainPart, validationPart);
    }

    @Test
    void should_predict_the_intent_when_text_resembles_the_training_data() {
        TextClassifier classifier = trained.classifier();
        assertThat(classifier.labels()).containsExactly("greeting", "oos", "order_status", "refund");
        assertThat(classifier.encoderNames()).isEmpty();
        assertThat(classifier.embeddingWeight()).isZero();
        assertThat(classifier.predict("Where is my ORDER?").topLabel()).isEqualTo("order_status");
        assertThat(classifier.predict("I want a refund please").topLabel()).isEqualTo("refund");
        assertThat(classifier.predict("Hello!").topLabel()).isEqualTo("greeting");
        assertThat(classifier.predict("我的订单到哪了?").topLabel()).isEqualTo("order_status");
        assertThat(classifier.predict("我要申请退款").topLabel()).isEqualTo("refund");
        assertThat(classifier.predict("您好").topLabel()).isEqualTo("greeting");
        assertThat(classifier.predict("我的订单到哪了").language()).isEqualTo(Language.ZH);
        assertThat(classifier.predict("where is my order").language()).isEqualTo(Language.EN);
    }

    @Test
    void should_classify_most_validation_examples_correctly_when_trained_on_the_rest() {
        TextClassifier classifier = new TextClassifierTrainer(null, OPTIONS.withRefitOnValidation(false), m -> {})
                .train(trainPart, validationPart)
                .classifier();
        long correct = validationPart.stream()
                .filter(e -> classifier.predict(e.text()).topLabel().equals(e.label()))
                .count();
        assertThat((double) correct / validationPart.size()).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void should_flag_out_of_scope_when_the_top_label_is_the_oos_class() {
        TextClassifier classifier = trained.classifier();
        assertThat(classifier.outOfScopeLabel()).isEqualTo("oos");
        Prediction prediction = classifier.predict("tell me a joke");
        assertThat(prediction.topLabel()).isEqualTo("oos");
        assertThat(classifier.outOfScope(prediction)).isTrue();
        assertThat(classifier.outOfScope(classifier.predict("讲个笑话"))).isTrue();
    }

    @Test
    void should_flag_out_of_scope_when_the_top_probability_is_below_the_threshold() {
        TextClassifier classifier = withThreshold(0.6);
        List<String> labels = classifier.labels();
        Prediction confident = new Prediction(labels, new double[] {0.05, 0.05, 0.85, 0.05}, Language.EN, 5);
        Prediction unsure = new Prediction(labels, new double[] {0.2, 0.1, 0.55, 0.15}, Language.EN, 5);
        Prediction oos = new Prediction(labels, new double[] {0.05, 0.85, 0.05, 0.05}, Language.EN, 5);
        assertThat(classifier.outOfScope(confident)).isFalse();
        assertThat(classifier.outOfScope(unsure)).isTrue();
        assertThat(classifier.outOfScope(oos)).isTrue();
        Prediction noEvidence = new Prediction(labels, new double[] {0.05, 0.05, 0.85, 0.05}, Language.EN, 0);
        assertThat(classifier.outOfScope(noEvidence)).isTrue();
    }

    @Test
    void should_never_flag_out_of_scope_when_there_is_no_oos_class_and_no_threshold() {
        TrainingExample[] noOos =
                EXAMPLES.stream().filter(e -> !e.label().equals("oos")).toArray(TrainingExample[]::new);
        TextClassifierTrainer.Split split = TextClassifierTrainer.split(List.of(noOos), 0.25, 1L);
        TextClassifierTrainer.Trained result =
                new TextClassifierTrainer(null, OPTIONS, m -> {}).train(split.train(), split.validation());
        assertThat(result.classifier().outOfScopeLabel()).isNull();
        assertThat(result.classifier().outOfScopeThreshold()).isZero();
        assertThat(result.decisions().validationOutOfScopeRecall()).isNaN();
        assertThat(result.classifier().outOfScope(result.classifier().predict("what is the weather today")))
                .isFalse();
    }

    @Test
    void should_give_calibrated_probabilities_summing_to_one_when_predicting_any_text() {
        for (String text : List.of("where is my order", "退款", "completely unrelated", "", "?!", "x200 有货吗")) {
            Prediction prediction = trained.classifier().predict(text);
            assertThat(prediction.probabilities()).hasSize(4);
            assertThat(Arrays.stream(prediction.probabilities()).sum()).as(text).isCloseTo(1.0, within(1e-9));
            assertThat(Arrays.stream(prediction.probabilities()).boxed().toList())
                    .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
        }
        assertThat(trained.classifier().temperature()).isPositive();
        assertThat(trained.decisions().temperature())
                .isEqualTo(trained.classifier().temperature());
    }

    @Test
    void should_give_identical_probabilities_when_saved_and_loaded(@TempDir Path dir) throws IOException {
        TextClassifier classifier = trained.classifier();
        Path file = dir.resolve("nested/model.zip");
        classifier.save(file);
        TextClassifier loaded = TextClassifier.load(file, null);
        assertThat(loaded.labels()).isEqualTo(classifier.labels());
        assertThat(loaded.outOfScopeLabel()).isEqualTo(classifier.outOfScopeLabel());
        assertThat(loaded.outOfScopeThreshold()).isEqualTo(classifier.outOfScopeThreshold());
        assertThat(loaded.temperature()).isEqualTo(classifier.temperature());
        assertThat(loaded.embeddingWeight()).isEqualTo(classifier.embeddingWeight());
        assertThat(loaded.encoderNames()).isEmpty();
        for (TrainingExample example : EXAMPLES) {
            assertThat(loaded.predict(example.text()).probabilities())
                    .as(example.text())
                    .containsExactly(classifier.predict(example.text()).probabilities());
        }
        Path again = dir.resolve("again.zip");
        loaded.save(again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void should_keep_a_null_oos_label_when_saved_and_loaded(@TempDir Path dir) throws IOException {
        TextClassifier classifier = new TextClassifier(
                trained.classifier().labels(),
                LexicalHead.train(
                        List.of("a", "b"),
                        List.of("greeting", "oos"),
                        trained.classifier().labels(),
                        new LexicalHead.Settings(1, 1, 1, 0.1, 1)),
                Map.of(),
                0,
                1.0,
                null,
                0.0,
                null);
        Path file = dir.resolve("m.zip");
        classifier.save(file);
        assertThat(TextClassifier.load(file, null).outOfScopeLabel()).isNull();
    }

    @Test
    void should_fail_with_an_io_exception_naming_the_file_when_loading_a_zip_that_is_not_a_model(@TempDir Path dir)
            throws IOException {
        Path zip = dir.resolve("not-a-model.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("readme.txt"));
            entries.write("hello".getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        assertThatThrownBy(() -> TextClassifier.load(zip, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(zip.toString());

        Path text = dir.resolve("plain.txt");
        Files.writeString(text, "not a zip at all", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TextClassifier.load(text, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(text.toString());
    }

    @Test
    void should_fail_with_an_io_exception_when_the_model_format_is_unknown(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("future.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("kefu-classifier.json"));
            entries.write("{\"format\": 99, \"labels\": [\"a\", \"b\"]}".getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
            entries.putNextEntry(new ZipEntry("lexical.bin"));
            entries.write(new byte[8]);
            entries.closeEntry();
        }
        assertThatThrownBy(() -> TextClassifier.load(zip, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("format");
    }

    @Test
    void should_split_each_label_in_the_same_proportion_when_splitting() {
        TextClassifierTrainer.Split split = TextClassifierTrainer.split(EXAMPLES, 0.25, 7L);
        List<TrainingExample> train = split.train();
        List<TrainingExample> validation = split.validation();
        assertThat(train.size() + validation.size()).isEqualTo(EXAMPLES.size());
        assertThat(split.withheld()).isEmpty();
        assertThat(train).doesNotContainAnyElementsOf(validation);
        List<TrainingExample> union = new ArrayList<>(train);
        union.addAll(validation);
        assertThat(union).containsExactlyInAnyOrderElementsOf(EXAMPLES);
        Map<String, Long> total =
                EXAMPLES.stream().collect(Collectors.groupingBy(TrainingExample::label, Collectors.counting()));
        Map<String, Long> held =
                validation.stream().collect(Collectors.groupingBy(TrainingExample::label, Collectors.counting()));
        total.forEach((label, count) -> assertThat(held.get(label)).as(label).isEqualTo(Math.round(count * 0.25)));
    }

    @Test
    void should_validate_on_whole_sentences_and_withhold_their_phrases_when_the_data_is_phrase_level() {
        List<TrainingExample> phrases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String label = i % 2 == 0 ? "positive" : "negative";
            String adjective = i % 2 == 0 ? "wonderful" : "dreadful";
            String sentence = "film number " + i + " is truly " + adjective;
            phrases.add(new TrainingExample(sentence, label));
            phrases.add(new TrainingExample("truly " + adjective, label));
            phrases.add(new TrainingExample("film number " + i, "neutral"));
        }
        TextClassifierTrainer.Split split = TextClassifierTrainer.split(phrases, 0.2, 3L);
        assertThat(split.validation())
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.text()).startsWith("film number").contains(" is truly "));
        assertThat(split.train()).doesNotContainAnyElementsOf(split.validation());
        for (TrainingExample held : split.validation()) {
            String own = held.text().substring(0, held.text().indexOf(" is truly"));
            assertThat(split.withheld()).extracting(TrainingExample::text).contains(own);
            assertThat(split.train()).extracting(TrainingExample::text).doesNotContain(own);
        }
        // "truly wonderful" is a phrase of held-out and of training sentences alike: withheld too
        assertThat(split.train().size()
                        + split.validation().size()
                        + split.withheld().size())
                .isEqualTo(phrases.size());
        assertThat(split.withheld()).extracting(TrainingExample::text).contains("truly wonderful", "truly dreadful");
        assertThat(split.train())
                .filteredOn(e -> e.text().contains(" is truly "))
                .hasSize(16);
    }

    @Test
    void should_give_the_same_split_when_the_seed_is_the_same() {
        assertThat(TextClassifierTrainer.split(EXAMPLES, 0.3, 5L))
                .isEqualTo(TextClassifierTrainer.split(EXAMPLES, 0.3, 5L));
        assertThat(TextClassifierTrainer.split(EXAMPLES, 0.3, 5L).validation())
                .isNotEqualTo(TextClassifierTrainer.split(EXAMPLES, 0.3, 6L).validation());
    }

    @Test
    void should_keep_singletons_in_training_and_hold_out_at_least_one_when_a_label_is_small() {
        List<TrainingExample> small = List.of(
                new TrainingExample("a", "one"),
                new TrainingExample("b", "two"),
                new TrainingExample("c", "two"),
                new TrainingExample("d", "two"));
        TextClassifierTrainer.Split split = TextClassifierTrainer.split(small, 0.1, 1L);
        assertThat(split.train()).contains(new TrainingExample("a", "one"));
        assertThat(split.validation()).hasSize(1).allSatisfy(e -> assertThat(e.label())
                .isEqualTo("two"));
    }

    @Test
    void should_keep_every_label_in_training_when_the_validation_share_is_large() {
        List<TrainingExample> pair = List.of(
                new TrainingExample("a", "one"),
                new TrainingExample("b", "one"),
                new TrainingExample("c", "two"),
                new TrainingExample("d", "two"));
        TextClassifierTrainer.Split split = TextClassifierTrainer.split(pair, 0.8, 1L);
        assertThat(split.train()).extracting(TrainingExample::label).contains("one", "two");
    }

    @Test
    void should_reach_the_target_oos_recall_on_validation_when_it_is_feasible() {
        assertThat(trained.decisions().validationOutOfScopeRecall())
                .isGreaterThanOrEqualTo(OPTIONS.targetOutOfScopeRecall());
        assertThat(trained.decisions().outOfScopeThreshold())
                .isEqualTo(trained.classifier().outOfScopeThreshold());
        assertThat(trained.decisions().encoders()).isEmpty();
        assertThat(trained.decisions().embeddingWeight()).isZero();
    }

    @Test
    void should_reject_every_validation_oos_example_when_the_target_recall_is_one() {
        TextClassifierTrainer.Options strict =
                new TextClassifierTrainer.Options(42L, "oos", 1.0, false, false, 1.0, 15, 20, 1e-4, 2e-3, 0);
        TextClassifierTrainer.Trained result =
                new TextClassifierTrainer(null, strict, m -> {}).train(trainPart, validationPart);
        assertThat(result.decisions().validationOutOfScopeRecall()).isEqualTo(1.0);
        TextClassifier classifier = result.classifier();
        for (TrainingExample example : validationPart) {
            if (example.label().equals("oos")) {
                assertThat(classifier.outOfScope(classifier.predict(example.text())))
                        .as(example.text())
                        .isTrue();
            }
        }
        long inScope =
                validationPart.stream().filter(e -> !e.label().equals("oos")).count();
        long inScopeRight = validationPart.stream()
                .filter(e -> !e.label().equals("oos"))
                .filter(e -> {
                    Prediction p = classifier.predict(e.text());
                    return !classifier.outOfScope(p) && p.topLabel().equals(e.label());
                })
                .count();
        assertThat(result.decisions().validationInScopeAccuracy())
                .isCloseTo((double) inScopeRight / inScope, within(1e-9));
    }

    @Test
    void should_be_deterministic_when_trained_twice_with_the_same_seed(@TempDir Path dir) throws IOException {
        TextClassifierTrainer.Trained again =
                new TextClassifierTrainer(null, OPTIONS, m -> {}).train(trainPart, validationPart);
        assertThat(again.decisions()).isEqualTo(trained.decisions());
        trained.classifier().save(dir.resolve("a.zip"));
        again.classifier().save(dir.resolve("b.zip"));
        assertThat(Files.readAllBytes(dir.resolve("b.zip"))).isEqualTo(Files.readAllBytes(dir.resolve("a.zip")));
    }

    @Test
    void should_refuse_training_when_there_is_a_single_label() {
        List<TrainingExample> one =
                List.of(new TrainingExample("hello", "greeting"), new TrainingExample("hi", "greeting"));
        assertThatThrownBy(() -> new TextClassifierTrainer(null, OPTIONS, m -> {}).train(one, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 labels");
    }

    @Test
    void should_not_crash_when_validation_has_a_label_unseen_in_training() {
        List<TrainingExample> validation = new ArrayList<>(validationPart);
        validation.add(new TrainingExample("cancel my subscription", "cancel"));
        TextClassifierTrainer.Trained result =
                new TextClassifierTrainer(null, OPTIONS, m -> {}).train(trainPart, validation);
        assertThat(result.classifier().labels()).doesNotContain("cancel");
        assertThat(result.classifier().predict("where is my order").topLabel()).isEqualTo("order_status");
    }

    @Test
    void should_keep_the_temperature_at_one_when_there_is_no_validation_data() {
        TextClassifierTrainer.Trained result =
                new TextClassifierTrainer(null, OPTIONS, m -> {}).train(EXAMPLES, List.of());
        assertThat(result.decisions().temperature()).isEqualTo(1.0);
        assertThat(result.classifier().predict("where is my order").topLabel()).isEqualTo("order_status");
    }

    @Test
    void should_reject_options_when_the_target_recall_is_out_of_range() {
        assertThatThrownBy(() ->
                        new TextClassifierTrainer.Options(1L, "oos", 1.5, false, false, 1.0, 15, 20, 1e-4, 2e-3, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_choose_heads_by_language_when_several_exist() {
        List<String> both = List.of(Encoders.ENGLISH, Encoders.CHINESE);
        assertThat(TextClassifier.headsFor(Language.EN, both)).containsExactly(Encoders.ENGLISH);
        assertThat(TextClassifier.headsFor(Language.ZH, both)).containsExactly(Encoders.CHINESE);
        assertThat(TextClassifier.headsFor(Language.MIXED, both)).containsExactly(Encoders.ENGLISH, Encoders.CHINESE);
        assertThat(TextClassifier.headsFor(Language.ZH, List.of(Encoders.ENGLISH)))
                .containsExactly(Encoders.ENGLISH);
    }

    @Test
    void should_rank_labels_by_probability_when_asked_for_the_ranking() {
        Prediction prediction = new Prediction(List.of("a", "b", "c"), new double[] {0.2, 0.5, 0.3}, Language.EN, 5);
        assertThat(prediction.ranked()).extracting(Prediction.Scored::label).containsExactly("b", "c", "a");
        assertThat(prediction.topLabel()).isEqualTo("b");
        assertThat(prediction.topProbability()).isEqualTo(0.5);
        assertThat(prediction.probability("c")).isEqualTo(0.3);
        assertThat(prediction.probability("unknown")).isZero();
    }

    @Test
    void should_list_and_save_embedding_heads_in_a_stable_order_when_there_are_several(@TempDir Path dir)
            throws IOException {
        List<String> labels = List.of("a", "b");
        float[][] x = {{0f, 1f}, {1f, 0f}, {0f, 2f}, {2f, 0f}};
        int[] y = {0, 1, 0, 1};
        DenseHead head = DenseHead.train(x, y, 2, new DenseHead.Settings(0, 2, 2, 0.01, 0, 1L));
        LexicalHead lexical =
                LexicalHead.train(List.of("x", "y"), labels, labels, new LexicalHead.Settings(1, 1, 1, 0.1, 1));
        java.util.Map<String, DenseHead> zhFirst = new java.util.LinkedHashMap<>();
        zhFirst.put(Encoders.CHINESE, head);
        zhFirst.put(Encoders.ENGLISH, head);
        java.util.Map<String, DenseHead> enFirst = new java.util.LinkedHashMap<>();
        enFirst.put(Encoders.ENGLISH, head);
        enFirst.put(Encoders.CHINESE, head);
        TextClassifier first = new TextClassifier(labels, lexical, zhFirst, 0.5, 1.0, null, 0.0, null);
        TextClassifier second = new TextClassifier(labels, lexical, enFirst, 0.5, 1.0, null, 0.0, null);
        assertThat(first.encoderNames()).containsExactly(Encoders.ENGLISH, Encoders.CHINESE);
        first.save(dir.resolve("first.zip"));
        second.save(dir.resolve("second.zip"));
        assertThat(Files.readAllBytes(dir.resolve("first.zip")))
                .isEqualTo(Files.readAllBytes(dir.resolve("second.zip")));
    }

    private static TextClassifier withThreshold(double threshold) {
        List<String> labels = List.of("greeting", "oos", "order_status", "refund");
        LexicalHead head = LexicalHead.train(
                List.of("hello", "weather", "where is my order", "refund"),
                labels,
                labels,
                new LexicalHead.Settings(1, 5, 1, 0.1, 1));
        return new TextClassifier(labels, head, Map.of(), 0, 1.0, "oos", threshold, null);
    }
}
