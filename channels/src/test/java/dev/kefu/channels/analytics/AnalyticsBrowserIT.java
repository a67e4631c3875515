package dev.kefu.channels.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trainer console's Analytics tab in a real headless Chromium against the real server: the
 * numbers on the page are the API's (each figure keeps its raw value in {@code data-value}), the
 * charts are the page's own SVG, and the tab reads in Chinese too.
 */
class AnalyticsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    private static JsonNode chat(String text) throws Exception {
        return server.postJson("/api/v1/chat", Map.of("text", text));
    }

    @Test
    void should_show_the_api_s_figures_as_numbers_and_svg_charts_in_english_and_chinese() throws Exception {
        JsonNode helped = chat("How long does delivery take?");
        String helpedId = helped.path("conversationId").asText();
        server.send(
                "POST",
                "/api/v1/chat/" + helpedId + "/feedback",
                "{\"seq\": " + helped.path("replies").get(0).path("seq").asLong() + ", \"helpful\": true}",
                null,
                server.tokenOf(helpedId));
        chat("What is your return policy?");
        chat("do you sell opera tickets?");
        String human = chat("转人工").path("conversationId").asText();
        String conversation = "/api/v1/agent/conversations/" + human;
        server.agent("POST", conversation + "/claim", null);
        server.agent("POST", conversation + "/messages", "{\"text\": \"您好\"}");
        server.agent("POST", conversation + "/close", null);
        server.send("POST", "/api/v1/chat/" + human + "/rating", "{\"score\": 4}", null, server.tokenOf(human));
        JsonNode summary = server.trainer("GET", "/api/v1/analytics/summary", null);
        assertThat(summary.path("conversations").asLong()).isEqualTo(4);

        browser.navigateFresh(server.uri("/trainer").toString());
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
        browser.eval("(() => { const i = document.querySelector('#token'); i.value = '" + RunningServer.TRAINER_TOKEN
                + "'; i.dispatchEvent(new Event('input', {bubbles: true})); })()");
        browser.eval("document.querySelector('#sign-in').click()");
        browser.waitFor("!document.querySelector('#app').hidden", WAIT);
        browser.eval("document.querySelector('#tab-analytics').click()");
        browser.waitFor("document.querySelector('#panel-analytics').dataset.loaded", WAIT);

        assertThat(value("conversations"))
                .isEqualTo(summary.path("conversations").asDouble());
        assertThat(value("resolutionRate"))
                .isEqualTo(summary.path("resolution").path("rate").asDouble());
        assertThat(value("handoffRate"))
                .isEqualTo(summary.path("handoffs").path("rate").asDouble());
        assertThat(value("unansweredRate"))
                .isEqualTo(summary.path("unanswered").path("rate").asDouble());
        assertThat(value("csatAverage"))
                .isEqualTo(4.0)
                .isEqualTo(summary.path("csat").path("average").asDouble());
        assertThat(value("agentFirstResponseSeconds"))
                .isEqualTo(summary.path("responseTimes")
                        .path("agentFirstResponseSeconds")
                        .path("p50")
                        .asDouble());
        assertThat(value("botMs"))
                .isEqualTo(
                        summary.path("responseTimes").path("botMs").path("p50").asDouble());
        assertThat(text("[data-figure=\"conversations\"] .figure-value")).isEqualTo("4");
        assertThat(text("[data-figure=\"handoffRate\"] .figure-value")).isEqualTo("25.0%");

        // The charts: SVG drawn by the page, with the API's counts.
        assertThat(number("document.querySelector('#analytics-reasons svg [data-reason=\"explicit_request\"]')"
                        + ".dataset.value"))
                .isEqualTo(1);
        assertThat(number("document.querySelector('#analytics-csat svg [data-score=\"4\"]').dataset.value"))
                .isEqualTo(1);
        assertThat(number("Array.from(document.querySelectorAll('#analytics-heatmap svg rect.cell'))"
                        + ".reduce((s, r) => s + Number(r.dataset.value), 0)"))
                .isEqualTo(4);
        assertThat(number("document.querySelectorAll('#analytics-heatmap svg rect.cell').length"))
                .isEqualTo(7 * 24);
        assertThat(browser.eval("Array.from(document.scripts).some((s) => s.src && !s.src.startsWith(location.origin))")
                        .asBoolean())
                .as("no script from another origin")
                .isFalse();

        // 中文
        browser.eval("document.querySelector('#analytics-ui-language').click()");
        assertThat(text("[data-figure=\"conversations\"] .figure-label")).isEqualTo("会话数");
        assertThat(text("#analytics-title")).isEqualTo("服务数据分析");
        assertThat(text("#analytics-reasons svg [data-reason=\"explicit_request\"] .bar-label"))
                .isNotEqualTo("explicit_request")
                .isNotBlank();
        assertThat(value("conversations")).isEqualTo(4);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static double value(String figure) throws Exception {
        return number("Number(document.querySelector('[data-figure=\"" + figure + "\"]').dataset.value)");
    }

    private static double number(String expression) throws Exception {
        return browser.eval("Number(" + expression + ")").asDouble();
    }

    private static String text(String selector) throws Exception {
        return browser.eval("document.querySelector('" + selector.replace("'", "\\'") + "').textContent")
                .asText();
    }
}
