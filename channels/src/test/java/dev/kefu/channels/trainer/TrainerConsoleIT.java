package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trainer console ({@code /trainer/}) in a real headless Chromium against the real server:
 * sign-in, the editor, publishing, history, the unanswered inbox, and that data is shown as text.
 */
class TrainerConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The console's address as trainers type it; the server redirects it to the page. */
    private static final String CONSOLE = "/trainer";

    private static final Pattern PUBLISHED =
            Pattern.compile("Published release (\\d+) \\((\\d+) entries\\) in \\d+ ms");

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void should_create_an_entry_publish_it_and_answer_shoppers_from_it() throws Exception {
        server.trainer("POST", "/api/v1/kb/publish", null); // other tests' drafts: start with nothing to publish
        openConsole();
        type("#token", "not-the-trainer-token");
        click("#sign-in");
        browser.waitFor(textOf("#sign-in-error") + ".includes('not valid')", WAIT);
        assertThat(hidden("#app")).isTrue();

        type("#token", RunningServer.TRAINER_TOKEN);
        click("#sign-in");
        browser.waitFor("document.querySelector('#entries tbody tr[data-id=\"policy-shipping\"]')", WAIT);
        assertThat(hidden("#sign-in-view")).isTrue();
        assertThat(browser.eval("sessionStorage.getItem('kefu.trainerToken')").asText())
                .isEqualTo(RunningServer.TRAINER_TOKEN);
        browser.waitFor(textOf("#unpublished") + " === 'Everything is published'", WAIT);

        click("#new-entry");
        browser.waitFor("!document.querySelector('#editor-panel').hidden", WAIT);
        assertThat(browser.eval("document.querySelector('#entry-id').readOnly").asBoolean())
                .isFalse();
        type("#entry-id", "faq-gift-cards");
        type("#entry-type", "faq");
        type("#entry-title", "Gift cards");
        type("#entry-questions", "Do you sell gift cards?\n礼品卡怎么买");
        click("#save-entry"); // no answer yet: refused next to the form, nothing sent
        browser.waitFor("!document.querySelector('#editor-errors').hidden", WAIT);
        assertThat(text("#editor-errors")).contains("Answer: required.");
        assertThat(browser.eval("document.querySelector('#entry-body').getAttribute('aria-invalid')")
                        .asText())
                .isEqualTo("true");

        String body = "Gift cards come in any amount from 50 to 2000 yuan and never expire.";
        type("#entry-body", body);
        type("#entry-title-zh", "礼品卡");
        type("#entry-body-zh", "礼品卡面额50至2000元任选，永不过期。");
        click("#save-entry");
        browser.waitFor(textOf("#editor-status") + ".includes('Saved faq-gift-cards as revision')", WAIT);
        assertThat(hidden("#editor-errors")).isTrue();
        assertThat(browser.eval("document.querySelector('#entry-id').readOnly").asBoolean())
                .isTrue();
        assertThat(text("#editor-state")).contains("new");
        browser.waitFor("document.querySelectorAll('#revisions tbody tr[data-number]').length === 1", WAIT);
        assertThat(text("#revisions tbody tr")).contains("create").contains(RunningServer.TRAINER);
        browser.waitFor(textOf("#unpublished") + " === '1 unpublished change'", WAIT);

        type("#search", "gift-cards");
        String row = "#entries tbody tr[data-id=\"faq-gift-cards\"]";
        browser.waitFor("document.querySelector('" + row + " .badge')", WAIT);
        assertThat(text(row + " .badge")).isEqualTo("new");
        assertThat(text(row + " .title-en")).isEqualTo("Gift cards");
        assertThat(text(row + " .title-zh")).isEqualTo("礼品卡");
        assertThat(text(row + " .questions")).isEqualTo("2");
        assertThat(citedEntries("do you sell gift cards?"))
                .as("a draft is not shown to shoppers")
                .doesNotContain("faq-gift-cards");

        click("#publish");
        browser.waitFor(textOf("#publish-status") + ".includes('Published release')", WAIT);
        Matcher published = PUBLISHED.matcher(text("#publish-status"));
        assertThat(published.find()).as(text("#publish-status")).isTrue();
        JsonNode publications = server.trainer("GET", "/api/v1/kb/publications", null);
        JsonNode last = publications
                .path("publications")
                .path(publications.path("publications").size() - 1);
        assertThat(published.group(1)).isEqualTo(last.path("number").asText());
        assertThat(published.group(2)).isEqualTo(last.path("entries").asText());
        browser.waitFor(textOf(row + " .badge") + " === 'published'", WAIT);
        browser.waitFor(textOf("#unpublished") + " === 'Everything is published'", WAIT);

        browser.navigateFresh(url("/"));
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        click("#kefu-launcher");
        browser.waitFor("document.querySelector('#kefu-input')", WAIT);
        browser.eval("(() => { const input = document.querySelector('#kefu-input');"
                + " input.value = 'do you sell gift cards?';"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#kefu-send').click(); })()");
        browser.waitFor("document.querySelector('.kefu-citation[data-entry-id=\"faq-gift-cards\"]')", WAIT);
        String answer = browser.eval("[...document.querySelectorAll('.kefu-msg[data-from=\"bot\"]')]"
                        + ".find(m => m.querySelector('.kefu-citation[data-entry-id=\"faq-gift-cards\"]'))"
                        + ".querySelector('.kefu-bubble').textContent")
                .asText();
        assertThat(answer).contains(body);
    }

    @Test
    void should_show_markup_in_entries_as_literal_text() throws Exception {
        String title = "<img src=x onerror=window.__xss=1>";
        String titleZh = "<script>window.__xss=2</script>礼品";
        server.trainer(
                "POST",
                "/api/v1/kb/entries",
                json(Map.of(
                        "id",
                        "faq-markup-title",
                        "type",
                        "faq",
                        "title",
                        title,
                        "body",
                        "<b onmouseover=window.__xss=3>bold</b> is not bold here.",
                        "questions",
                        List.of("<img src=y onerror=window.__xss=4>"),
                        "i18n",
                        Map.of("zh", Map.of("title", titleZh, "body", "<i>斜体</i>")))));

        openConsole();
        browser.watchAdded("main", "img, script, b, i"); // from before the first list is shown
        signInOnTheOpenConsole();
        type("#search", "faq-markup");
        String row = "#entries tbody tr[data-id=\"faq-markup-title\"]";
        browser.waitFor("document.querySelector('" + row + "')", WAIT);
        assertThat(text(row + " .title-en")).isEqualTo(title);
        assertThat(text(row + " .title-zh")).isEqualTo(titleZh);
        click(row + " .open-entry");
        browser.waitFor("document.querySelector('#entry-id').value === 'faq-markup-title'", WAIT);
        assertThat(browser.eval("document.querySelector('#entry-title').value").asText())
                .isEqualTo(title);
        assertThat(text("#editor-title")).isEqualTo("Edit faq-markup-title");
        browser.waitFor("document.querySelector('#revisions tbody tr[data-number]')", WAIT);

        // No markup was ever made of the text, so no handler of it can run: the rows, the editor
        // and its revisions added none, not even for a moment.
        assertThat(browser.added()).isEmpty();
        assertThat(count("main img, main script, main b, main i")).isZero();
        assertThat(browser.eval("window.__xss === undefined").asBoolean()).isTrue();

        click("#sign-out"); // nothing of the knowledge stays on screen, nor the token in the tab
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
        assertThat(count("#entries tbody tr")).isZero();
        assertThat(hidden("#editor-panel")).isTrue();
        assertThat(browser.eval("sessionStorage.getItem('kefu.trainerToken') === null")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void should_list_unanswered_questions_as_one_group_and_dismiss_it() throws Exception {
        List<String> wordings =
                List.of("do you have a physical store in Tokyo?", "do you have a physical shop in Tokyo?");
        for (String wording : wordings) { // two shoppers, two conversations
            JsonNode reply = server.postJson("/api/v1/chat", Map.of("text", wording));
            assertThat(reply.path("replies").path(0).path("citations"))
                    .as("the demo store cannot answer: %s", wording)
                    .isEmpty();
        }
        String groupId = groupWith(wordings);
        assertThat(groupId).as("one inbox group holds both wordings").isNotNull();

        signIn();
        click("#tab-inbox");
        String group = ".group[data-id=\"" + groupId + "\"]";
        browser.waitFor("document.querySelector('" + group + "')", WAIT);
        assertThat(hidden("#panel-entries")).isTrue();
        assertThat(text(group + " h3")).isEqualTo("Asked 2 times");
        assertThat(text(group + " .examples")).contains(wordings.get(0)).contains(wordings.get(1));
        assertThat(text(group + " .chips")).contains("no answer found × 2");
        assertThat(text("#inbox-count")).isNotEmpty();

        click(group + " .dismiss");
        browser.waitFor(textOf("#inbox-status") + ".includes('Dismissed')", WAIT);
        browser.waitFor("!document.querySelector('" + group + "')", WAIT);
        assertThat(text("#inbox-status")).contains("2 questions");
        assertThat(groupWith(wordings)).isNull();
    }

    @Test
    void should_edit_refuse_a_stale_save_compare_revisions_and_restore() throws Exception {
        String id = "faq-service-hours";
        server.trainer(
                "POST",
                "/api/v1/kb/entries",
                json(Map.of(
                        "id", id,
                        "type", "faq",
                        "title", "Service hours",
                        "body", "Our customer service answers from 9:00 to 21:00 every day.")));

        signIn();
        type("#search", id);
        String row = "#entries tbody tr[data-id=\"" + id + "\"]";
        browser.waitFor("document.querySelector('" + row + "')", WAIT);
        click(row + " .open-entry");
        browser.waitFor("document.querySelector('#entry-id').value === '" + id + "'", WAIT);
        assertThat(browser.eval("document.querySelector('#entry-id').readOnly").asBoolean())
                .isTrue();

        // a relation to a missing entry: the server's problems are listed next to the form
        click("#add-relation");
        browser.eval("document.querySelector('#relations .relation-type').value = 'governed_by'");
        type("#relations .relation-target", "policy-no-such-thing");
        click("#save-entry");
        browser.waitFor("document.querySelector('#editor-errors').dataset.code === 'DANGLING_RELATION'", WAIT);
        assertThat(text("#editor-errors .problems"))
                .contains(id + " -governed_by-> policy-no-such-thing: no entry has that id");
        type("#relations .relation-target", "policy-shipping");
        type("#entry-attributes", "hours=9-21\nphone = 400-800-1234");
        type("#entry-body", "Our customer service answers from 8:00 to 22:00 every day.");
        click("#save-entry");
        browser.waitFor(textOf("#editor-status") + ".includes('Saved " + id + "')", WAIT);
        browser.waitFor("document.querySelectorAll('#revisions tbody tr[data-number]').length === 2", WAIT);
        JsonNode saved = server.trainer("GET", "/api/v1/kb/entries/" + id, null).path("entry");
        assertThat(saved.path("relations").toString())
                .isEqualTo("[{\"type\":\"governed_by\",\"target\":\"policy-shipping\"}]");
        assertThat(saved.path("attributes").toString()).isEqualTo("{\"hours\":\"9-21\",\"phone\":\"400-800-1234\"}");

        // another trainer saves meanwhile: the console's next save is refused, not silently lost
        ((com.fasterxml.jackson.databind.node.ObjectNode) saved).put("title", "Customer service hours");
        server.trainer("PUT", "/api/v1/kb/entries/" + id, saved.toString());
        type("#entry-body", "Our customer service answers around the clock.");
        click("#save-entry");
        browser.waitFor("document.querySelector('#editor-errors').dataset.code === 'REVISION_CONFLICT'", WAIT);
        assertThat(text("#editor-errors")).contains("reload");
        click("#reload-entry");
        browser.waitFor("document.querySelector('#entry-title').value === 'Customer service hours'", WAIT);
        browser.waitFor("document.querySelectorAll('#revisions tbody tr[data-number]').length === 3", WAIT);

        List<Integer> numbers = new ArrayList<>();
        browser.eval("[...document.querySelectorAll('#revisions tbody tr[data-number]')].map(r => +r.dataset.number)")
                .forEach(n -> numbers.add(n.asInt()));
        int first = numbers.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int latest = numbers.stream().mapToInt(Integer::intValue).max().orElseThrow();
        click("#revisions tr[data-number=\"" + latest + "\"] .pick-revision");
        click("#revisions tr[data-number=\"" + first + "\"] .pick-revision");
        click("#compare");
        browser.waitFor("document.querySelector('#diff tr[data-field=\"title\"]')", WAIT);
        assertThat(text("#diff tr[data-field=\"title\"] .before")).isEqualTo("Service hours");
        assertThat(text("#diff tr[data-field=\"title\"] .after")).isEqualTo("Customer service hours");
        assertThat(text("#diff tr[data-field=\"body\"] .after")).contains("8:00 to 22:00");
        assertThat(text("#diff tr[data-field=\"attributes.hours\"] .before")).isEqualTo("(absent)");

        browser.eval("window.confirm = () => true"); // the page's confirmation dialogs
        click("#revisions tr[data-number=\"" + first + "\"] .restore");
        browser.waitFor(textOf("#editor-status") + ".includes('Restored revision " + first + "')", WAIT);
        assertThat(browser.eval("document.querySelector('#entry-title').value").asText())
                .isEqualTo("Service hours");
        assertThat(browser.eval("document.querySelector('#entry-body').value").asText())
                .contains("9:00 to 21:00");
        browser.waitFor("document.querySelectorAll('#revisions tbody tr[data-number]').length === 4", WAIT);

        click("#delete-entry"); // never published: gone from the list
        browser.waitFor(textOf("#list-status") + ".includes('Deleted " + id + "')", WAIT);
        assertThat(hidden("#editor-panel")).isTrue();
        browser.waitFor("!document.querySelector('" + row + "')", WAIT);
        assertThat(server.send("GET", "/api/v1/kb/entries/" + id, null, RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void should_answer_inbox_groups_list_every_import_problem_and_export() throws Exception {
        List<String> adopt = List.of("can I adopt a puppy from your store?", "can I adopt a dog from your shop?");
        List<String> piano = List.of("do you offer piano lessons?", "do you give piano lessons?");
        for (String wording : concat(adopt, piano)) {
            server.postJson("/api/v1/chat", Map.of("text", wording));
        }
        String adoptGroup = groupWith(adopt);
        String pianoGroup = groupWith(piano);
        assertThat(adoptGroup).isNotNull();
        assertThat(pianoGroup).isNotNull();
        server.trainer(
                "POST",
                "/api/v1/kb/entries",
                json(Map.of(
                        "id", "faq-no-services",
                        "type", "faq",
                        "title", "Services we do not offer",
                        "body", "We sell products only: no lessons, classes or workshops.")));

        signIn();
        click("#tab-inbox");
        String group = ".group[data-id=\"" + adoptGroup + "\"]";
        browser.waitFor("document.querySelector('" + group + "')", WAIT);
        click(group + " .create-entry"); // the editor, prefilled; saving answers the group
        browser.waitFor("!document.querySelector('#panel-entries').hidden", WAIT);
        browser.waitFor("!document.querySelector('#editor-panel').hidden", WAIT);
        assertThat(browser.eval("document.querySelector('#entry-questions').value")
                        .asText()
                        .lines())
                .containsExactlyInAnyOrderElementsOf(adopt);
        type("#entry-id", "faq-pets");
        type("#entry-title", "Pets");
        type("#entry-body", "We do not sell or rehome animals, but we do sell pet supplies.");
        click("#save-entry");
        browser.waitFor(textOf("#editor-status") + ".includes('closing 2 unanswered questions')", WAIT);
        assertThat(text("#editor-title")).isEqualTo("Edit faq-pets");
        assertThat(groupWith(adopt)).isNull();
        assertThat(server.trainer("GET", "/api/v1/kb/entries/faq-pets", null)
                        .path("entry")
                        .path("questions")
                        .toString())
                .contains(adopt.get(0))
                .contains(adopt.get(1));

        click("#tab-inbox");
        group = ".group[data-id=\"" + pianoGroup + "\"]";
        browser.waitFor("document.querySelector('" + group + "')", WAIT);
        assertThat(count(".group[data-id=\"" + adoptGroup + "\"]")).isZero();
        type(group + " .target-entry", "faq-no-services");
        click(group + " .add-questions");
        browser.waitFor(textOf("#inbox-status") + ".includes('Added the wordings to faq-no-services')", WAIT);
        browser.waitFor("!document.querySelector('" + group + "')", WAIT);
        assertThat(server.trainer("GET", "/api/v1/kb/entries/faq-no-services", null)
                        .path("entry")
                        .path("questions")
                        .toString())
                .contains(piano.get(0))
                .contains(piano.get(1));

        // an import with problems: every one is listed, nothing is imported
        String broken = "{\"id\": \"faq-half\", \"type\": \"faq\", \"title\": \"Half\"}\n"
                + "{\"id\": \"bad id\", \"type\": \"faq\", \"title\": \"T\", \"body\": \"B\", \"question\": [\"typo\"]}\n";
        JsonNode expected = RunningServer.JSON.readTree(
                server.send("POST", "/api/v1/kb/import", broken, RunningServer.TRAINER_TOKEN)
                        .body());
        int total = server.trainer("GET", "/api/v1/kb/entries?limit=1", null)
                .path("total")
                .asInt();
        click("#tab-io");
        browser.eval("(() => { const files = new DataTransfer();"
                + " files.items.add(new File([" + json(broken) + "], 'broken.jsonl'));"
                + " document.querySelector('#import-file').files = files.files;"
                + " window.confirm = () => true; })()");
        click("#import");
        browser.waitFor("document.querySelector('#import-result').dataset.code === 'INVALID_IMPORT'", WAIT);
        List<String> shown = new ArrayList<>();
        browser.eval("[...document.querySelectorAll('#import-result .problems li')].map(li => li.textContent)")
                .forEach(p -> shown.add(p.asText()));
        List<String> problems = new ArrayList<>();
        expected.path("error").path("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).hasSizeGreaterThanOrEqualTo(3);
        assertThat(shown).isEqualTo(problems);
        assertThat(text("#import-result")).contains("nothing was imported");
        assertThat(server.trainer("GET", "/api/v1/kb/entries?limit=1", null)
                        .path("total")
                        .asInt())
                .isEqualTo(total);

        // export: the download link carries the working copy (captured instead of saved to disk)
        browser.eval("window.__downloads = [];"
                + " HTMLAnchorElement.prototype.click = function () {"
                + " window.__downloads.push({name: this.download, href: this.href}); }");
        click("#export");
        browser.waitFor(textOf("#export-status") + ".includes('Downloaded kefu-knowledge-')", WAIT);
        assertThat(browser.eval("window.__downloads[0].name").asText()).endsWith(".jsonl");
        String exported = browser.eval("fetch(window.__downloads[0].href).then(r => r.text())")
                .asText();
        assertThat(exported)
                .isEqualTo(server.send("GET", "/api/v1/kb/export", null, RunningServer.TRAINER_TOKEN)
                        .body())
                .contains("\"faq-pets\"");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    private static String json(Object value) throws JsonProcessingException {
        return RunningServer.JSON.writeValueAsString(value);
    }

    /** Opens the console signed out (a fresh tab session). */
    private static void openConsole() throws Exception {
        browser.navigateFresh(url(CONSOLE));
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
    }

    private static void signIn() throws Exception {
        openConsole();
        signInOnTheOpenConsole();
    }

    private static void signInOnTheOpenConsole() throws Exception {
        type("#token", RunningServer.TRAINER_TOKEN);
        click("#sign-in");
        browser.waitFor("document.querySelector('#entries tbody tr[data-id]')", WAIT);
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

    private static boolean hidden(String selector) throws Exception {
        return browser.eval("document.querySelector(" + json(selector) + ").hidden")
                .asBoolean();
    }

    private static int count(String selector) throws Exception {
        return browser.eval("document.querySelectorAll(" + json(selector) + ").length")
                .asInt();
    }

    /** The entries the bot cites when a new shopper asks {@code question}. */
    private static List<String> citedEntries(String question) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode reply :
                server.postJson("/api/v1/chat", Map.of("text", question)).path("replies")) {
            reply.path("citations").forEach(c -> ids.add(c.path("entryId").asText()));
        }
        return ids;
    }

    /** The id of the open inbox group holding all these wordings, or null. */
    private static String groupWith(List<String> wordings) throws Exception {
        for (JsonNode group :
                server.trainer("GET", "/api/v1/kb/unanswered", null).path("groups")) {
            List<String> examples = new ArrayList<>();
            group.path("examples").forEach(e -> examples.add(e.asText()));
            if (examples.containsAll(wordings)) {
                return group.path("id").asText();
            }
        }
        return null;
    }
}
