package dev.kefu.core.knowledge.product;

import dev.kefu.core.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which product attribute a shopper's message asks about, in Chinese, English or both at once
 * ("X200防水吗", "how heavy is the stroller", "how heavy is the 云巢推车"), and whether it compares
 * ("哪个续航长", "is the P9 lighter than the X200"). Each attribute has many words and phrasings in
 * both languages, not the phrasings of any test set. A how-to question ("how do I pair it") asks
 * for steps, not a fact, and a price next to a promotion word ("how much is the bundle") is the
 * deal's: neither is read as an attribute question. Reads normalised (lower-case, half-width)
 * text. Stateless and thread-safe.
 */
public final class AttributeLexicon {
    private static final Map<Attribute, Pattern> WORDS = new EnumMap<>(Attribute.class);

    static {
        words(
                Attribute.BATTERY_LIFE,
                "续航|电池|电量|待机|充一次|充满一次|一次充电|能用多久|用多久|能撑多久|撑多久|播放时间|听多久|用几天|用几个小时",
                "battery|runtime|run time|playback|play time|on (?:a|one) (?:single |full )?charge"
                        + "|how long (?:does|do|will|can) (?:it|they|the [a-z0-9 ]+?) (?:last|run|play)"
                        + "|hours? of (?:use|play|music)");
        words(
                Attribute.WATER_RESISTANCE,
                "防水|防泼|防溅|防汗|防雨|进水|淋雨|下雨|雨天|游泳|泡水|沾水|洗澡|出汗",
                "waterproof|water ?-?proof|water ?-?resist\\w*|water ?-?repell\\w*|splash\\w*|\\bsweat(?:proof|y)?\\b"
                        + "|\\bswim\\w*|\\bshower\\w*|\\bin the rain\\b|\\brain ?proof\\b|\\bip[x0-9][0-9]\\b|\\b\\d+ ?atm\\b");
        words(
                Attribute.WEIGHT,
                "多重|重量|多沉|沉不沉|沉吗|重不重|重吗|有多重|几斤|几公斤|多少斤|多少公斤|多少克|轻不轻|轻吗|更轻|更重|哪个轻|哪个重" + "|比[^，,。?？]{1,16}?(?:轻|重)",
                "\\bheav(?:y|ier|iest)\\b|\\bweigh(?:s|t|ing)?\\b|\\blight(?:er|est)\\b|\\blightweight\\b"
                        + "|\\bhow light\\b|\\bis (?:it|this|that|they) light\\b");
        words(
                Attribute.DIMENSIONS,
                "尺寸|大小|长宽高|体积|多长|多宽|多高|折叠后|收起来|多大(?!码|号|的房间|面积)",
                "\\bdimensions?\\b|\\bhow (?:big|large|small|long|wide|tall|compact)\\b|\\bmeasurements?\\b"
                        + "|\\bfold(?:ed|s)? (?:size|down|up)\\b|\\bsize of\\b|overhead bin|under the seat");
        words(
                Attribute.CAPACITY,
                "容量|多少升|几升|能装|装多少|装得下|放得下|装下|放下|毫安|内存|存储|储存|扩展|内存卡|存储卡|几个人用|几口人|一家[^，,。]{0,2}口" + "|多少人用|多大的房间|多大面积|几平",
                "\\bcapacity\\b|how many (?:litres|liters|people|ml|cups)|how much (?:does|can|will) (?:it|they) hold"
                        + "|\\bholds?\\b|\\bstorage\\b|memory card|micro ?sd|\\bsd card\\b|\\bfits? (?:in|inside|into)\\b"
                        + "|\\bmah\\b|\\broom size\\b|how big (?:a|of a) room|square met");
        words(
                Attribute.POWER,
                "功率|多少瓦|几瓦|瓦数|充电快|充电速度|快充|充电多快|多久充满|充满要",
                "\\bwattage\\b|\\bwatts?\\b|how powerful|power rating|fast charg\\w*|quick charg\\w*"
                        + "|how (?:fast|quickly) (?:does|do|can|will) (?:it|they) charge|how long to charge|suction");
        words(
                Attribute.MATERIAL,
                "材质|材料|面料|什么做的|什么料|成分|真皮|牛皮|纯棉|羊毛|皮的|棉的|酒精|香精|含不含|透气|起球|扎人",
                "\\bmaterials?\\b|\\bmade (?:of|from|with)\\b|\\bfabric\\b|\\bleather\\b|\\bcotton\\b|\\bwool\\b"
                        + "|\\bingredients?\\b|\\balcohol\\b|\\bfragrance\\b|\\bitchy\\b|\\bbreathable\\b");
        words(
                Attribute.COLOURS,
                "颜色|什么色|几种色|几个色|配色|[\\u4e00-\\u9fff]色(?:的|吗|款|可选)",
                "\\bcolou?rs?\\b|\\bcolou?rways?\\b|\\bwhat shades?\\b");
        words(
                Attribute.SIZES,
                "尺码|码数|几码|多大码|什么码|啥码|哪个码|哪码|多大号|几号|号码|穿多大|码偏|偏大|偏小|偏码|买多大|选多大|什么尺寸",
                "\\bsizes?\\b|\\bsizing\\b|run(?:s)? (?:big|small|large|true)|true to size|fit(?:s)? (?:big|small|large)"
                        + "|\\bwhich length\\b|\\bwhat length\\b|\\bwaist\\b");
        words(
                Attribute.COMPATIBILITY,
                "兼容|能连|连接|连得上|适配|适用于|适用|能用在|配得上|通用|苹果手机|安卓|iphone|ios|wifi|蓝牙|配对|笔记本|平板|能充",
                "\\bcompatib\\w*|\\bworks? (?:with|on)\\b|\\bfits? (?:the|my|a|an|on)\\b|\\bpair(?:ing|s)?\\b|\\bconnect\\w*"
                        + "|\\bandroid\\b|\\biphone\\b|\\bios\\b|\\bwi-?fi\\b|\\b5 ?ghz\\b|\\blaptops?\\b|\\btablets?\\b"
                        + "|\\bbluetooth\\b|\\bcharge (?:a|my|the) \\w+");
        words(
                Attribute.STOCK,
                "有货|库存|缺货|现货|断货|到货|补货|卖完|售罄|还有卖|还有货|有卖吗|有没有货|什么时候有|啥时候有|能买到",
                "\\bin stock\\b|\\bout of stock\\b|\\bavailab\\w*|\\bsold out\\b|\\brestock\\w*|\\bback in stock\\b"
                        + "|\\bstill (?:sell|for sale|on sale)\\w*|\\bcan i (?:still )?buy\\b");
        words(
                Attribute.PRICE,
                "多少钱|价格|价钱|售价|几块|多少块|贵不贵|贵吗|便宜|什么价|啥价|几钱|卖多少|什么价位",
                "\\bprices?\\b|\\bpriced\\b|\\bcosts?\\b|\\bhow much (?:is|are|for|does (?:it|the [a-z0-9 ]+?) cost)\\b"
                        + "|\\bcheap\\w*|\\bexpensive\\b|\\bpricey\\b");
    }

