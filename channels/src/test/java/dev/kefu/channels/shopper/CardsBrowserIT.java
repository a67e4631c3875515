package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reply cards in the real widget, in a real headless Chromium against the real server: a
 * verified demo shopper's order card (tracking number, timeline) whose buttons the keyboard reaches
 * and presses, a product card whose link opens the storefront page, and values that stay text.
 */
class CardsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DEMO_ORDER = "DD20261201001";
    private static final String DEMO_TRACKING = "SF1402938475610";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    static final Browser desk = new Browser();

    /** Opens the storefront with the widget signed in as {@code shopperId} (or anonymous: null). */
    private static void openWidget(String shopperId) throws Exception {
        browser.navigateFresh(server.uri("/").toString());
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        if (shopperId != null) {
            browser.eval("window.KefuWidgetConfig = {shopperToken: "
                    + RunningServer.JSON.writeValueAsString(RunningServer.shopperToken(shopperId)) + "}");
        }
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("!document.querySelector('#kefu-panel').hidden", WAIT);
    }

    /** The focused element, as its class names (or id) and text. */
    private static String focused() throws Exception {
        return browser.eval("(() => { const e = document.activeElement;"
                        + " return ((e.id ? '#' + e.id : e.className) + ' ' + e.textContent).trim(); })()")
                .asText();
    }

    @Test
    void should_show_the_verified_shoppers_order_card_and_let_the_keyboard_track_it() throws Exception {
        openWidget("demo-shopper");
        browser.sayInWidget("Where is my order " + DEMO_ORDER + "?");
        browser.waitFor("document.querySelector('.kefu-msg[data-from=\"bot\"] .kefu-card-order')", WAIT);

        JsonNode card = browser.eval("(() => { const c = document.querySelector('.kefu-card-order');"
                + " return {title: c.querySelector('.kefu-card-title').textContent,"
                + " status: c.querySelector('.kefu-card-status').textContent,"
                + " tracking: c.querySelector('.kefu-tracking').textContent,"
                + " eta: c.querySelector('.kefu-eta') && c.querySelector('.kefu-eta').textContent,"
                + " events: [...c.querySelectorAll('.kefu-timeline li')].map((li) => li.textContent),"
                + " label: document.getElementById(c.getAttribute('aria-labelledby')).textContent}; })()");
        assertThat(card.path("title").asText()).isEqualTo("Order " + DEMO_ORDER);
        assertThat(card.path("label").asText()).isEqualTo(card.path("title").asText());
        assertThat(card.path("status").asText()).isEqualTo("shipped, on its way");
        assertThat(card.path("tracking").asText()).isEqualTo("SF Express · tracking no. " + DEMO_TRACKING);
        assertThat(card.path("eta").asText()).startsWith("Expected delivery: ");
        assertThat(card.path("events")).hasSize(2);
        assertThat(card.path("events").get(0).asText()).endsWith("Arrived at the Shanghai hub");
        assertThat(card.path("events").get(1).asText()).endsWith("Picked up in Shenzhen");

        // From the message list, Tab reaches the card's buttons in reading order, before the composer.
        browser.eval("document.querySelector('#kefu-messages').focus()");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6 && !focused().startsWith("#kefu-input"); i++) {
            browser.press("Tab");
            order.add(focused());
        }
        assertThat(order)
                .containsSubsequence(
                        "kefu-quick-reply kefu-track Track",
                        "kefu-quick-reply kefu-offer-action Talk to a person",
                        "#kefu-input");
        assertThat(browser.eval("document.querySelector('.kefu-track').getAttribute('aria-describedby') ==="
                                + " document.querySelector('.kefu-card-order .kefu-card-title').id")
                        .asBoolean())
                .as("the button says which order it tracks")
                .isTrue();

        browser.eval("document.querySelector('.kefu-track').focus()");
        browser.press("Enter");
        browser.waitFor("document.querySelectorAll('.kefu-card-order').length === 2", WAIT);
        assertThat(browser.eval("[...document.querySelectorAll('.kefu-from-shopper .kefu-bubble')].pop().textContent")
                        .asText())
                .isEqualTo("Where is my order " + DEMO_ORDER + "?");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** An agent signs in to the desk and claims the waiting conversation {@code id}. */
    private static void claimOnDesk(String id) throws Exception {
        desk.navigateFresh(server.uri("/agent").toString());
        desk.waitFor("document.querySelector('#agent-token') && !document.querySelector('#sign-in-view').hidden", WAIT);
        desk.eval("(() => { const el = document.querySelector('#agent-token'); el.value = "
                + RunningServer.JSON.writeValueAsString(RunningServer.AGENT_TOKEN)
                + "; el.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#agent-signin').click(); })()");
        String claim = "#queue .queue-item[data-conversation-id=\"" + id + "\"] .claim";
        desk.waitFor("document.querySelector('" + claim + "')", WAIT);
        desk.eval("document.querySelector('" + claim + "').click()");
        desk.waitFor("document.querySelector('#conv-state').dataset.state === 'agent'", WAIT);
    }

    @Test
    void should_confirm_an_after_sales_action_in_the_widget_and_show_it_on_the_desk() throws Exception {
        openWidget("demo-vip");
        browser.sayInWidget("Please cancel order DD20261204004");
        browser.waitFor("document.querySelector('.kefu-offer button[data-action=\"confirm\"]')", WAIT);
        int botMessages = browser.eval("document.querySelectorAll('.kefu-msg[data-from=\"bot\"]').length")
                .asInt();
        browser.eval("document.querySelector('.kefu-offer button[data-action=\"confirm\"]').focus()");
        browser.press("Enter");
        browser.waitFor("document.querySelectorAll('.kefu-msg[data-from=\"bot\"]').length > " + botMessages, WAIT);
        assertThat(browser.eval("[...document.querySelectorAll('.kefu-msg[data-from=\"bot\"] .kefu-bubble')]"
                                + ".pop().textContent")
                        .asText())
                .as("the answer to the confirmation, shown at once")
                .contains("DD20261204004");
        assertThat(browser.eval("[...document.querySelectorAll('.kefu-offer button')].filter((b) =>"
                                + " ['confirm', 'decline'].includes(b.dataset.action)).every((b) => b.disabled)")
                        .asBoolean())
                .as("confirmed once")
                .isTrue();
        browser.waitFor("document.querySelector('#kefu-banner').dataset.state === 'queued'", WAIT);

        claimOnDesk(browser.eval("localStorage.getItem('kefu.conversationId')").asText());
        desk.waitFor("document.querySelector('#context-actions .action')", WAIT);
        JsonNode action = desk.eval("(() => { const a = document.querySelector('#context-actions .action');"
                + " return {status: a.dataset.status, text: a.textContent}; })()");
        assertThat(action.path("status").asText()).isEqualTo("for_agents");
        assertThat(action.path("text").asText()).startsWith("cancel DD20261204004 for_agents");
        assertThat(desk.eval("document.querySelector('#context-orders .order').dataset.orderNo")
                        .asText())
                .isEqualTo("DD20261204004");
    }

    @Test
    void should_hand_off_from_the_order_card_and_show_the_order_in_the_desks_context() throws Exception {
        openWidget("demo-shopper");
        browser.sayInWidget("Where is my order " + DEMO_ORDER + "?");
        browser.waitFor("document.querySelector('.kefu-card-order .kefu-tracking')", WAIT);
        browser.eval("document.querySelector('.kefu-msg[data-from=\"bot\"] .kefu-offer button').click()");
        browser.waitFor("document.querySelector('#kefu-banner').dataset.state === 'queued'", WAIT);
        String id = browser.eval("localStorage.getItem('kefu.conversationId')").asText();

        claimOnDesk(id);
        desk.waitFor("document.querySelector('#context-orders .order[data-order-no=\"" + DEMO_ORDER + "\"]')", WAIT);

        JsonNode order = desk.eval("(() => { const o = document.querySelector('#context-orders .order[data-order-no=\""
                + DEMO_ORDER + "\"]');"
                + " return {status: o.querySelector('.order-status').dataset.status,"
                + " items: o.querySelector('.order-items').textContent,"
                + " parcel: o.querySelector('.parcel').textContent,"
                + " tracking: o.querySelector('.parcel .tracking').textContent}; })()");
        assertThat(order.path("status").asText()).isEqualTo("shipped");
        assertThat(order.path("items").asText()).isEqualTo("X200 无线耳机 X200 Wireless Earbuds × 1");
        assertThat(order.path("tracking").asText()).isEqualTo(DEMO_TRACKING);
        assertThat(order.path("parcel").asText()).startsWith("SF Express ").contains("Arrived at the Shanghai hub");
        assertThat(desk.eval("document.querySelectorAll('#context-orders .order').length")
                        .asInt())
                .as("the verified shopper's latest orders (DemoOrders)")
                .isEqualTo(3);
        assertThat(desk.consoleErrors()).isEmpty();
    }

    @Test
    void should_show_a_product_card_whose_link_opens_the_storefront_page() throws Exception {
        openWidget(null);
        browser.sayInWidget("How much are the X200 Wireless Earbuds?");
        browser.waitFor("document.querySelector('.kefu-card-product')", WAIT);
        JsonNode card = browser.eval("(() => { const c = document.querySelector('.kefu-card-product');"
                + " const a = c.querySelector('a.kefu-card-link');"
                + " return {name: c.querySelector('.kefu-card-title').textContent,"
                + " price: c.querySelector('.kefu-price').textContent,"
                + " stock: c.querySelector('.kefu-stock').textContent, href: a.href, link: a.textContent}; })()");
        assertThat(card.path("name").asText()).isEqualTo("X200 Wireless Earbuds");
        assertThat(card.path("price").asText()).contains("399");
        assertThat(card.path("stock").asText()).isEqualTo("in stock");
        assertThat(card.path("link").asText()).isEqualTo("View product");
        assertThat(card.path("href").asText())
                .isEqualTo(server.uri("/?product=product-x200").toString());

        browser.eval("document.querySelector('#kefu-messages').focus()");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 8 && !focused().startsWith("#kefu-input"); i++) {
            browser.press("Tab");
            order.add(focused());
        }
        assertThat(order).contains("kefu-card-link View product");

        browser.navigate(card.path("href").asText());
        assertThat(browser.eval("location.search + ' ' + Boolean(document.querySelector('#products'))")
                        .asText())
                .isEqualTo("?product=product-x200 true");
    }

    @Test
    void should_keep_every_value_of_a_card_as_text() throws Exception {
        String name = "<img src=x onerror=\"window.__kefuPwned = 1\">";
        String order =
                "{\"shopperId\": \"xss-shopper\", \"status\": \"shipped\", \"placedAt\": \"2026-12-01T08:30:00Z\","
                        + " \"items\": [{\"name\": " + RunningServer.JSON.writeValueAsString(name)
                        + ", \"quantity\": 1, \"price\": 9}],"
                        + " \"shipments\": [{\"carrier\": \"<b>Carrier</b>\", \"trackingNumber\": \"T<i>1</i>\","
                        + " \"events\": [{\"at\": \"2026-12-02T09:00:00Z\", \"status\": \"in_transit\","
                        + " \"description\": \"<script>window.__kefuPwned = 2</script>\"}]}]}";
        assertThat(server.send("PUT", "/api/v1/orders/SO20261201666", order, RunningServer.STORE_TOKEN)
                        .statusCode())
                .isEqualTo(201);

        openWidget("xss-shopper");
        browser.watchAdded("#kefu-root", "img, b, i, script");
        browser.sayInWidget("Where is my order SO20261201666?");
        browser.waitFor("document.querySelector('.kefu-card-order')", WAIT);
        browser.settle();

        assertThat(browser.added()).isEmpty();
        JsonNode card = browser.eval("(() => { const c = document.querySelector('.kefu-card-order');"
                + " return {item: c.querySelector('.kefu-card-items li').textContent,"
                + " tracking: c.querySelector('.kefu-tracking').textContent,"
                + " event: c.querySelector('.kefu-timeline li').textContent, pwned: window.__kefuPwned || 0}; })()");
        assertThat(card.path("item").asText()).isEqualTo(name + " × 1");
        assertThat(card.path("tracking").asText()).isEqualTo("<b>Carrier</b> · tracking no. T<i>1</i>");
        assertThat(card.path("event").asText()).endsWith("<script>window.__kefuPwned = 2</script>");
        assertThat(card.path("pwned").asInt()).isZero();
    }
}
