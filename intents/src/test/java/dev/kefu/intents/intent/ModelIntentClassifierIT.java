package dev.kefu.intents.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.contract.IntentClassifierContract;
import dev.kefu.core.contract.LabeledText;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.Nlu;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifier;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.train.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The built-in demo intent model, as the server loads it, against the intent classifier contract. */
class ModelIntentClassifierIT extends IntentClassifierContract {
    private static final Encoders ENCODERS = new Encoders(2);
    private static final TextClassifier MODEL = Nlu.model(null, Nlu.DEMO_INTENT_MODEL, ENCODERS);
    private static final ModelIntentClassifier DEMO_CLASSIFIER = new ModelIntentClassifier(MODEL, null);
    private static final KefuNormalizer NORMALIZER = new KefuNormalizer();

    /** New sentences, none of them in the training file (checked below), except the required 转人工. */
    private static final List<LabeledText> KNOWN = List.of(
            en("hey there, is anyone around?", "greeting"),
            en("good afternoon, anyone there", "greeting"),
            zh("你好，有人在线吗", "greeting"),
            zh("嗨，请问客服在线吗", "greeting"),
            en("can you check where my parcel is", "order_status"),
            en("my package still hasn't shown up, what's its status", "order_status"),
            zh("我的快递到哪了", "order_status"),
            en("How long does delivery take?", "delivery_time"),
            en("when will it arrive if i order today", "delivery_time"),
            zh("多久能送到上海", "delivery_time"),
            mixed("几天能到 beijing", "delivery_time"),
            zh("退货政策是什么？", "return_policy"),
            en("can i return something i bought two weeks ago", "return_policy"),
            en("what is your return policy for shoes", "return_policy"),
            en("how many days until my refund is processed", "refund"),
            en("i want a refund for my order", "refund"),
            zh("退款多久能退回来", "refund"),
            mixed("退款 please", "refund"),
            en("is this covered by warranty", "warranty"),
            en("my blender broke after 3 months, is it under warranty", "warranty"),
            zh("保修多长时间", "warranty"),
            en("what material is this jacket made of", "product_question"),
            en("is the x200 waterproof", "product_question"),
            zh("这个有黑色的吗", "product_question"),
            en("do you have any coupons", "promotions"),
            en("is there a sale this weekend", "promotions"),
            zh("现在有什么优惠活动", "promotions"),
            zh("转人工", "talk_to_human"),
            en("can i talk to a live agent please", "talk_to_human"),
            zh("我要找人工客服", "talk_to_human"),
            en("ok bye for now", "goodbye"),
            en("see you later", "goodbye"),
            zh("再见啦", "goodbye"),
            en("your service is terrible, i want to complain", "complaint"),
            zh("我要投诉你们的快递员", "complaint"),
            en("can i pay with alipay", "payment"),
            en("my payment failed", "payment"),
            zh("可以用信用卡付款吗", "payment"),
            en("can i get an invoice for my purchase", "invoice"),
            en("please email me an invoice", "invoice"),
            zh("怎么开发票", "invoice"),
            en("thanks a lot for your help", "thanks"),
            en("thx, that helped", "thanks"),
            zh("太感谢你了", "thanks"));

    private static final List<LabeledText> OUT_OF_SCOPE = List.of(
            en("what's the weather in paris tomorrow", "oos"),
            zh("帮我写一首诗", "oos"),
            en("who won the football game", "oos"),
            en("how do i train a neural network", "oos"),
            zh("今天股市怎么样", "oos"),
            en("asdf qwer zxcv", "oos"));

    private static LabeledText en(String text, String label) {
        return new LabeledText(NORMALIZER.normalize(text), Language.EN, label);
    }

    private static LabeledText zh(String text, String label) {
        return new LabeledText(NORMALIZER.normalize(text), Language.ZH, label);
    }

    private static LabeledText mixed(String text, String label) {
        return new LabeledText(NORMALIZER.normalize(text), Language.MIXED, label);
    }

    @AfterAll
    static void closeEncoders() {
        ENCODERS.close();
    }

    @Override
    protected IntentClassifier classifier() {
        return DEMO_CLASSIFIER;
    }

    @Override
    protected List<LabeledText> knownExamples() {
        return KNOWN;
    }

    @Override
    protected List<LabeledText> outOfScopeExamples() {
        return OUT_OF_SCOPE;
    }

    @Test
    void should_test_on_sentences_absent_from_training_data_when_checking_generalisation() {
        Set<String> trained = Nlu.demoExamples().stream()
                .map(e -> NORMALIZER.normalize(e.text()).toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<String> unseen = new ArrayList<>();
        KNOWN.forEach(e -> unseen.add(e.text()));
        OUT_OF_SCOPE.forEach(e -> unseen.add(e.text()));
        unseen.remove("转人工"); // required by the issue, and also a training sentence
        assertThat(unseen).noneMatch(trained::contains);
    }

    @Test
    void should_cover_every_in_scope_intent_in_both_languages_when_listing_examples() {
        Map<String, Set<Language>> languages = KNOWN.stream()
                .collect(Collectors.groupingBy(
                        LabeledText::label, Collectors.mapping(LabeledText::language, Collectors.toSet())));
        Set<String> intents = new TreeSet<>(MODEL.labels());
        intents.remove(MODEL.outOfScopeLabel());
        assertThat(languages.keySet()).isEqualTo(intents);
        languages.forEach((intent, langs) ->
                assertThat(langs).as("languages of %s", intent).contains(Language.EN, Language.ZH));
    }

    @Test
    void should_carry_in_scope_runners_up_when_message_is_out_of_scope() {
        IntentPrediction prediction =
                DEMO_CLASSIFIER.classify(NORMALIZER.normalize("what's the weather in paris tomorrow"), Language.EN);
        assertThat(prediction.outOfScope()).isTrue();
        assertThat(prediction.runnersUp())
                .hasSize(ModelIntentClassifier.RUNNERS_UP)
                .extracting(s -> s.name())
                .doesNotContain(IntentPrediction.OUT_OF_SCOPE, MODEL.outOfScopeLabel());
    }

    @Test
    void should_send_everything_out_of_scope_when_threshold_is_one_and_route_when_zero() {
        String text = NORMALIZER.normalize("is the x200 waterproof");
        assertThat(new ModelIntentClassifier(MODEL, 1.0)
                        .classify(text, Language.EN)
                        .outOfScope())
                .isTrue();
        assertThat(new ModelIntentClassifier(MODEL, 0.0)
                        .classify(text, Language.EN)
                        .name())
                .isEqualTo("product_question");
    }

    @Test
    void should_reject_threshold_outside_unit_range() {
        assertThatThrownBy(() -> new ModelIntentClassifier(MODEL, 1.5)).hasMessageContaining("outOfScopeThreshold");
    }

    @Test
    void should_use_the_threshold_the_model_chose_on_validation_data_by_default() {
        assertThat(DEMO_CLASSIFIER.outOfScopeThreshold()).isEqualTo(MODEL.outOfScopeThreshold());
        List<TrainingExample> demo = Nlu.demoExamples();
        assertThat(new TreeSet<>(demo.stream().map(TrainingExample::label).toList()))
                .isEqualTo(new TreeSet<>(MODEL.labels()));
    }
}