    /** Words that compare two things: "哪个", "比", "还是", "vs", "than", "which is". */
    private static final Pattern COMPARES = Pattern.compile(
            "哪个|哪款|哪一个|哪一款|比较|对比|区别|差别|还是|更(?!换|新|改)|比|\\bvs\\.?\\b|\\bversus\\b|\\bcompar\\w*"
                    + "|\\bdifference\\b|\\bthan\\b|\\bwhich (?:one|is|of|has|lasts|weighs|holds|costs)\\b|\\bor the\\b");

    /**
     * A question about how to do something ("how do I pair it", "怎么连接"), which a how-to answer
     * serves better than the fact; "怎么样" asks what something is like, and stays a fact question.
     */
    private static final Pattern HOW_TO = Pattern.compile(
            "\\bhow (?:do|can|should|would) (?:i|we|you)\\b|\\bhow to\\b|\\bsteps?\\b|怎么(?!样)|怎样(?!的)|如何|步骤|教程");

    /**
     * Words of a promotion: "how much is the bundle", "套装价多少钱" ask about a deal, not the
     * product's price.
     */
    private static final Pattern PROMOTION = Pattern.compile(
            "\\bbundles?\\b|\\bdeals?\\b|\\bdiscount\\w*|\\bcoupons?\\b|\\bpromo\\w*|\\bon sale\\b|\\bsale price\\b"
                    + "|套装价|套餐|组合价|优惠|活动|折扣|打折|促销|满减|券|秒杀|特价");

    private AttributeLexicon() {}

    private static void words(Attribute attribute, String chinese, String english) {
        WORDS.put(attribute, Pattern.compile("(?:" + chinese + ")|(?:" + english + ")"));
    }

    /**
     * What {@code normalizedText} asks about.
     *
     * @return the attributes it names, earliest mention first, and whether it compares
     */
    public static AttributeQuestion read(String normalizedText) {
        Checks.requireNonNull("normalizedText", normalizedText);
        List<int[]> found = new ArrayList<>(); // {position, ordinal}
        for (Map.Entry<Attribute, Pattern> entry : WORDS.entrySet()) {
            Matcher m = entry.getValue().matcher(normalizedText);
            if (m.find()) {
                found.add(new int[] {m.start(), entry.getKey().ordinal()});
            }
        }
        found.sort(Comparator.<int[]>comparingInt(f -> f[0]).thenComparingInt(f -> f[1]));
        if (HOW_TO.matcher(normalizedText).find()) {
            return new AttributeQuestion(List.of(), false);
        }
        boolean promotion = PROMOTION.matcher(normalizedText).find();
        List<Attribute> attributes = found.stream()
                .map(f -> Attribute.values()[f[1]])
                .filter(a -> !(promotion && a == Attribute.PRICE))
                .toList();
        return new AttributeQuestion(
                attributes, COMPARES.matcher(normalizedText).find());
    }

    /**
     * @param attributes the attributes asked about, earliest mention first, possibly none
     * @param compares whether the message compares things
     */
    public record AttributeQuestion(List<Attribute> attributes, boolean compares) {
        public AttributeQuestion {
            attributes = Checks.copyOf("attributes", attributes);
        }

        public boolean asks() {
            return !attributes.isEmpty();
        }
    }
}
