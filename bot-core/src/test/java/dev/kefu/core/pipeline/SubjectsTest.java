package dev.kefu.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.core.message.ShopperContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SubjectsTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final Pattern SKU = Pattern.compile("(?i)x200|stroller|婴儿车");

    /** Finds two demo products by name; the real gazetteer lives in the intents module. */
    private static final EntityExtractor PRODUCTS = (text, language) -> {
        List<Entity> found = new ArrayList<>();
        Matcher m = SKU.matcher(text);
        while (m.find()) {
            String id = m.group().equalsIgnoreCase("x200") ? "product-x200" : "product-stroller-cloud";
            found.add(new Entity("product", id, m.start(), m.end()));
        }
        return found;
    };

    private static final LanguageDetector DETECTOR =
            text -> text.codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff) ? Language.ZH : Language.EN;
    private static final TextNormalizer NORMALIZER = text -> text.strip().toLowerCase(Locale.ROOT);

    private static List<Entity> entities(String message) {
        String text = NORMALIZER.normalize(message);
        return PRODUCTS.extract(text, DETECTOR.detect(text));
    }

    /**
     * The conversation of these shopper turns, each answered, with its subject as stage ② keeps it
     * up to (not including) the last turn, the one to resolve.
     */
    private static Conversation conversation(String... shopperTurns) {
        Conversation c = Conversation.start("c1", ShopperContext.anonymous(), T);
        for (int i = 0; i < shopperTurns.length; i++) {
            c = c.append(Speaker.SHOPPER, shopperTurns[i], List.of(), T);
            if (i < shopperTurns.length - 1) {
                c = c.withSubject(
                        Subjects.next(c, entities(shopperTurns[i]), c.messages().size()));
            }
            c = c.append(Speaker.BOT, "an answer", List.of(), T);
        }
        return c;
    }

    private static String resolve(Conversation c) {
        String current = c.messages().stream()
                .filter(m -> m.from() == Speaker.SHOPPER)
                .reduce((a, b) -> b)
                .orElseThrow()
                .text();
        return Subjects.resolve(entities(current), NORMALIZER.normalize(current), c);
    }

    @Test
    void should_take_the_product_named_in_the_message_when_there_is_one() {
        assertThat(resolve(conversation("tell me about the stroller", "does the X200 have a warranty")))
                .isEqualTo("product-x200");
    }

    @Test
    void should_resolve_it_and_zhege_to_the_product_named_last_when_the_message_refers_back() {
        assertThat(resolve(conversation("tell me about the X200", "is it waterproof?")))
                .isEqualTo("product-x200");
        assertThat(resolve(conversation("I like the X200", "what about the stroller", "那款可以退吗")))
                .isEqualTo("product-stroller-cloud");
        assertThat(resolve(conversation("婴儿车多少钱", "hello", "这个有货吗"))).isEqualTo("product-stroller-cloud");
    }

    @Test
    void should_have_no_subject_when_nothing_refers_back_or_nothing_was_named() {
        assertThat(resolve(conversation("tell me about the X200", "how long does delivery take?")))
                .isNull();
        assertThat(resolve(conversation("hello", "is it free?"))).isNull();
        assertThat(resolve(conversation("is it free?"))).isNull();
        // "with" and "itself" contain "it" but are not references
        assertThat(resolve(conversation("tell me about the X200", "can I pay with paypal itself")))
                .isNull();
    }

    @Test
    void should_keep_the_product_named_last_as_the_conversation_s_subject() {
        assertThat(conversation("tell me about the X200", "is it waterproof?", "and the stroller?", "ok")
                        .subject())
                .isEqualTo(new Subject("product-stroller-cloud", 5));
        assertThat(conversation("hello", "is it free?").subject()).isNull();
    }

    @Test
    void should_ask_what_goes_with_it_in_english_and_chinese_and_not_otherwise() {
        assertThat(List.of("what goes with it?", "any accessories?", "这个有什么配件", "搭配什么好", "what else should i buy"))
                .allSatisfy(text -> assertThat(Subjects.asksWhatGoesWith(NORMALIZER.normalize(text)))
                        .as(text)
                        .isTrue());
        assertThat(List.of("is it waterproof?", "how long does delivery take?", "这个可以退吗"))
                .noneSatisfy(text -> assertThat(Subjects.asksWhatGoesWith(NORMALIZER.normalize(text)))
                        .isTrue());
    }

    @Test
    void should_look_back_at_most_ten_shopper_messages() {
        List<String> turns = new ArrayList<>(List.of("tell me about the X200"));
        for (int i = 0; i < Subjects.LOOK_BACK; i++) {
            turns.add("ok " + i);
        }
        turns.add("is it in stock?");
        assertThat(resolve(conversation(turns.toArray(String[]::new)))).isNull();
        turns.remove(1);
        assertThat(resolve(conversation(turns.toArray(String[]::new)))).isEqualTo("product-x200");
    }

    private static Subjects.Resolution resolution(Conversation c, boolean outOfScope) {
        String current = c.messages().stream()
                .filter(m -> m.from() == Speaker.SHOPPER)
                .reduce((a, b) -> b)
                .orElseThrow()
                .text();
        String text = NORMALIZER.normalize(current);
        return Subjects.resolution(entities(current), text, c, outOfScope);
    }

    @Test
    void should_read_a_question_with_no_subject_as_about_the_subject_in_chinese_english_and_mixed() {
        for (String question :
                List.of("防水吗", "多少钱", "能带上飞机不", "续航呢", "送不送充电器", "偏大还是偏小", "battery life?", "能 fold 成多小")) {
            assertThat(resolution(conversation("婴儿车多少钱", question), false))
                    .as(question)
                    .isEqualTo(new Subjects.Resolution("product-stroller-cloud", true));
        }
        for (String question : List.of("这双鞋合脚吗", "这件起球吗", "它能机洗吗", "this one comes in black?")) {
            assertThat(resolution(conversation("tell me about the X200", question), false))
                    .as(question)
                    .isEqualTo(new Subjects.Resolution("product-x200", true));
        }
    }

    @Test
    void should_keep_a_general_question_general_and_a_service_question_about_it_on_its_policies() {
        for (String general : List.of("怎么退货", "运费多少", "how long does delivery take?", "重置过了还是不行")) {
            assertThat(resolution(conversation("婴儿车多少钱", general), false))
                    .as(general)
                    .isEqualTo(Subjects.Resolution.NONE);
        }
        // refers back, about a service: the product's policies and FAQs answer, not its page
        assertThat(resolution(conversation("婴儿车多少钱", "这个可以退吗"), false))
                .isEqualTo(new Subjects.Resolution("product-stroller-cloud", false));
        // not a question: small talk stays small talk
        assertThat(resolution(conversation("tell me about the X200", "ok it worked, thanks"), false))
                .isEqualTo(new Subjects.Resolution("product-x200", false));
        assertThat(resolution(conversation("tell me about the X200", "好的"), false))
                .isEqualTo(Subjects.Resolution.NONE);
    }

    @Test
    void should_leave_a_long_out_of_scope_english_question_out_of_scope_but_not_a_short_or_chinese_one() {
        assertThat(resolution(conversation("tell me about the X200", "what is the capital of france"), true))
                .isEqualTo(Subjects.Resolution.NONE);
        assertThat(resolution(conversation("tell me about the X200", "battery life?"), true))
                .isEqualTo(new Subjects.Resolution("product-x200", true));
        assertThat(resolution(conversation("tell me about the X200", "能带上飞机不"), true))
                .isEqualTo(new Subjects.Resolution("product-x200", true));
    }

    @Test
    void should_switch_to_a_newly_named_product() {
        assertThat(resolution(conversation("tell me about the X200", "多少钱", "婴儿车呢"), false)
                        .subject())
                .isEqualTo("product-stroller-cloud");
        assertThat(conversation("tell me about the X200", "婴儿车多少钱", "多重").subject())
                .isEqualTo(new Subject("product-stroller-cloud", 3));
    }

    @Test
    void should_take_the_product_chosen_from_the_bot_s_last_list_by_its_position() {
        List<Citation> listed = List.of(
                new Citation("product-rain-cover", "Rain cover"),
                new Citation("product-cup-holder", "Cup holder"),
                new Citation("product-sleeping-bag", "Sleeping bag"));
        for (var choice : List.of(
                List.of("the second one", "product-cup-holder"),
                List.of("第二个多少钱", "product-cup-holder"),
                List.of("第1款有货吗", "product-rain-cover"),
                List.of("最后那个", "product-sleeping-bag"),
                List.of("how much is the last one?", "product-sleeping-bag"))) {
            Conversation c = Conversation.start("c1", ShopperContext.anonymous(), T)
                    .append(Speaker.SHOPPER, "what goes with the stroller", List.of(), T);
            c = c.withSubject(new Subject("product-stroller-cloud", 1))
                    .append(Speaker.BOT, "These go well with it: A; B; C.", listed, T)
                    .append(Speaker.SHOPPER, choice.get(0), List.of(), T);
            String text = NORMALIZER.normalize(choice.get(0));
            assertThat(Subjects.resolve(List.of(), text, c)).as(choice.get(0)).isEqualTo(choice.get(1));
            assertThat(Subjects.next(c, List.of(), text, 3)).isEqualTo(new Subject(choice.get(1), 3));
        }
        // no list before: an ordinal alone picks nothing
        assertThat(Subjects.chosen("the second one", conversation("hello", "the second one")))
                .isEmpty();
    }

    @Test
    void should_ask_what_is_on_for_broad_promotion_and_new_questions_only() {
        assertThat(List.of(
                        "有什么活动",
                        "最近有啥优惠没",
                        "现在有什么促销活动吗 想囤点货",
                        "what promotions do you have",
                        "any deals going on right now?",
                        "what's new",
                        "最近有什么 deal 吗",
                        "any 活动 this week?",
                        "新品有哪些"))
                .allSatisfy(text -> assertThat(Subjects.asksWhatsOn(NORMALIZER.normalize(text)))
                        .as(text)
                        .isTrue());
        assertThat(List.of("满减可以叠加优惠券吗", "新人有优惠券吗", "is there a discount on strollers?", "怎么退货", "what is the x200"))
                .noneSatisfy(text -> assertThat(Subjects.asksWhatsOn(NORMALIZER.normalize(text)))
                        .isTrue());
    }
}
