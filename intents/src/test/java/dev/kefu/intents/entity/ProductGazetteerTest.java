package dev.kefu.intents.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.text.KefuNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProductGazetteerTest {
    /** A slice of the demo store, named the way the composition root names entries. */
    static ProductGazetteer demoGazetteer() {
        return ProductGazetteer.builder()
                .brands(List.of("Sonora Audio", "声诺", "Kefu Basics", "客服优选", "CloudNest", "云巢"))
                .product("product-x200", List.of("X200 Wireless Earbuds", "X200 真无线耳机", "X200"))
                .product("product-x200-charging-case", List.of("X200 Wireless Charging Case", "X200 无线充电盒"))
                .product("product-x200-ear-tips", List.of("X200 Memory Foam Ear Tips (3 Pairs)", "X200 记忆海绵耳塞（3 副装）"))
                .product("product-x100", List.of("X100 Wireless Earbuds (Previous Model)", "X100 真无线耳机（上一代）"))
                .product(
                        "product-sonora-h5", List.of("Sonora H5 Over-Ear Noise-Cancelling Headphones", "声诺 H5 头戴式降噪耳机"))
                .product("product-lumio-p9", List.of("Lumio P9 Smartphone (8GB + 256GB)", "明屿 P9 智能手机（8GB+256GB）"))
                .product("product-lumio-p9-case", List.of("Lumio P9 Silicone Case", "明屿 P9 硅胶保护壳"))
                .product("product-lumio-a5", List.of("Lumio A5 Smartphone (6GB + 128GB)", "明屿 A5 智能手机（6GB+128GB）"))
                .product("product-lumio-watch-w3", List.of("Lumio Watch W3 Smartwatch", "明屿 W3 智能手表"))
                .product("product-kefu-basics-65w-charger", List.of("Kefu Basics 65W GaN Charger", "客服优选 65W 氮化镓充电器"))
                .product("product-stroller-cloud", List.of("CloudNest Cloud Lite Stroller", "云巢 Cloud Lite 轻便婴儿推车"))
                .product("product-stroller-rain-cover", List.of("Cloud Lite Stroller Rain Cover", "Cloud Lite 推车雨罩"))
                .product("product-stroller-cup-holder", List.of("Cloud Lite Stroller Cup Holder", "Cloud Lite 推车杯架"))
                .product("product-dewleaf-sunscreen", List.of("Dewleaf Daily Mineral Sunscreen SPF50+ PA++++ 50 ml"))
                .build();
    }

    private final ProductGazetteer gazetteer = demoGazetteer();
    private final KefuNormalizer normalizer = new KefuNormalizer();

    private List<Entity> extract(String text) {
        return gazetteer.extract(normalizer.normalize(text), Language.MIXED);
    }

    private List<String> ids(String text) {
        return extract(text).stream().map(Entity::value).toList();
    }

    @Test
    void should_find_product_by_full_name_in_either_language_when_mentioned() {
        assertThat(ids("Are the X200 Wireless Earbuds waterproof?")).containsExactly("product-x200");
        assertThat(ids("X200 真无线耳机防水吗")).containsExactly("product-x200");
        assertThat(ids("x200真无线耳机防水吗")).containsExactly("product-x200");
        assertThat(ids("明屿 W3 智能手表多少钱")).containsExactly("product-lumio-watch-w3");
    }

    @Test
    void should_match_case_and_width_insensitively_when_text_is_not_normalised() {
        List<Entity> found = gazetteer.extract("ＸＸ Ｘ２００ Wireless EARBUDS", Language.EN);
        assertThat(found)
                .extracting(Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("product-x200", 3, 24));
    }

    @Test
    void should_prefer_the_longest_name_when_names_nest() {
        assertThat(ids("is the X200 wireless charging case sold alone?")).containsExactly("product-x200-charging-case");
        assertThat(ids("cloud lite stroller rain cover")).containsExactly("product-stroller-rain-cover");
        assertThat(ids("can I return the Cloud Lite stroller I bought?")).containsExactly("product-stroller-cloud");
    }

    @Test
    void should_require_word_boundaries_when_the_name_is_latin() {
        assertThat(extract("x2000")).isEmpty();
        assertThat(extract("ax200")).isEmpty();
        assertThat(extract("w33")).isEmpty();
        assertThat(ids("x200, please")).containsExactly("product-x200");
        assertThat(ids("x200-pro")).containsExactly("product-x200");
    }

    @Test
    void should_need_no_boundary_when_chinese_surrounds_the_name() {
        assertThat(ids("我买的X200耳机坏了")).containsExactly("product-x200");
        assertThat(ids("请问明屿W3智能手表防水吗")).containsExactly("product-lumio-watch-w3");
    }

    @Test
    void should_derive_model_codes_when_only_one_entry_has_them() {
        assertThat(ids("does the W3 track sleep?")).containsExactly("product-lumio-watch-w3");
        assertThat(ids("A5 还有货吗")).containsExactly("product-lumio-a5");
        assertThat(ids("H5 头戴")).containsExactly("product-sonora-h5");
        assertThat(ids("x100")).containsExactly("product-x100");
    }

    @Test
    void should_drop_shared_aliases_when_no_entry_supplied_them_as_a_name() {
        assertThat(extract("is the P9 any good?")).isEmpty();
        assertThat(gazetteer.lookup("P9")).isEmpty();
        assertThat(gazetteer.ambiguousAliases()).contains("p9");
        assertThat(gazetteer.lookup("X200")).contains("product-x200");
    }

    @Test
    void should_strip_brand_and_parenthesis_when_deriving_aliases() {
        assertThat(gazetteer.lookup("H5 Over-Ear Noise-Cancelling Headphones")).contains("product-sonora-h5");
        assertThat(gazetteer.lookup("h5 over ear noise cancelling headphones")).contains("product-sonora-h5");
        assertThat(gazetteer.lookup("Lumio P9 Smartphone")).contains("product-lumio-p9");
        assertThat(gazetteer.lookup("P9 Smartphone")).contains("product-lumio-p9");
        assertThat(gazetteer.lookup("X100 Wireless Earbuds")).contains("product-x100");
        assertThat(gazetteer.lookup("65W GaN Charger")).contains("product-kefu-basics-65w-charger");
        assertThat(gazetteer.lookup("H5 头戴式降噪耳机")).contains("product-sonora-h5");
        assertThat(gazetteer.lookup("h5头戴式降噪耳机")).contains("product-sonora-h5");
        assertThat(gazetteer.lookup("头戴式降噪耳机")).isEmpty();
        assertThat(gazetteer.lookup("Cloud Lite 轻便婴儿推车")).contains("product-stroller-cloud");
    }

    @Test
    void should_not_derive_generic_or_spec_aliases_when_names_contain_them() {
        assertThat(gazetteer.lookup("Smartphone")).isEmpty();
        assertThat(gazetteer.lookup("SPF50")).isEmpty();
        assertThat(gazetteer.lookup("65W")).isEmpty();
        assertThat(gazetteer.lookup("8GB")).isEmpty();
        assertThat(gazetteer.lookup("Lumio")).isEmpty();
        assertThat(gazetteer.lookup("Lite Stroller Rain Cover")).isEmpty();
    }

    @Test
    void should_find_short_and_partial_names_when_brand_or_model_code_goes_with_the_category_word() {
        assertThat(ids("云巢推车多重")).containsExactly("product-stroller-cloud");
        assertThat(ids("how heavy is the 云巢推车?")).containsExactly("product-stroller-cloud");
        assertThat(ids("is the cloudnest stroller light")).containsExactly("product-stroller-cloud");
        assertThat(ids("how much is the P9 case")).containsExactly("product-lumio-p9-case");
        assertThat(ids("P9保护壳有几种颜色")).containsExactly("product-lumio-p9-case");
        assertThat(ids("x200耳机续航多久")).containsExactly("product-x200");
        assertThat(ids("H5 耳机重吗")).containsExactly("product-sonora-h5");
        assertThat(ids("W3手表能游泳吗")).containsExactly("product-lumio-watch-w3");
        ProductGazetteer shoes = ProductGazetteer.builder()
                .brands(List.of("Stridex", "步锐", "Northpack", "北行"))
                .product("trail", List.of("Stridex Trail Pro Waterproof Hiking Shoes", "步锐 Trail Pro 防水徒步鞋"))
                .product("runner", List.of("Stridex Runner Air Running Shoes", "步锐 Runner Air 跑鞋"))
                .product("backpack", List.of("Northpack Commuter Backpack 22L", "北行通勤双肩包 22L"))
                .build();
        assertThat(shoes.lookup("Trail Pro")).contains("trail");
        assertThat(shoes.lookup("runner air")).contains("runner");
        assertThat(shoes.lookup("commuter backpack")).contains("backpack");
        assertThat(shoes.lookup("北行双肩包")).contains("backpack");
        assertThat(shoes.lookup("shoes")).isEmpty();
    }

    @Test
    void should_not_name_a_product_when_only_its_category_word_is_mentioned() {
        // "the charger" while talking about a phone is that phone's charger
        assertThat(ids("is the charger included?")).isEmpty();
        assertThat(ids("充电器送不送")).isEmpty();
        assertThat(ids("别的牌子的推车能用吗")).isEmpty();
        assertThat(ids("耳机防水吗")).isEmpty();
        assertThat(ids("明屿手机多少钱")).isEmpty(); // two Lumio phones: ambiguous
    }

    @Test
    void should_detect_brands_when_a_first_word_starts_several_different_names() {
        ProductGazetteer detected = ProductGazetteer.of(List.of(
                ProductNames.of("p1", "HomeWell AF55 Air Fryer"),
                ProductNames.of("p2", "HomeWell Temperature Control Kettle"),
                ProductNames.of("p3", "Solo Travel Pillow")));
        assertThat(detected.lookup("Temperature Control Kettle")).contains("p2");
        assertThat(detected.lookup("AF55")).contains("p1");
        assertThat(detected.lookup("Travel Pillow")).isEmpty();
    }

    @Test
    void should_drop_a_name_when_two_entries_supply_it() {
        ProductGazetteer clash = ProductGazetteer.of(
                List.of(ProductNames.of("a", "Classic Mug", "MUG1"), ProductNames.of("b", "Travel Mug", "MUG1")));
        assertThat(clash.lookup("mug1")).isEmpty();
        assertThat(clash.ambiguousAliases()).containsExactly("mug1");
        assertThat(clash.lookup("travel mug")).contains("b");
    }

    @Test
    void should_find_several_products_in_order_when_a_message_names_them() {
        assertThat(extract("X100 or X200, or the Lumio Watch W3?"))
                .extracting(Entity::value)
                .containsExactly("product-x100", "product-x200", "product-lumio-watch-w3");
    }

    @Test
    void should_find_nothing_when_the_gazetteer_is_empty_or_text_names_nothing() {
        assertThat(ProductGazetteer.empty().extract("x200", Language.EN)).isEmpty();
        assertThat(extract("where is my parcel?")).isEmpty();
        assertThat(extract("")).isEmpty();
    }

    @Test
    void should_reject_bad_input_when_building() {
        assertThatThrownBy(() -> ProductGazetteer.builder().product("a", List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names[0]");
        assertThatThrownBy(() ->
                        ProductGazetteer.builder().product("a", List.of("One")).product("a", List.of("Two")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> ProductGazetteer.builder().product("a", List.of("()")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProductGazetteer.builder().brand("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_extract_well_under_two_milliseconds_when_indexing_two_thousand_products() {
        String[] brands = {"Acme", "Borealis", "Cinder", "Dune", "Ember", "Fjord", "Gale", "Helix"};
        String[] nouns = {"Kettle", "Backpack", "Earbuds", "Jacket", "Stroller", "Blender", "Lamp", "Sneakers"};
        String[] zhNouns = {"电热水壶", "双肩包", "耳机", "夹克", "推车", "料理机", "台灯", "运动鞋"};
        List<ProductNames> products = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String code = "Q" + (1000 + i);
            String noun = nouns[i % nouns.length];
            products.add(ProductNames.of(
                    "product-" + i,
                    brands[i % brands.length] + " " + code + " " + noun + " Edition " + i,
                    brands[i % brands.length] + " " + code + " " + zhNouns[i % zhNouns.length],
                    code));
        }
        long buildStart = System.nanoTime();
        ProductGazetteer big = ProductGazetteer.of(products);
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
        assertThat(big.aliasCount()).isGreaterThan(6_000);

        Random random = new Random(42);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int id = random.nextInt(2_000);
            String message = String.format(
                    Locale.ROOT,
                    "hello, I bought the q%d %s last week and also wanted to ask whether the %s edition comes in"
                            + " blue; 另外 Q%d耳机 什么时候有货？order 202611220001 cost ¥1,299, size M please, thanks!!",
                    1000 + id,
                    nouns[id % nouns.length].toLowerCase(Locale.ROOT),
                    brands[random.nextInt(brands.length)].toLowerCase(Locale.ROOT),
                    1000 + random.nextInt(2_000));
            messages.add(message.length() > 200 ? message.substring(0, 200) : message);
        }
        for (int warm = 0; warm < 20; warm++) {
            messages.forEach(m -> big.extract(m, Language.MIXED));
        }
        long[] nanos = new long[messages.size() * 5];
        int n = 0;
        for (int round = 0; round < 5; round++) {
            for (String message : messages) {
                long start = System.nanoTime();
                List<Entity> found = big.extract(message, Language.MIXED);
                nanos[n++] = System.nanoTime() - start;
                assertThat(found).isNotEmpty();
            }
        }
        Arrays.sort(nanos);
        double averageMillis = Arrays.stream(nanos).average().orElseThrow() / 1e6;
        double p99Millis = nanos[(int) (nanos.length * 0.99)] / 1e6;
        assertThat(averageMillis).as("average extraction time (ms)").isLessThan(2.0);
        assertThat(p99Millis).as("p99 extraction time (ms)").isLessThan(10.0);
        assertThat(buildMillis).as("build time (ms)").isLessThan(3_000);
    }
}
