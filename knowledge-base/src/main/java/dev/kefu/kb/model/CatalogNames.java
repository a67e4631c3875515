package dev.kefu.kb.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names shoppers may use for the store's products and brands, read from the knowledge: each
 * product's English and Chinese titles and its {@code sku}, {@code model} and {@code aliases}
 * attributes; each brand's names (the Chinese title's first word, a product's {@code brand}). The
 * NLU's product gazetteer is built from these, the same way by the server and the evaluation.
 *
 * @param products product entry id to its names, in knowledge order
 * @param brands brand names
 */
public record CatalogNames(Map<String, List<String>> products, Set<String> brands) {
    public CatalogNames {
        products = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(products));
        brands = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(brands));
    }

    public static CatalogNames of(List<KnowledgeEntry> entries) {
        Map<String, List<String>> products = new LinkedHashMap<>();
        Set<String> brands = new LinkedHashSet<>();
        for (KnowledgeEntry entry : entries) {
            Translation zh = entry.i18n().get("zh");
            if (entry.type() == EntryType.BRAND) {
                brands.add(entry.title());
                if (zh != null) {
                    brands.add(zh.title().split(" ")[0]);
                }
            } else if (entry.type() == EntryType.PRODUCT) {
                List<String> names = new ArrayList<>();
                names.add(entry.title());
                if (zh != null) {
                    names.add(zh.title());
                }
                for (String key : List.of("sku", "model", "aliases")) {
                    String value = entry.attributes().get(key);
                    if (value != null) {
                        for (String alias : value.split(",")) {
                            if (!alias.isBlank()) {
                                names.add(alias.strip());
                            }
                        }
                    }
                }
                String brand = entry.attributes().get("brand");
                if (brand != null && !brand.isBlank()) {
                    brands.add(brand);
                }
                products.put(entry.id(), List.copyOf(names));
            }
        }
        return new CatalogNames(products, brands);
    }
}
