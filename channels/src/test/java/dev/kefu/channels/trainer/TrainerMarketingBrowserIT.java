package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trainer console's marketing tabs ({@code /trainer/}: Scripts, Experiments, Suppressions) in a
 * real headless Chromium against the real server and the demo scripts. The tests share the server,
 * in order: the script edits add a second experiment, the suppression needs the demo experiment
 * running, and the experiment test ends it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerMarketingBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String EXPERIMENT = "demo-mother-baby";
    private static final String SCRIPT = "mother-baby-stroller-accessories";
    private static final String QUESTION = "Is the CloudNest Cloud Lite Stroller easy to fold?";
    /** The second experiment the valid edit adds (for a colleague's change behind the page's back). */
    private static final String SECOND = "it-gift";

    private static final String SECOND_SCRIPT = "  - id: it-gift-wrap\n"
            + "    stage: closing\n"
            + "    tags: [gift_buyer]\n"
            + "    position: after\n"
            + "    experiment: " + SECOND + "\n"
            + "    holdout: 20\n"
            + "    variants:\n"
            + "      - {id: wrap, weight: 80, lines: {en: \"Gift wrapping is free for the {product.name}.\", zh: \"{product.name}可免费礼品包装。\"}}\n";
    /** A conversion rate with its interval as the console writes it: "33.3% (6.1–79.2%)". */
    private static final Pattern INTERVAL = Pattern.compile("^(\\d+\\.\\d)% \\((\\d+\\.\\d)–(\\d+\\.\\d)%\\)$");

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    @Order(1)
    void should_edit_the_script_library_preview_drafts_as_text_and_refuse_a_broken_library() throws Exception {
        String original = scriptsYaml();
        signIn();
        click("#tab-io"); // the marketing tabs follow in the tab list: the arrow keys reach them
        browser.eval("document.querySelector('#tab-io').dispatchEvent("
                + "new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}))");
        assertThat(browser.eval("document.activeElement.id").asText()).isEqualTo("tab-scripts");
        browser.waitFor("document.querySelector('#scripts-yaml').value.includes('" + EXPERIMENT + "')", WAIT);
        assertThat(browser.eval("document.querySelector('#scripts-yaml').value").asText())
                .isEqualTo(original);
        assertThat(attribute("#tab-scripts", "aria-selected")).isEqualTo("true");
        assertThat(hidden("#panel-scripts")).isFalse();
        assertThat(hidden("#panel-entries")).isTrue();
        assertThat(hidden("#scripts-unsaved")).isTrue();

        // Preview of the library as it is: the stroller's script, both variants filled.
        preview("mother_baby", "product-stroller-cloud", "en");
        List<String> lines = previewLines(SCRIPT);
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains("Cloud Lite"));
        assertThat(browser.eval("document.querySelectorAll('#preview-result li.preview-script[data-script-id=\""
                                + SCRIPT + "\"] .variant[data-filled=\"true\"]').length")
                        .asInt())
                .isEqualTo(2);
        assertThat(text("#preview-result .preview-script .experiment-id")).isEqualTo(EXPERIMENT);

        preview("outdoor", "product-stroller-cloud", "en"); // a tag the demo has no script for
        browser.waitFor(textOf("#preview-result") + ".includes('No script would be shown for these tags')", WAIT);
        assertThat(count("#preview-result .preview-script")).isZero();

        // A broken library: refused with every problem listed, nothing saved.
        String broken = original.replaceFirst(
                "scripts:\n",
                "scripts:\n  - stage: opener\n    position: after\n    variants:\n"
                        + "      - {id: broken, weight: -5, lines: {en: \"Hello\"}}\n");
        assertThat(broken).isNotEqualTo(original);
        type("#scripts-yaml", broken);
        assertThat(hidden("#scripts-unsaved"))
                .as("the tab marks unsaved changes")
                .isFalse();
        click("#scripts-save");
        browser.waitFor("!document.querySelector('#scripts-errors').hidden", WAIT);
        assertThat(attribute("#scripts-errors", "data-code")).isEqualTo("INVALID_SCRIPTS");
        List<String> problems = texts("#scripts-errors li");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("id");
        assertThat(problems.get(1)).contains("weight");
        assertThat(attribute("#scripts-yaml", "aria-invalid")).isEqualTo("true");
        assertThat(scriptsYaml()).isEqualTo(original);
        assertThat(hidden("#scripts-unsaved")).isFalse();
        browser.eval("window.__confirms = []; window.confirm = (m) => { window.__confirms.push(m); return false; }");
        click("#scripts-reload"); // would discard the draft: asks first, and keeps it when told no
        assertThat(strings(browser.eval("window.__confirms")))
                .singleElement()
                .asString()
                .contains("unsaved");
        assertThat(browser.eval("document.querySelector('#scripts-yaml').value").asText())
                .isEqualTo(broken);

        // The preview of that draft shows the same problems.
        preview("mother_baby", "product-stroller-cloud", "en");
        browser.waitFor("document.querySelector('#preview-status').dataset.code === 'INVALID_SCRIPTS'", WAIT);
        assertThat(texts("#preview-status li")).isEqualTo(problems);
        assertThat(count("#preview-result .preview-script")).isZero();

        // Markup in a line is shown as text, never made into elements.
        String markup = "<img src=x onerror=alert(1)>";
        browser.eval("window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m))");
        type("#scripts-yaml", original.replace("en: \"Parents who", "en: \"" + markup + " Parents who"));
        preview("mother_baby", "product-stroller-cloud", "en");
        browser.waitFor(textOf("#preview-result") + ".includes(" + json(markup) + ")", WAIT);
        assertThat(previewLines(SCRIPT).get(0)).startsWith(markup + " Parents who");
        assertThat(count("img")).isZero();
        assertThat(count("#preview-result .line *")).isZero();
        assertThat(browser.eval("window.__alerts.length").asInt()).isZero();
        assertThat(scriptsYaml()).as("a preview saves nothing").isEqualTo(original);

        // A valid edit: saved, live, and what the API returns.
        String edited = original.replace("often add {accessories}", "often pick up {accessories}")
                .replaceFirst("\n\n# Tags inferred", "\n" + SECOND_SCRIPT + "\n# Tags inferred");
        assertThat(edited).contains("often pick up").contains(SECOND);
        type("#scripts-yaml", edited);
        click("#scripts-save");
        int saved = dev.kefu.core.slot.ScriptLibrary.demo().scripts().size() + 1;
        browser.waitFor(textOf("#scripts-status") + ".includes('Saved: " + saved + " scripts')", WAIT);
        assertThat(text("#scripts-status")).contains(EXPERIMENT).contains(SECOND);
        assertThat(hidden("#scripts-errors")).isTrue();
        assertThat(hidden("#scripts-unsaved")).isTrue();
        assertThat(text("#scripts-state")).isEqualTo("Saved, live");
        assertThat(scriptsYaml()).isEqualTo(edited);

        preview("mother_baby", "product-stroller-cloud", "en");
        browser.waitFor(textOf("#preview-result") + ".includes('often pick up')", WAIT);
        assertThat(text("#preview-result .preview-summary")).contains("(the saved library)");
    }

    @Test
    @Order(2)
    void should_count_a_marketing_line_held_back_from_an_upset_shopper() throws Exception {
        Map<String, Long> before = suppressions();
        JsonNode reply = chat(
                "upset-" + UUID.randomUUID().toString().substring(0, 8),
                "This is terrible, I'm furious, the CloudNest Cloud Lite Stroller broke!!");
        assertThat(reply.path("slots")).isEmpty();
        assertThat(reply.path("sentiment").path("label").asText()).isEqualTo("negative");
        Map<String, Long> after = suppressions();
        List<String> grown = after.keySet().stream()
                .filter(r -> after.get(r) > before.getOrDefault(r, 0L))
                .toList();
        assertThat(grown)
                .as("suppressions recorded for the upset message: " + after)
                .hasSize(1);
        String reason = grown.get(0);
        assertThat(reason).isIn("negative_sentiment", "handoff_pending", "forbidden_intent", "conversation_sentiment");

        signIn();
        click("#tab-suppressions");
        String row = "#suppressions tbody tr[data-reason=\"" + reason + "\"]";
        browser.waitFor("document.querySelector('" + row + "')", WAIT);
        assertThat(text(row + " .reason-count")).isEqualTo(String.valueOf(after.get(reason)));
        assertThat(text(row + " .code")).isEqualTo(reason);
        assertThat(text(row + " .reason-label")).isNotBlank().isNotEqualTo(reason);
        assertThat(count("#suppressions tbody tr[data-reason]")).isEqualTo(after.size());
        assertThat(text("#suppressions-caption")).contains("last 7 days");

        type("#suppressions-days", "30");
        browser.waitFor(textOf("#suppressions-caption") + ".includes('last 30 days')", WAIT);
        assertThat(text(row + " .reason-count")).isEqualTo(String.valueOf(after.get(reason)));
    }

    @Test
    @Order(3)
    void should_show_an_experiment_s_results_and_pause_resume_and_end_it() throws Exception {
        // Real data over the public API: mother & baby shoppers ask about the stroller, one orders.
        JsonNode before = results(EXPERIMENT);
        List<String> shoppers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String shopper = "mum-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            shoppers.add(shopper);
            assertThat(chat(shopper, QUESTION).path("slots")).hasSize(1);
        }
        var ordered = server.send( // the store's back end reports the order
                "POST",
                "/api/v1/events",
                json(Map.of("shopperId", shoppers.get(0), "type", "order_placed", "amount", 199)),
                RunningServer.STORE_TOKEN);
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(202);
        JsonNode results = awaitResults(sum(before, "exposures") + 4, sum(before, "conversions") + 1);

        signIn();
        click("#tab-experiments");
        String demoRow = "#experiments tbody tr[data-id=\"" + EXPERIMENT + "\"]";
        browser.waitFor(
                "document.querySelector('" + demoRow + "') && document.querySelector('#experiments tbody"
                        + " tr[data-id=\"" + SECOND + "\"]')",
                WAIT);
        assertThat(text(demoRow + " .status")).isEqualTo("running");
        assertThat(text(demoRow + " .arms")).isEqualTo("accessories 50% · promotion 50%");
        click(demoRow + " .open-experiment");
        browser.waitFor(textOf("#experiment-title") + " === 'Experiment " + EXPERIMENT + "'", WAIT);
        int arms = results.path("arms").size();
        browser.waitFor("document.querySelectorAll('#results tbody tr[data-arm]').length === " + arms, WAIT);

        for (JsonNode arm : results.path("arms")) {
            String row = "#results tbody tr[data-arm=\"" + arm.path("arm").asText() + "\"]";
            assertThat(text(row + " .exposures"))
                    .isEqualTo(arm.path("exposures").asText());
            assertThat(text(row + " .conversions"))
                    .isEqualTo(arm.path("conversions").asText());
            Matcher rate = INTERVAL.matcher(text(row + " .rate"));
            assertThat(rate.matches()).as(text(row + " .rate")).isTrue();
            assertThat(Double.parseDouble(rate.group(1)))
                    .isCloseTo(100 * arm.path("rate").asDouble(), within(0.051));
            assertThat(Double.parseDouble(rate.group(2)))
                    .isCloseTo(100 * arm.path("low").asDouble(), within(0.051));
            assertThat(Double.parseDouble(rate.group(3)))
                    .isCloseTo(100 * arm.path("high").asDouble(), within(0.051));
            assertThat(text(row + " .clicks")).isEqualTo(arm.path("clicks").asText());
            assertThat(text(row + " .orders")).isEqualTo(arm.path("orders").asText());
            String money = browser.eval("(" + arm.path("revenue").asDouble()
                            + ").toLocaleString(undefined, {minimumFractionDigits: 2, maximumFractionDigits: 2})")
                    .asText(); // in the browser's locale, as the page writes it
            assertThat(text(row + " .revenue")).isEqualTo(money);
            JsonNode service = arm.path("service");
            assertThat(text(row + " .handoff-rate"))
                    .endsWith("% (" + service.path("handoffs").asText() + " of "
                            + service.path("conversations").asText() + ")");
            assertThat(text(row + " .satisfaction"))
                    .endsWith("(" + service.path("ratings").asText() + " ratings)");
            if (arm.path("arm").asText().equals(results.path("baseline").asText())) {
                assertThat(text(row + " .lift")).isEqualTo("baseline");
            }
        }
        assertThat(sum(results, "orders")).isEqualTo(sum(before, "orders") + 1);

        // The chart: one interval per arm, described for screen readers.
        assertThat(count("#results-chart svg .interval")).isEqualTo(arms);
        assertThat(count("#results-chart svg .arm")).isEqualTo(arms);
        assertThat(attribute("#results-chart svg", "role")).isEqualTo("img");
        String description = text("#results-chart svg desc");
        for (JsonNode arm : results.path("arms")) {
            assertThat(description).contains(arm.path("arm").asText());
        }
        assertThat(texts("#results-chart svg .arm-label")).hasSize(arms);

        // Pause, resume, end (confirmed in the page): the buttons follow the status.
        assertThat(visibleActions()).containsExactly("Pause", "End…", "Refresh");
        click("#experiment-pause");
        awaitStatus("paused");
        assertThat(apiStatus(EXPERIMENT)).isEqualTo("paused");
        assertThat(visibleActions()).containsExactly("Resume", "End…", "Refresh");
        assertThat(text(demoRow + " .status")).isEqualTo("paused");

        click("#experiment-resume");
        awaitStatus("running");
        assertThat(apiStatus(EXPERIMENT)).isEqualTo("running");

        click("#experiment-end");
        browser.waitFor("!document.querySelector('#end-confirm').hidden", WAIT);
        assertThat(text("#end-confirm-text")).contains(EXPERIMENT).contains("cannot be resumed");
        assertThat(apiStatus(EXPERIMENT))
                .as("nothing happens before the confirmation")
                .isEqualTo("running");
        click("#end-confirm-yes");
        awaitStatus("ended");
        assertThat(apiStatus(EXPERIMENT)).isEqualTo("ended");
        assertThat(visibleActions()).containsExactly("Refresh");
        assertThat(hidden("#end-confirm")).isTrue();
        assertThat(count("#results tbody tr[data-arm]"))
                .as("results stay readable")
                .isEqualTo(arms);

        // A colleague ends the other experiment while this page still shows it running.
        click("#experiments tbody tr[data-id=\"" + SECOND + "\"] .open-experiment");
        browser.waitFor(textOf("#experiment-title") + " === 'Experiment " + SECOND + "'", WAIT);
        browser.waitFor("document.querySelectorAll('#results tbody tr[data-arm]').length === 2", WAIT);
        assertThat(visibleActions()).containsExactly("Pause", "End…", "Refresh");
        server.trainer("POST", "/api/v1/experiments/" + SECOND + "/end", null);
        click("#experiment-pause");
        browser.waitFor("document.querySelector('#experiment-status').dataset.code === 'EXPERIMENT_ENDED'", WAIT);
        assertThat(text("#experiment-status")).contains(SECOND);
        awaitStatus("ended");
        assertThat(apiStatus(SECOND)).isEqualTo("ended");
        assertThat(visibleActions()).containsExactly("Refresh");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    private static String json(Object value) throws JsonProcessingException {
        return RunningServer.JSON.writeValueAsString(value);
    }

    /** Opens the console in a fresh tab session and signs in. */
    private static void signIn() throws Exception {
        browser.navigateFresh(url("/trainer"));
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
        type("#token", RunningServer.TRAINER_TOKEN);
        click("#sign-in");
        browser.waitFor("!document.querySelector('#app').hidden", WAIT);
    }

    private static String scriptsYaml() throws Exception {
        var response = server.send("GET", "/api/v1/scripts", null, RunningServer.TRAINER_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Asks for a preview and waits for its answer (a result or an error). */
    private static void preview(String tags, String productId, String language) throws Exception {
        browser.eval("document.querySelector('#preview-result').replaceChildren();"
                + " document.querySelector('#preview-status').replaceChildren()");
        type("#preview-tags", tags);
        type("#preview-product", productId);
        type("#preview-language", language);
        click("#preview");
        browser.waitFor(
                "document.querySelector('#preview-result').childElementCount > 0"
                        + " || document.querySelector('#preview-status').childElementCount > 0",
                WAIT);
    }

    /** The preview's lines of a script, variant by variant. */
    private static List<String> previewLines(String scriptId) throws Exception {
        String item = "#preview-result li.preview-script[data-script-id=\"" + scriptId + "\"]";
        browser.waitFor("document.querySelector('" + item + "')", WAIT);
        return texts(item + " .variant .line");
    }

    private static JsonNode chat(String shopperId, String text) throws Exception {
        return server.postJson(
                "/api/v1/chat",
                Map.of(
                        "text",
                        text,
                        "shopper",
                        Map.of("token", RunningServer.shopperToken(shopperId), "tags", List.of("mother_baby"))));
    }

    private static Map<String, Long> suppressions() throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        server.trainer("GET", "/api/v1/slots/suppressions?days=7", null)
                .path("reasons")
                .fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static JsonNode results(String experiment) throws Exception {
        return server.trainer("GET", "/api/v1/experiments/" + experiment + "/results", null);
    }

    private static long sum(JsonNode results, String field) {
        long total = 0;
        for (JsonNode arm : results.path("arms")) {
            total += arm.path(field).asLong();
        }
        return total;
    }

    /** Polls the demo experiment's results until they hold these totals. */
    private static JsonNode awaitResults(long exposures, long conversions) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode now = results(EXPERIMENT);
        while (Instant.now().isBefore(deadline)
                && (sum(now, "exposures") != exposures || sum(now, "conversions") != conversions)) {
            Thread.sleep(100);
            now = results(EXPERIMENT);
        }
        assertThat(sum(now, "exposures")).as("exposures in " + now).isEqualTo(exposures);
        assertThat(sum(now, "conversions")).as("conversions in " + now).isEqualTo(conversions);
        return now;
    }

    private static String apiStatus(String experiment) throws Exception {
        for (JsonNode x : server.trainer("GET", "/api/v1/experiments", null).path("experiments")) {
            if (x.path("id").asText().equals(experiment)) {
                return x.path("status").asText();
            }
        }
        throw new AssertionError("no experiment " + experiment);
    }

    private static void awaitStatus(String status) throws Exception {
        browser.waitFor(
                "document.querySelector('#experiment-state').dataset.status === " + json(status)
                        + " && !document.querySelector('#experiment-panel button[aria-busy]')",
                WAIT);
    }

    /** The labels of the experiment's action buttons that are shown. */
    private static List<String> visibleActions() throws Exception {
        return strings(browser.eval("Array.from(document.querySelectorAll('.experiment-actions button'))"
                + ".filter((b) => !b.hidden).map((b) => b.textContent)"));
    }

    /** Sets a field's value as typing would, with the input and change events. */
    private static void type(String selector, String value) throws Exception {
        browser.eval("(() => { const el = document.querySelector(" + json(selector) + ");"
                + " el.value = " + json(value) + ";"
                + " el.dispatchEvent(new Event('input', {bubbles: true}));"
                + " el.dispatchEvent(new Event('change', {bubbles: true})); })()");
    }

    private static void click(String selector) throws Exception {
        browser.eval("document.querySelector(" + json(selector) + ").click()");
    }

    private static String textOf(String selector) throws JsonProcessingException {
        return "(document.querySelector(" + json(selector) + ") || {textContent: ''}).textContent";
    }

    private static String text(String selector) throws Exception {
        return browser.eval(textOf(selector)).asText();
    }

    private static List<String> texts(String selector) throws Exception {
        return strings(browser.eval(
                "Array.from(document.querySelectorAll(" + json(selector) + ")).map((e) => e.textContent)"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(x -> all.add(x.asText()));
        return all;
    }

    private static String attribute(String selector, String name) throws Exception {
        return browser.eval("document.querySelector(" + json(selector) + ").getAttribute(" + json(name) + ")")
                .asText();
    }

    private static boolean hidden(String selector) throws Exception {
        return browser.eval("document.querySelector(" + json(selector) + ").hidden")
                .asBoolean();
    }

    private static int count(String selector) throws Exception {
        return browser.eval("document.querySelectorAll(" + json(selector) + ").length")
                .asInt();
    }
}
