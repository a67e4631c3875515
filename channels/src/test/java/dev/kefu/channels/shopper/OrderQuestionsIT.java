package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Where is my order?" over the public API, with orders the store pushed: who learns what (the
 * ownership matrix: the verified owner, another verified shopper, anonymous shoppers with wrong and
 * right digits, and after three wrong tries), in English and Chinese, with and without a number,
 * and across turns.
 */
class OrderQuestionsIT {
    private static final String ORDER_NO = "SO20261201001";
    private static final String TRACKING = "SF1234567890";
    private static final String LATE_NO = "SO20261120002";
    private static final String SPLIT_NO = "SO20261110003";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @BeforeAll
    static void pushOrders() throws Exception {
        String future = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        String past = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
        put(ORDER_NO, order("ann", "1234", "2026-12-01T08:30:00Z", shipment("SF Express", TRACKING, future)));
        put(LATE_NO, order("ann", "1234", "2026-11-20T08:30:00Z", shipment("YTO Express", "YT0000000001", past)));
        put(
                SPLIT_NO,
                order(
                        "cat",
                        "5678",
                        "2026-11-10T08:30:00Z",
                        shipment("SF Express", "SF5550000001", future) + ","
                                + shipment("JD Logistics", "JD5550000002", future)));
    }

    private static String order(String shopperId, String phone, String placedAt, String shipments) {
        return "{\"shopperId\": \"" + shopperId + "\", \"phoneLast4\": \"" + phone + "\", \"status\": \"shipped\","
                + " \"placedAt\": \"" + placedAt + "\","
                + " \"items\": [{\"name\": \"X200 Earbuds\", \"quantity\": 1, \"price\": 499}],"
                + " \"shipments\": [" + shipments + "]}";
    }

    private static String shipment(String carrier, String tracking, String estimated) {
        return "{\"carrier\": \"" + carrier + "\", \"trackingNumber\": \"" + tracking + "\", \"estimatedDelivery\": \""
                + estimated + "\", \"events\": [{\"at\": \"2026-12-02T09:00:00Z\", \"status\": \"in_transit\","
                + " \"description\": \"Arrived at the Shanghai hub\"}]}";
    }

    private static void put(String orderNo, String body) throws Exception {
        assertThat(server.send("PUT", "/api/v1/orders/" + orderNo, body, RunningServer.STORE_TOKEN)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void should_answer_the_verified_owner_in_english_and_chinese() throws Exception {
        String english = new ChatShopper(server, "ann").reply("Where is my order " + ORDER_NO + "?");
        assertThat(english).contains(ORDER_NO, "shipped", "SF Express", TRACKING, "Arrived at the Shanghai hub");
        assertThat(english).contains("Expected delivery");

        String chinese = new ChatShopper(server, "ann").reply("我的订单" + ORDER_NO + "到哪了");
        assertThat(chinese).contains(ORDER_NO, "已发货", TRACKING, "预计送达");
    }

    @Test
    void should_tell_nobody_else_whether_the_order_exists() throws Exception {
        String unknownToOwner = new ChatShopper(server, "ann").reply("Where is my order SO99999999999?");
        assertThat(unknownToOwner).contains("can't find order SO99999999999").doesNotContain("SF");

        String otherShopper = new ChatShopper(server, "bob").reply("Where is my order " + ORDER_NO + "?");
        assertThat(otherShopper)
                .doesNotContain(TRACKING)
                .doesNotContain("shipped")
                .isEqualTo(unknownToOwner.replace("SO99999999999", ORDER_NO));

        ChatShopper anonymous = new ChatShopper(server, null);
        String asked = anonymous.reply("Where is my order " + ORDER_NO + "?");
        assertThat(asked).contains("last four digits").doesNotContain(TRACKING);
        assertThat(new ChatShopper(server, null).reply("Where is my order SO99999999999?"))
                .as("the same question for an order that does not exist")
                .isEqualTo(asked.replace(ORDER_NO, "SO99999999999"));

        assertThat(anonymous.reply("0000")).contains("couldn't find order").doesNotContain(TRACKING);
        JsonNode right = anonymous.says("it's 1234");
        assertThat(right.path("replies").get(0).path("text").asText()).contains(TRACKING, "shipped");
        assertThat(anonymous.reply("and where is order " + ORDER_NO + " now?"))
                .as("proven in this conversation")
                .contains(TRACKING);
    }

    @Test
    void should_show_nothing_after_three_wrong_tries_and_offer_a_person() throws Exception {
        ChatShopper guesser = new ChatShopper(server, null);
        guesser.reply("order " + ORDER_NO);
        assertThat(guesser.reply("1111")).contains("2 tries left");
        assertThat(guesser.reply("2222")).contains("1 tries left");
        JsonNode third = guesser.says("3333");
        assertThat(third.path("replies").get(0).path("text").asText()).contains("can't check more");
        assertThat(third.path("replies")
                        .get(0)
                        .path("quickReplies")
                        .get(0)
                        .path("action")
                        .asText())
                .isEqualTo("handoff");

        assertThat(guesser.reply("1234")).doesNotContain(TRACKING);
        assertThat(guesser.reply("where is my order " + ORDER_NO + "?"))
                .contains("can't check more")
                .doesNotContain(TRACKING);
    }

    @Test
    void should_ask_for_the_number_and_remember_it_across_turns() throws Exception {
        ChatShopper anonymous = new ChatShopper(server, null);
        assertThat(anonymous.reply("where is my order?")).contains("order number");
        assertThat(anonymous.reply(ORDER_NO)).contains("last four digits", ORDER_NO);
        assertThat(anonymous.reply("1234")).contains(TRACKING);

        ChatShopper chinese = new ChatShopper(server, null);
        assertThat(chinese.reply("我的订单到哪了")).contains("订单号");
    }

    @Test
    void should_offer_a_verified_shopper_their_orders_and_find_their_last_one() throws Exception {
        ChatShopper ann = new ChatShopper(server, "ann");
        String which = ann.reply("where is my order?");
        assertThat(which).contains(ORDER_NO, LATE_NO);
        assertThat(ann.reply(ORDER_NO)).as("the number picked is remembered").contains(TRACKING);

        assertThat(new ChatShopper(server, "ann").reply("where is my last order?"))
                .contains(ORDER_NO, TRACKING);
    }

    @Test
    void should_apologise_for_a_late_order_and_offer_a_person() throws Exception {
        JsonNode late = new ChatShopper(server, "ann").says("where is my order " + LATE_NO);
        JsonNode reply = late.path("replies").get(0);
        assertThat(reply.path("text").asText()).contains("YT0000000001", "sorry", "later than expected");
        assertThat(reply.path("quickReplies").get(0).path("action").asText()).isEqualTo("handoff");
    }

    @Test
    void should_list_every_parcel_of_a_split_shipment() throws Exception {
        String split = new ChatShopper(server, "cat").reply("订单号 " + SPLIT_NO + " 到哪了");
        assertThat(split).contains("2 个包裹", "SF5550000001", "JD5550000002");
    }
}
