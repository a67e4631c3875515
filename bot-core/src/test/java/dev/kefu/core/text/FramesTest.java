package dev.kefu.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.Language;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Test
    void anEnglishSentenceAroundChineseNamesIsEnglish() {
        assertThat(Frames.of("what is the price of the 空气炸锅?")).isEqualTo(Language.EN);
        assertThat(Frames.of("can I use my 积分 for this")).isEqualTo(Language.EN);
        assertThat(Frames.of("Does the 保温杯 keep drinks hot?")).isEqualTo(Language.EN);
    }

    @Test
    void aChineseSentenceAroundEnglishWordsIsChinese() {
        assertThat(Frames.of("这个 charger 可以快充吗")).isEqualTo(Language.ZH);
        assertThat(Frames.of("P9 有 wireless charging 吗")).isEqualTo(Language.ZH);
        assertThat(Frames.of("我想 cancel 订单")).isEqualTo(Language.ZH);
    }

    @Test
    void noFunctionWordsIsNoEvidence() {
        assertThat(Frames.of("X200 耳机")).isNull();
        assertThat(Frames.of("")).isNull();
    }
}
