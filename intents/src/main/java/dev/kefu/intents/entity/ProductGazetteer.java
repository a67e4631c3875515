package dev.kefu.intents.entity;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds products by name (type {@code product}, value = the knowledge entry id) with a character
 * trie built once from the names the caller supplies.
 *
 * <p><b>Names and aliases.</b> Every supplied name is an alias of its entry. From each name the
 * gazetteer also derives: the name without a trailing parenthesis ({@code X100 Wireless Earbuds}
 * from {@code X100 Wireless Earbuds (Previous Model)}); the name without a leading brand ({@code
 * Cloud Lite Stroller} from {@code CloudNest Cloud Lite Stroller}), kept only when what remains is
 * specific enough (two words, four Chinese characters, or a model code); the model codes inside it
 * (a token of letters then digits: {@code X200}, {@code AF55}, {@code W3}; not units such as
 * {@code 65W} or {@code 8GB}, nor spec codes such as {@code SPF50}); and, for every alias, the
 * same text without the spaces around Chinese characters ({@code X200真无线耳机}). Brands are the
 * ones given to the builder plus any first word that starts names of two or more entries followed
 * by different words ({@code Lumio P9 ...}, {@code Lumio A5 ...}); a first word always followed by
 * the same word ({@code Cloud Lite ...}) is a product line, not a brand.
 *
 * <p><b>Ambiguity.</b> An alias claimed by several entries goes to the one entry that supplied it
 * as a name; if no entry or several entries supplied it, it is dropped (see {@link
 * #ambiguousAliases()}): the gazetteer never guesses. So when {@code X200} is derived from the
 * earbuds, their charging case and their ear tips, {@code X200} finds nothing unless the caller
 * gives it as the earbuds' SKU, while {@code X200 charging case} still finds the case.
 *
 * <p><b>Matching</b> is case-insensitive and full-width-insensitive (also on text that was not
 * normalised), treats {@code -} and {@code _} as spaces, and prefers the longest name. A name that
 * starts or ends with a Latin letter or digit must start or end at a word boundary ({@code x2000}
 * does not contain {@code x200}); Chinese needs no boundary. Matches never overlap. Extraction is
 * linear in the text length times the longest name; building is linear in the total name length.
 * Immutable and thread-safe once built.
 */
public final class ProductGazetteer implements EntityExtractor {
    public static final String PRODUCT = "product";

    private static final Pattern TRAILING_PARENTHESIS = Pattern.compile("\\s*\\([^()]*\\)\\s*$");
    private static final Pattern LATIN_TOKEN = Pattern.compile("[a-z0-9]+(?:\\.[0-9]+)?");
    /** Sizes and counts at the end of a name ({@code 120ml}, {@code 50 ml}, {@code 22l}): not its category. */
    private static final Pattern TRAILING_QUANTITY =
            Pattern.compile("(?:(?:\\s+|(?<=\\p{IsHan}))[0-9][0-9.,]*\\s*(?:ml|l|g|kg|pcs|cm|mm|升|毫升|克|片装|片)?)+$");
    /** The Chinese characters that end a name: where its category word is. */
    private static final Pattern TRAILING_HAN = Pattern.compile("\\p{IsHan}+$");

    private static final Pattern LATIN_WORD = Pattern.compile("[a-z]+");
    /** Runs of Latin words without digits: a model's name inside a Chinese name. */
    private static final Pattern LATIN_LINE = Pattern.compile("(?<![a-z0-9])[a-z]+(?: [a-z]+)*(?![a-z0-9])");

    private static final Pattern MODEL_CODE = Pattern.compile("[a-z]{1,4}[0-9]{1,5}[a-z]{0,2}");
    /** Letter-digit tokens that name a specification, not a product. */
    private static final Pattern SPEC_CODE = Pattern.compile(
            "(?:spf|ipx|ip|usb|pm|pd|bt|wifi|ddr|lpddr|hdmi)[0-9]+.*|[a-z]+[0-9]+(?:mah|gb|tb|mm|cm|ml|w)");

    private static final ProductGazetteer EMPTY = builder().build();

    private final Node root;
    private final int aliasCount;
    private final Set<String> ambiguous;

    private ProductGazetteer(Node root, int aliasCount, Set<String> ambiguous) {
        this.root = root;
        this.aliasCount = aliasCount;
        this.ambiguous = ambiguous;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A gazetteer over these products, with brands detected automatically. */
    static ProductGazetteer of(Collection<ProductNames> products) {
        return builder().products(products).build();
    }

    /** A gazetteer that knows no products. */
    public static ProductGazetteer empty() {
        return EMPTY;
    }

    /** The entry a whole name or alias (in any case or width) refers to, if it is unambiguous. */
    public Optional<String> lookup(String name) {
        Checks.requireNonNull("name", name);
        String key = normalize(name);
        Node node = root;
        for (int i = 0; i < key.length() && node != null; i++) {
            node = node.child(key.charAt(i));
        }
        return node == null || key.isEmpty() ? Optional.empty() : Optional.ofNullable(node.entryId);
    }

    /** Aliases dropped because several entries claim them and none supplied it as its own name. */
    public Set<String> ambiguousAliases() {
        return ambiguous;
    }

    /** How many distinct aliases (names and derived aliases) can be found. */
    int aliasCount() {
        return aliasCount;
    }

    @Override
    public List<Entity> extract(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        String text = normalizedText;
        int length = text.length();
        List<Entity> candidates = new ArrayList<>();
        for (int start = 0; start < length; start++) {
            char first = fold(text.charAt(start));
            if (isWordChar(first) && start > 0 && isWordChar(fold(text.charAt(start - 1)))) {
                continue;
            }
            Node node = root;
            int bestEnd = -1;
            String bestId = null;
            for (int i = start; i < length; i++) {
                char c = fold(text.charAt(i));
                node = node.child(c);
                if (node == null) {
                    break;
                }
                if (node.entryId != null
                        && !(isWordChar(c) && i + 1 < length && isWordChar(fold(text.charAt(i + 1))))) {
                    bestEnd = i + 1;
                    bestId = node.entryId;
                }
            }
            if (bestId != null) {
                candidates.add(new Entity(PRODUCT, bestId, start, bestEnd));
            }
        }
        if (candidates.size() <= 1) {
            return List.copyOf(candidates);
        }
        candidates.sort(
                Comparator.comparingInt((Entity e) -> e.start() - e.end()).thenComparingInt(Entity::start));
        List<Entity> chosen = new ArrayList<>();
        for (Entity candidate : candidates) {
            if (chosen.stream().noneMatch(e -> candidate.start() < e.end() && e.start() < candidate.end())) {
                chosen.add(candidate);
            }
        }
        chosen.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(chosen);
    }

    // ---- normalisation shared by names and text ----

    /** Half-width, lower case, {@code -}/{@code _}/any space as a plain space. Keeps positions. */
    static char fold(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        }
        if (c == '-' || c == '_' || c == '\u3000' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return ' ';
        }
        return Character.toLowerCase(c);
    }

    /** A Latin (or other non-ideographic) letter or digit: these need word boundaries. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) && !Character.isIdeographic(c);
    }

    static String normalize(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = fold(nfkc.charAt(i));
            if (c == ' ' && (out.isEmpty() || out.charAt(out.length() - 1) == ' ')) {
                continue;
            }
            out.append(c);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }

    /** The alias without the spaces next to Chinese characters: {@code x200 真无线耳机} → {@code x200真无线耳机}. */
    private static String squeeze(String alias) {
        StringBuilder out = new StringBuilder(alias.length());
        for (int i = 0; i < alias.length(); i++) {
            char c = alias.charAt(i);
            if (c == ' '
                    && ((i > 0 && Character.isIdeographic(alias.charAt(i - 1)))
                            || (i + 1 < alias.length() && Character.isIdeographic(alias.charAt(i + 1))))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean specificEnough(String remainder) {
        int latinWords = 0;
        Matcher m = LATIN_TOKEN.matcher(remainder);
        while (m.find()) {
            if (isModelCode(m.group())) {
                return true;
            }
            latinWords++;
        }
        int ideographs = 0;
        for (int i = 0; i < remainder.length(); i++) {
            if (Character.isIdeographic(remainder.charAt(i))) {
                ideographs++;
            }
        }
        return latinWords * 2 + ideographs >= 4;
    }

    private static boolean isModelCode(String token) {
        return MODEL_CODE.matcher(token).matches() && !SPEC_CODE.matcher(token).matches();
    }

    private static String firstWord(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? null : name.substring(0, space);
    }

    private static String secondWord(String name) {
        String[] words = name.split(" ", 3);
        return words.length < 2 ? null : words[1];
    }

    /**
     * Collects products and brands, then builds an immutable gazetteer. Rejects blank brands, blank
     * names and an entry id given twice.
     */
    public static final class Builder {
        private final Map<String, List<String>> products = new LinkedHashMap<>();
        private final Set<String> brands = new LinkedHashSet<>();

        private Builder() {}

        /**
         * A brand word or phrase to strip from the start of names ({@code Lumio}, {@code 明屿}). The
         * first word of a longer brand counts too: {@code Sonora Audio} also strips {@code Sonora}.
         */
        public Builder brand(String brand) {
            Checks.requireText("brand", brand);
            String key = normalize(brand);
            if (!key.isEmpty()) {
                brands.add(key);
                String first = firstWord(key);
                if (first != null && first.length() >= 3) {
                    brands.add(first);
                }
            }
            return this;
        }

        public Builder brands(Collection<String> brands) {
            Checks.copyOf("brands", brands).forEach(this::brand);
            return this;
        }

        Builder product(ProductNames product) {
            Checks.requireNonNull("product", product);
            List<String> names = new ArrayList<>();
            for (String name : product.names()) {
                String key = normalize(name);
                if (key.chars().noneMatch(Character::isLetterOrDigit)) {
                    throw new IllegalArgumentException("product name \"" + name + "\" of entry " + product.entryId()
                            + " has no letters or digits left after normalisation");
                }
                names.add(key);
            }
            if (products.putIfAbsent(product.entryId(), names) != null) {
                throw new IllegalArgumentException("product entry " + product.entryId() + " was given twice");
            }
            return this;
        }

        public Builder product(String entryId, List<String> names) {
            return product(new ProductNames(entryId, names));
        }

        Builder products(Collection<ProductNames> products) {
            Checks.copyOf("products", products).forEach(this::product);
            return this;
        }

        public ProductGazetteer build() {
            Set<String> allBrands = new HashSet<>(brands);
            allBrands.addAll(detectBrands());
            Map<String, Claims> claims = new HashMap<>();
            for (Map.Entry<String, List<String>> product : products.entrySet()) {
                String id = product.getKey();
                for (String name : product.getValue()) {
                    claim(claims, name, id, true);
                    claim(claims, squeeze(name), id, true);
                    for (String alias : derive(name, allBrands)) {
                        claim(claims, alias, id, false);
                        claim(claims, squeeze(alias), id, false);
                    }
                }
            }
            BuildNode root = new BuildNode();
            Set<String> ambiguous = new TreeSet<>();
            int count = 0;
            for (Map.Entry<String, Claims> entry : claims.entrySet()) {
                String owner = entry.getValue().owner();
                if (owner == null) {
                    ambiguous.add(entry.getKey());
                    continue;
                }
                root.insert(entry.getKey(), owner);
                count++;
            }
            return new ProductGazetteer(root.freeze(), count, Set.copyOf(ambiguous));
        }

        private static void claim(Map<String, Claims> claims, String alias, String id, boolean supplied) {
            if (alias.isEmpty()) {
                return;
            }
            Claims c = claims.computeIfAbsent(alias, k -> new Claims());
            (supplied ? c.supplied : c.derived).add(id);
        }

        private static List<String> derive(String name, Set<String> brands) {
            List<String> aliases = new ArrayList<>();
            String bare = TRAILING_PARENTHESIS.matcher(name).replaceAll("");
            if (!bare.isEmpty() && !bare.equals(name)) {
                aliases.add(bare);
            }
            for (String base : aliases.isEmpty() ? List.of(name) : List.of(name, bare)) {
                String remainder = stripBrand(base, brands);
                if (remainder != null && specificEnough(remainder)) {
                    aliases.add(remainder);
                }
            }
            List<String> codes = new ArrayList<>();
            Matcher m = LATIN_TOKEN.matcher(name);
            while (m.find()) {
                boolean bounded = (m.start() == 0 || !isWordChar(name.charAt(m.start() - 1)))
                        && (m.end() == name.length() || !isWordChar(name.charAt(m.end())));
                if (bounded && isModelCode(m.group())) {
                    aliases.add(m.group());
                    codes.add(m.group());
                }
            }
            aliases.addAll(partialNames(bare.isEmpty() ? name : bare, brands, codes));
            return aliases;
        }

        /**
         * Short names shoppers use: the category word (the name's last English word, or the last
         * two to four Chinese characters) after the brand ({@code 云巢推车}, {@code cloudnest
         * stroller}) or after a model code ({@code p9 case}, {@code p9 保护壳}), and the brand-less
         * name's first and last English words ({@code kids sneakers}), the brand-less name without
         * its size ({@code commuter backpack}), and the Latin words a Chinese name keeps, which
         * name the model ({@code trail pro} from {@code 步锐 Trail Pro 防水徒步鞋}). Never the category word
         * alone: "the charger" in a conversation about a phone is that phone's charger, not the one
         * charger the store sells. Like every derived alias, kept only when one entry claims it.
         */
        private static List<String> partialNames(String name, Set<String> brands, List<String> codes) {
            String plain = TRAILING_QUANTITY.matcher(name).replaceAll("").strip();
            String brand = brandOf(plain, brands);
            String rest =
                    brand == null ? plain : plain.substring(brand.length()).strip();
            List<String> categories = new ArrayList<>();
            Matcher han = TRAILING_HAN.matcher(rest);
            if (han.find()) {
                String run = han.group();
                for (int n = 2; n <= Math.min(4, run.length()); n++) {
                    categories.add(run.substring(run.length() - n));
                }
            }
            String[] words = rest.split(" ");
            String last = words[words.length - 1];
            if (LATIN_WORD.matcher(last).matches() && last.length() >= 3) {
                categories.add(last);
                if (words.length >= 3 && LATIN_WORD.matcher(words[0]).matches()) {
                    categories.add(null); // marker: first and last word below
                }
            }
            List<String> out = new ArrayList<>();
            if (!rest.equals(plain) && specificEnough(rest)) {
                out.add(rest); // brand-less and without its size: "commuter backpack"
            }
            if (plain.chars().anyMatch(Character::isIdeographic)) {
                // Latin words kept in a Chinese name are the model's name: "Trail Pro", "Cloud Lite"
                Matcher line = LATIN_LINE.matcher(rest);
                while (line.find()) {
                    String model = line.group().strip();
                    if (model.length() >= 4 && !brands.contains(model)) {
                        out.add(model);
                    }
                }
            }
            for (String category : categories) {
                if (category == null) {
                    out.add(words[0] + " " + last);
                    continue;
                }
                if (brand != null) {
                    out.add(brand + " " + category);
                }
                for (String code : codes) {
                    out.add(code + " " + category);
                }
            }
            return out;
        }

        /** The longest brand {@code name} starts with, or null. */
        private static String brandOf(String name, Set<String> brands) {
            String remainder = stripBrand(name, brands);
            return remainder == null
                    ? null
                    : name.substring(0, name.length() - remainder.length()).strip();
        }

        /** The name after its longest leading brand, or null when it has none. */
        private static String stripBrand(String name, Set<String> brands) {
            String best = null;
            for (String brand : brands) {
                if (name.length() > brand.length()
                        && name.startsWith(brand)
                        && (best == null || brand.length() > best.length())) {
                    char last = brand.charAt(brand.length() - 1);
                    char next = name.charAt(brand.length());
                    if (next == ' ' || Character.isIdeographic(last) || Character.isIdeographic(next)) {
                        best = brand;
                    }
                }
            }
            return best == null ? null : name.substring(best.length()).trim();
        }

        /** First words that start names of two or more entries and are followed by different words. */
        private Set<String> detectBrands() {
            Map<String, Set<String>> entriesByWord = new HashMap<>();
            Map<String, Set<String>> followersByWord = new HashMap<>();
            for (Map.Entry<String, List<String>> product : products.entrySet()) {
                for (String name : product.getValue()) {
                    String first = firstWord(name);
                    String second = secondWord(name);
                    if (first == null || second == null || first.chars().anyMatch(Character::isDigit)) {
                        continue;
                    }
                    entriesByWord.computeIfAbsent(first, k -> new HashSet<>()).add(product.getKey());
                    followersByWord.computeIfAbsent(first, k -> new HashSet<>()).add(second);
                }
            }
            Set<String> detected = new HashSet<>();
            for (Map.Entry<String, Set<String>> word : entriesByWord.entrySet()) {
                if (word.getValue().size() >= 2
                        && followersByWord.get(word.getKey()).size() >= 2) {
                    detected.add(word.getKey());
                }
            }
            return detected;
        }
    }

    /** Which entries claim an alias, as a supplied name or as a derived alias. */
    private static final class Claims {
        final Set<String> supplied = new LinkedHashSet<>();
        final Set<String> derived = new LinkedHashSet<>();

        String owner() {
            if (supplied.size() == 1) {
                return supplied.iterator().next();
            }
            if (supplied.isEmpty() && derived.size() == 1) {
                return derived.iterator().next();
            }
            return null;
        }
    }

    private static final class BuildNode {
        final Map<Character, BuildNode> children = new HashMap<>();
        String entryId;

        void insert(String key, String id) {
            BuildNode node = this;
            for (int i = 0; i < key.length(); i++) {
                node = node.children.computeIfAbsent(key.charAt(i), k -> new BuildNode());
            }
            node.entryId = id;
        }

        Node freeze() {
            char[] keys = new char[children.size()];
            int i = 0;
            for (char key : children.keySet()) {
                keys[i++] = key;
            }
            Arrays.sort(keys);
            Node[] next = new Node[keys.length];
            for (int k = 0; k < keys.length; k++) {
                next[k] = children.get(keys[k]).freeze();
            }
            return new Node(keys, next, entryId);
        }
    }

    /** A frozen trie node: sorted child characters, binary-searched. */
    private static final class Node {
        final char[] keys;
        final Node[] next;
        final String entryId;

        Node(char[] keys, Node[] next, String entryId) {
            this.keys = keys;
            this.next = next;
            this.entryId = entryId;
        }

        Node child(char c) {
            int index = Arrays.binarySearch(keys, c);
            return index < 0 ? null : next[index];
        }
    }
}
