package dev.kefu.eval.run;

import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.RelationType;
import dev.kefu.kb.model.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, store-shaped knowledge graph of any size for {@code kb-bench}: categories (one per 200
 * nodes), brands (one per 500), 20 policies, FAQs (5%, two example questions each) and products
 * (the rest; one in ten with a Chinese title, one in five an accessory of an earlier product, one
 * in twenty replacing an earlier one). Every product belongs to a category, is made by a brand and
 * governed by two policies, so relations are as dense as in the demo store.
 */
final class SyntheticGraph {
    private static final String[] ADJECTIVES = {
        "wireless",
        "compact",
        "foldable",
        "organic",
        "waterproof",
        "ergonomic",
        "portable",
        "smart",
        "quiet",
        "lightweight",
        "stainless",
        "bamboo",
        "thermal",
        "magnetic",
        "solar",
        "kids",
        "travel",
        "premium",
        "classic",
        "mini"
    };
    private static final String[] NOUNS = {
        "headphones", "stroller", "kettle", "backpack", "blender", "lamp", "speaker", "mattress", "jacket", "camera",
        "charger", "bottle", "desk", "sneakers", "watch", "vacuum", "router", "umbrella", "pillow", "keyboard"
    };
    private static final String[] ZH_NOUNS = {
        "耳机", "婴儿车", "水壶", "背包", "搅拌机", "台灯", "音箱", "床垫", "夹克", "相机", "充电器", "水杯", "书桌", "运动鞋", "手表", "吸尘器", "路由器",
        "雨伞", "枕头", "键盘"
    };
    private static final String[] FAQ_TOPICS = {
        "track my order", "change my address", "pay with a gift card", "cancel an order", "return a gift",
        "get an invoice", "use two coupons", "book a delivery slot", "report a damaged parcel", "reset my password"
    };

    private SyntheticGraph() {}

    static List<KnowledgeEntry> generate(int nodes, long seed) {
        if (nodes < 100) {
            throw new IllegalArgumentException("--nodes must be at least 100, was " + nodes);
        }
        Random random = new Random(seed);
        List<KnowledgeEntry> entries = new ArrayList<>(nodes);
        int categories = Math.max(1, nodes / 200);
        int brands = Math.max(1, nodes / 500);
        int policies = 20;
        for (int i = 0; i < categories; i++) {
            String noun = NOUNS[i % NOUNS.length];
            entries.add(node("category-" + i, EntryType.CATEGORY, "Category " + i + ": " + noun + "s"));
        }
        for (int i = 0; i < brands; i++) {
            entries.add(node("brand-" + i, EntryType.BRAND, "Brand " + i));
        }
        for (int i = 0; i < policies; i++) {
            entries.add(node("policy-" + i, EntryType.POLICY, "Policy " + i + " for returns, warranty and delivery"));
        }
        int faqs = nodes / 20;
        for (int i = 0; i < faqs; i++) {
            String topic = FAQ_TOPICS[i % FAQ_TOPICS.length];
            entries.add(entry(
                    "faq-" + i,
                    EntryType.FAQ,
                    "How to " + topic + " (" + i + ")",
                    List.of("can I " + topic, "how do I " + topic + " for order " + i),
                    List.of(new Relation(RelationType.GOVERNED_BY, "policy-" + (i % policies))),
                    null));
        }
        int products = nodes - entries.size();
        for (int i = 0; i < products; i++) {
            int noun = random.nextInt(NOUNS.length);
            String title = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[noun] + " model " + i;
            List<Relation> relations = new ArrayList<>();
            relations.add(new Relation(RelationType.BELONGS_TO, "category-" + random.nextInt(categories)));
            relations.add(new Relation(RelationType.MADE_BY, "brand-" + random.nextInt(brands)));
            relations.add(new Relation(RelationType.GOVERNED_BY, "policy-" + random.nextInt(policies)));
            relations.add(new Relation(RelationType.GOVERNED_BY, "policy-" + random.nextInt(policies)));
            if (i > 0 && i % 5 == 0) {
                relations.add(new Relation(RelationType.ACCESSORY_OF, "product-" + random.nextInt(i)));
            }
            if (i > 0 && i % 20 == 0) {
                relations.add(new Relation(RelationType.REPLACES, "product-" + random.nextInt(i)));
            }
            Translation zh = i % 10 == 0 ? new Translation(ZH_NOUNS[noun] + " " + i + " 型", "商品说明。") : null;
            entries.add(entry("product-" + i, EntryType.PRODUCT, title, List.of(), relations, zh));
        }
        return entries;
    }

    /** An entry others point at, with no questions, relations or translation of its own. */
    private static KnowledgeEntry node(String id, EntryType type, String title) {
        return entry(id, type, title, List.of(), List.of(), null);
    }

    private static KnowledgeEntry entry(
            String id, EntryType type, String title, List<String> questions, List<Relation> relations, Translation zh) {
        return new KnowledgeEntry(
                id,
                type,
                title,
                "About " + title + ".",
                questions,
                List.of(),
                relations.stream().distinct().toList(),
                Map.of(),
                zh == null ? Map.of() : Map.of("zh", zh));
    }
}
