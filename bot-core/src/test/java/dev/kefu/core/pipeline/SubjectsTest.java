package dev.kefu.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
}
