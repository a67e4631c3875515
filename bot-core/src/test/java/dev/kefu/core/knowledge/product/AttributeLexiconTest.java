package dev.kefu.core.knowledge.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeLexiconTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "x200防水吗|WATER_RESISTANCE",
                "can i wear it in the shower|WATER_RESISTANCE",
                "is it sweatproof|WATER_RESISTANCE",
                "能戴着游泳不|WATER_RESISTANCE",
                "how heavy is the stroller|WEIGHT",
                "what does it weigh?|WEIGHT",
                "云巢推车多重|WEIGHT",
                "how heavy is the 云巢推车?|WEIGHT",
                "续航多久|BATTERY_LIFE",
                "how long does the battery last|BATTERY_LIFE",
                "how long do they last on one charge|BATTERY_LIFE",
                "what sizes|SIZES",
                "这件偏大吗 我平时穿l|SIZES",
                "does it run small|SIZES",
                "尺寸多大|DIMENSIONS",
                "what are the dimensions when folded|DIMENSIONS",
                "容量多少|CAPACITY",
                "does it take a memory card|CAPACITY",
                "功率多少瓦|POWER",
                "how fast does it charge|POWER",
                "这个是真皮的吗|MATERIAL",
                "what is it made of|MATERIAL",
                "有几个颜色|COLOURS",
                "p9 case 有沙色的吗|COLOURS",
                "what colours|COLOURS",
                "苹果手机能连吗|COMPATIBILITY",
                "does it work with android?|COMPATIBILITY",
                "x200 跟 iphone 能 pair 吗|COMPATIBILITY",
                "有货吗|STOCK",
                "x100还有卖的吗|STOCK",
                "is it available|STOCK",
                "多少钱|PRICE",
                "x200 现在卖多少|PRICE",
                "续航怎么样|BATTERY_LIFE",
                "how much is the p9 case|PRICE",
            })
    void should_read_the_attribute_when_asked_in_either_language(String text, Attribute attribute) {
        assertThat(AttributeLexicon.read(text).attributes()).first().isEqualTo(attribute);
    }

    @ParameterizedTest
    @CsvSource({
        "where is my order",
        "重新发货",
        "i want to talk to a person",
        "你好",
        "能更换吗",
        "how do i pair the x200 with a laptop",
        "怎么连接苹果手机",
        "x200 的 bundle 多少钱",
        "how much is the x200 with the coupon"
    })
    void should_find_no_attribute_when_the_message_asks_something_else(String text) {
        assertThat(AttributeLexicon.read(text).attributes()).isEmpty();
    }

    @Test
    void should_tell_comparisons_when_two_things_are_weighed_against_each_other() {
        assertThat(AttributeLexicon.read("x200 和 h5 哪个续航长").compares()).isTrue();
        assertThat(AttributeLexicon.read("is the p9 lighter than the x200").compares())
                .isTrue();
        assertThat(AttributeLexicon.read("is the p9 lighter than the x200").attributes())
                .containsExactly(Attribute.WEIGHT);
        assertThat(AttributeLexicon.read("x200 续航多久").compares()).isFalse();
        assertThat(AttributeLexicon.read("能更换吗").compares()).isFalse();
    }
}
