package dev.kefu.intents.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.llm.MaskingVault;
import dev.kefu.core.compose.llm.PersonalDataMasker;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Identifier;
import dev.kefu.intents.text.KefuNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NLU's entities and the personal-data masker read order numbers, phones and e-mails with the
 * same definitions: whatever one finds in a shopper's message, the other finds too, with the same
 * canonical value (once a 10-20 digit run was an order to the NLU and only a 12-30 digit one to
 * the masker).
 */
class IdentifierAgreementTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("<(ORDER|PHONE|EMAIL)_\\d+>");
    private static final Map<String, Identifier.Kind> KIND_BY_LABEL = Map.of(
            PersonalDataMasker.ORDER, Identifier.Kind.ORDER_NUMBER,
            PersonalDataMasker.PHONE, Identifier.Kind.PHONE,
            PersonalDataMasker.EMAIL, Identifier.Kind.EMAIL);
    private static final Map<String, Identifier.Kind> KIND_BY_TYPE = Map.of(
            RegexEntityExtractor.ORDER_NUMBER, Identifier.Kind.ORDER_NUMBER,
            RegexEntityExtractor.PHONE, Identifier.Kind.PHONE,
            RegexEntityExtractor.EMAIL, Identifier.Kind.EMAIL);

    private final RegexEntityExtractor extractor = new RegexEntityExtractor();
    private final KefuNormalizer normalizer = new KefuNormalizer();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "我的订单 202611220001 什么时候到？明天能到吗",
                "where is 202611220001?",
                "Where is 1234567890? And 12345678901?",
                "Order #88341 hasn't arrived",
                "订单号：13800138000 还没发货",
                "my order 2026112200123 has not arrived, phone 010-12345678",
                "order number is 2026-1122-0012",
                "订单号 DD20261122001 还没到，JD202611220012 也没到",
                "运单号SF1234567890",
                "where is DD20261122001?",
                "单号 202611220012345678",
                "call me at +86 138-0013-8000",
                "我的手机13912345678，座机 (021) 6123 4567",
                "客服热线 400-820-8820, office 415-555-2671, UK: +44 20 7946 0958",
                "send it to Li.Wei+shop@Example.COM please",
                "13800138000@163.com",
                "Phone +86 138-0013-8000 again, order dd20261122001, mail Li.Na@example.com",
                "双十一买的 Lumio Watch W3 ¥899，L号，手机13912345678，a@b.cn，下周一能换吗",
                "订单满 99 元包邮，order of 3 items, 订单 5 件, 2026-11-22, 1,599 yuan",
                "card 4111 1111 1111 1111, not 4111 1111 1111 1112",
                "The 11.11 sale: 20261111 is a date, 1234567 a short number, 100,000,000 a big price."
            })
    void should_find_the_same_order_numbers_phones_and_emails_when_nlu_and_masker_read_one_text(String text) {
        List<String> byNlu = new ArrayList<>();
        for (Entity entity : extractor.extract(normalizer.normalize(text), Language.MIXED)) {
            Identifier.Kind kind = KIND_BY_TYPE.get(entity.type());
            if (kind != null) {
                byNlu.add(kind + ":" + entity.value());
            }
        }

        MaskingVault vault = PersonalDataMasker.defaults().newVault();
        List<String> byMasker = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(vault.mask(text));
        while (m.find()) {
            Identifier.Kind kind = KIND_BY_LABEL.get(m.group(1));
            byMasker.add(kind + ":" + kind.canonical(vault.restore(m.group())));
        }

        assertThat(byNlu).isEqualTo(byMasker);
    }
}
