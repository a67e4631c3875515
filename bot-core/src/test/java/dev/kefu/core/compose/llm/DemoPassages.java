package dev.kefu.core.compose.llm;

import dev.kefu.core.knowledge.Passage;

/** Real entries of the demo store (knowledge-base's demo-store.jsonl), in both languages. */
final class DemoPassages {
    static final Passage SHIPPING_EN = new Passage(
            "policy-shipping",
            "policy",
            "Shipping and delivery times",
            "Orders paid before 16:00 (Beijing time) ship the same day, and later orders ship the next day. Standard"
                    + " delivery takes 2-4 days within mainland China and 5-7 days to remote areas such as Xinjiang,"
                    + " Tibet, Qinghai and Inner Mongolia, while express next-day delivery is available in big cities"
                    + " like Beijing, Shanghai, Guangzhou, Shenzhen and Hangzhou for an extra 12 yuan. Shipping is free"
                    + " on orders of 99 yuan or more; otherwise standard shipping costs 8 yuan.",
            12.0);
    static final Passage SHIPPING_ZH = new Passage(
            "policy-shipping",
            "policy",
            "配送时效与运费",
            "北京时间 16:00 前付款的订单当天发货，之后付款的订单次日发货。中国大陆标准配送 2-4 天送达，新疆、西藏、青海、内蒙古等偏远地区 5-7 天；"
                    + "北京、上海、广州、深圳、杭州等大城市可选次日达快递，加收 12 元。订单满 99 元包邮，不满 99 元标准运费 8 元。",
            12.0);
    static final Passage STROLLER_EN = new Passage(
            "product-stroller-cloud",
            "product",
            "CloudNest Cloud Lite Stroller",
            "The CloudNest Cloud Lite Stroller costs 1,599 yuan and is in stock. It weighs only 6.8 kg, folds with"
                    + " one hand to 52 x 45 x 22 cm (small enough for most airline overhead bins), suits babies from"
                    + " birth to 36 months up to 22 kg, and has a near-flat 165° recline, a 5-point harness, all-wheel"
                    + " suspension and a UPF50+ canopy. Matching accessories include a rain cover, cup holder, sleeping"
                    + " bag and mosquito net, and the frame has a 1-year warranty.",
            9.0);
    static final Passage STROLLER_ZH = new Passage(
            "product-stroller-cloud",
            "product",
            "云巢 Cloud Lite 轻便婴儿推车",
            "云巢 Cloud Lite 轻便婴儿推车售价 1599 元，现货充足。车重仅 6.8 公斤，单手一秒收车，折叠后 52 x 45 x 22 cm，可放入大多数航班行李架；"
                    + "适用于新生儿至 36 个月、体重 22 公斤以内的宝宝，165° 近平躺、五点式安全带、四轮避震、UPF50+ 遮阳篷。"
                    + "可搭配雨罩、杯架、睡袋和蚊帐等配件，车架享 1 年质保。",
            9.0);
    static final Passage MOTHER_BABY_WEEK_EN = new Passage(
            "promotion-mother-baby-week",
            "promotion",
            "Mother & Baby Week (母婴周)",
            "During Mother & Baby Week, ending 2026-12-31 at 23:59, all mother & baby items are 15% off"
                    + " automatically, and every CloudNest Cloud Lite Stroller comes with a free Stroller Sleeping Bag"
                    + " (worth 199 yuan) while stocks last. The discount stacks with one store coupon, and price"
                    + " protection applies as usual.",
            7.0);
    static final Passage MOTHER_BABY_WEEK_ZH = new Passage(
            "promotion-mother-baby-week",
            "promotion",
            "母婴周",
            "母婴周活动截至 2026-12-31 23:59，期间所有母婴商品自动享 85 折，购买云巢 Cloud Lite 婴儿推车即赠推车睡袋一个（价值 199 元），赠完即止。"
                    + "折扣可叠加一张店铺优惠券，价格保护照常适用。",
            7.0);
    static final Passage RETURNS_EN = new Passage(
            "policy-returns",
            "policy",
            "Returns: 7-day no-reason returns",
            "You can return most items within 7 days of delivery without giving a reason (七天无理由退货), as long as"
                    + " they are unused and in their original packaging with tags, accessories, manuals and any free"
                    + " gifts. To start a return, go to My Orders, choose the item and tap Apply for Return; once it's"
                    + " approved (usually within 24 hours), book a door pickup or drop the parcel at a courier station"
                    + " within 7 days.",
            6.0);

    private DemoPassages() {}
}
