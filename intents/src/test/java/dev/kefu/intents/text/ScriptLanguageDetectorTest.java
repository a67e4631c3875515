package dev.kefu.intents.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.contract.LabeledText;
import dev.kefu.core.contract.LanguageDetectorContract;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptLanguageDetectorTest extends LanguageDetectorContract {
    private final ScriptLanguageDetector detector = new ScriptLanguageDetector();

    @Override
    protected LanguageDetector detector() {
        return detector;
    }

    @Override
    protected List<LabeledText> examples() {
        return List.of(
                example("How long does delivery take?", Language.EN),
                example("退货政策是什么？", Language.ZH),
                example("X200 有货吗", Language.ZH),
                example("我想问一下 iPhone 的保修期是多久", Language.ZH),
                example("hello 在吗", Language.MIXED),
                example("今天 weather 怎么样", Language.MIXED),
                example("tell me a 笑话", Language.MIXED),
                example("please send the invoice to 张三", Language.EN),
                example("ｈｅｌｌｏ", Language.EN),
                example("??? !!! 123", Language.EN),
                example("202611220001", Language.EN));
    }

    private static LabeledText example(String text, Language language) {
        return new LabeledText(text, language, language.code());
    }

    @Test
    void should_answer_english_when_text_has_neither_script() {
        assertThat(detector.detect("")).isEqualTo(Language.EN);
        assertThat(detector.detect("👍👍")).isEqualTo(Language.EN);
    }

    @Test
    void should_not_count_model_codes_as_english_when_chinese_surrounds_them() {
        assertThat(detector.detect("A1 和 B2 哪个好")).isEqualTo(Language.ZH);
    }
}
