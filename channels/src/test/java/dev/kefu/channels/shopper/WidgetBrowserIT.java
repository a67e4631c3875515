package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.Priority;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.RelationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storefront's chat widget in a real headless Chromium against the real server, and every page
 * taking its limits and labels from the server (configured here to a message length that is not
 * the default), loading without a console error.
 */
class WidgetBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** server.maxMessageChars, not the default 2000: the pages can only know it from the server. */
    private static final int MAX_CHARS = 321;

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of("server.maxMessageChars", String.valueOf(MAX_CHARS)));

    @RegisterExtension
    static final Browser browser = new Browser();

    private static void send(String text) throws Exception {
        browser.eval("(() => { const input = document.querySelector('#kefu-input');"
                + " input.value = " + RunningServer.JSON.writeValueAsString(text) + ";"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#kefu-send').click(); })()");
    }

    private static int count(String selector) throws Exception {
        return browser.eval("document.querySelectorAll(" + RunningServer.JSON.writeValueAsString(selector) + ").length")
                .asInt();
    }

    @Test
    void should_show_cited_answer_escape_html_and_restore_history_after_reload() throws Exception {
        browser.navigateFresh("http://localhost:" + server.port() + "/");
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("document.querySelector('#kefu-input')", WAIT);

        send("How long does delivery take?");
        browser.waitFor("document.querySelector('.kefu-msg[data-from=\"bot\"] .kefu-bubble')", WAIT);
        browser.waitFor("document.querySelector('.kefu-citation[data-entry-id=\"policy-shipping\"]')", WAIT);
        assertThat(count(".kefu-helpful-yes")).isPositive();

        send("<img src=x onerror=\"window.pwned=1\"><b>bold?</b>");
        browser.waitFor("document.querySelectorAll('.kefu-msg[data-from=\"bot\"]').length >= 2", WAIT);
        assertThat(count("#kefu-messages img, #kefu-messages b")).isZero();
        assertThat(browser.eval("window.pwned === undefined").asBoolean()).isTrue();
        assertThat(browser.eval("document.querySelector('#kefu-messages').textContent")
                        .asText())
                .contains("<b>bold?</b>");

        int messagesBefore = count(".kefu-msg[data-seq]");
        browser.navigate("http://localhost:" + server.port() + "/");
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("document.querySelectorAll('.kefu-msg[data-seq]').length >= " + messagesBefore, WAIT);
        // Whatever the reload would show twice comes before the answer to a later frame on the same
        // socket: the shopper's "helpful" on the cited answer, acknowledged.
        browser.eval("document.querySelector('.kefu-helpful-yes').click()");
        browser.waitFor("document.querySelector('.kefu-feedback[data-acked=\"true\"]')", WAIT);
        assertThat(count(".kefu-msg[data-seq]")).isEqualTo(messagesBefore);
        assertThat(browser.eval(
                                "new Set([...document.querySelectorAll('.kefu-msg[data-seq]')].map(m => m.dataset.seq)).size")
                        .asInt())
                .isEqualTo(messagesBefore);
    }

    @Test
    void should_answer_about_the_product_whose_ask_button_opened_the_chat() throws Exception {
        browser.navigateFresh("http://localhost:" + server.port() + "/");
        browser.waitFor("document.querySelector('[data-kefu-product=\"product-stroller-cloud\"]')", WAIT);
        browser.eval("document.querySelector('[data-kefu-product=\"product-stroller-cloud\"]').click()");
        browser.waitFor("document.querySelector('#kefu-input')", WAIT);

        send("这个多重");
        browser.waitFor("document.querySelector('.kefu-citation[data-entry-id=\"product-stroller-cloud\"]')", WAIT);
    }

    @Test
    void should_load_every_page_without_console_errors_and_take_limits_and_labels_from_the_server() throws Exception {
        JsonNode ui = RunningServer.JSON.readTree(server.get("/api/v1/ui").body());
        JsonNode limits = ui.path("limits");
        assertThat(limits.path("maxMessageChars").asInt()).isEqualTo(MAX_CHARS);
        assertThat(limits.path("maxTitleChars").asInt()).isEqualTo(KnowledgeEntry.MAX_TITLE_LENGTH);
        assertThat(limits.path("entryIdPattern").asText()).isEqualTo(KnowledgeEntry.ID_PATTERN.pattern());
        assertThat(codes(ui, "conversationStates"))
                .isEqualTo(codes(ConversationState.values(), ConversationState::code));
        assertThat(codes(ui, "priorities")).isEqualTo(codes(Priority.values(), Priority::code));
        assertThat(codes(ui, "handoffReasons")).isEqualTo(codes(HandoffReason.values(), HandoffReason::code));
        assertThat(codes(ui, "entryTypes")).isEqualTo(codes(EntryType.values(), EntryType::code));
        assertThat(codes(ui, "relationTypes")).isEqualTo(codes(RelationType.values(), RelationType::code));
        for (String list : List.of("handoffReasons", "suppressionReasons", "unansweredReasons", "experimentStatuses")) {
            ui.path(list)
                    .forEach(item -> assertThat(item.path("label").path("en").asText())
                            .as(list + " " + item)
                            .isNotBlank());
        }

        // The storefront's widget: its counter and check use the configured length.
        browser.clearConsoleErrors();
        browser.navigateFresh(url("/"));
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("document.querySelector('#kefu-counter').textContent === '0/" + MAX_CHARS + "'", WAIT);
        type("#kefu-input", "a".repeat(MAX_CHARS + 1));
        assertThat(browser.eval("document.querySelector('#kefu-send').disabled").asBoolean())
                .isTrue();
        assertThat(browser.eval("document.querySelector('#kefu-counter').textContent")
                        .asText())
                .isEqualTo((MAX_CHARS + 1) + "/" + MAX_CHARS);
        type("#kefu-input", "a".repeat(MAX_CHARS));
        assertThat(browser.eval("document.querySelector('#kefu-send').disabled").asBoolean())
                .isFalse();
        assertThat(browser.eval("document.querySelector('#kefu-rating-comment').maxLength")
                        .asInt())
                .isEqualTo(limits.path("maxRatingCommentChars").asInt());
        assertThat(browser.consoleErrors()).as("the storefront's console").isEmpty();

        // The agent desk: the reply counter uses it too.
        browser.navigateFresh(url("/agent"));
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
        type("#agent-token", RunningServer.AGENT_TOKEN);
        browser.eval("document.querySelector('#agent-signin').click()");
        browser.waitFor("document.querySelector('#connection').dataset.state === 'live'", WAIT);
        assertThat(browser.eval("document.querySelector('#reply-counter').textContent")
                        .asText())
                .isEqualTo("0/" + MAX_CHARS);
        assertThat(browser.consoleErrors()).as("the agent desk's console").isEmpty();

        // The trainer console: the server's limits on its fields, its types in the selects, every tab loads.
        browser.navigateFresh(url("/trainer"));
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
        type("#token", RunningServer.TRAINER_TOKEN);
        browser.eval("document.querySelector('#sign-in').click()");
        browser.waitFor("document.querySelector('#entries tbody tr[data-id]')", WAIT);
        assertThat(browser.eval("document.querySelector('#entry-title').maxLength")
                        .asInt())
                .isEqualTo(KnowledgeEntry.MAX_TITLE_LENGTH);
        assertThat(browser.eval("document.querySelector('#entry-body').maxLength")
                        .asInt())
                .isEqualTo(KnowledgeEntry.MAX_BODY_LENGTH);
        assertThat(strings("[...document.querySelectorAll('#entry-type option')].map(o => o.value)"))
                .isEqualTo(codes(EntryType.values(), EntryType::code));
        for (String[] tab : new String[][] {
            {"inbox", "document.querySelector('#inbox').childElementCount > 0"},
            {"io", "!document.querySelector('#panel-io').hidden"},
            {"scripts", "document.querySelector('#scripts-yaml').value.length > 0"},
            {"experiments", "document.querySelector('#experiments tbody tr[data-id]')"},
            {"suppressions", "document.querySelector('#suppressions tbody tr')"}
        }) {
            browser.eval("document.querySelector('#tab-" + tab[0] + "').click()");
            browser.waitFor(tab[1], WAIT);
        }
        assertThat(browser.consoleErrors()).as("the trainer console's console").isEmpty();
    }

    private static String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** Sets a field's value as typing does (an input event follows). */
    private static void type(String selector, String value) throws Exception {
        browser.eval("(() => { const el = document.querySelector(" + RunningServer.JSON.writeValueAsString(selector)
                + "); el.value = " + RunningServer.JSON.writeValueAsString(value) + ";"
                + " el.dispatchEvent(new Event('input', {bubbles: true})); })()");
    }

    private static List<String> strings(String expression) throws Exception {
        List<String> values = new ArrayList<>();
        browser.eval(expression).forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> codes(JsonNode ui, String list) {
        List<String> codes = new ArrayList<>();
        ui.path(list).forEach(item -> codes.add(item.path("code").asText()));
        return codes;
    }

    private static <E> List<String> codes(E[] values, Function<E, String> code) {
        return Arrays.stream(values).map(code).toList();
    }
}
