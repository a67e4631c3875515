/*!
 * Kefu trainer console: vanilla JS, no dependencies, no build step. Served at /trainer/.
 *
 * Talks to the curation API (/api/v1/kb/...) and the marketing API (/api/v1/scripts,
 * /api/v1/experiments, /api/v1/slots/suppressions) with the trainer's bearer token, which is kept in
 * sessionStorage (this tab only). Errors come as {"error": {code, message, problems?: [..]}}.
 * Every knowledge change is a draft (a new revision of the working copy) until "Publish"; a saved
 * script library is live at once.
 *
 * All server-provided and typed text is rendered with textContent / DOM APIs; innerHTML is never used.
 */
(function () {
  'use strict';

  const KEY_TOKEN = 'kefu.trainerToken';
  const API = '/api/v1/kb';
  const SCRIPTS = '/api/v1/scripts';
  const EXPERIMENTS = '/api/v1/experiments';
  const MAX_SCRIPT_BYTES = 64 * 1024;
  const POLL_MS = 30000;
  const TYPES = ['faq', 'policy', 'product', 'category', 'brand', 'promotion'];
  const RELATIONS = ['related', 'belongs_to', 'made_by', 'governed_by', 'accessory_of', 'bundle_with', 'replaces'];
  const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:?-]{0,127}$/;
  const MAX_TITLE = 200, MAX_BODY = 10000, MAX_QUESTIONS = 100, MAX_QUESTION = 500;
  const STATUS_HELP = {
    published: 'Shoppers see exactly this.',
    draft: 'Changed since the last publish; shoppers still see the published revision.',
    new: 'Created since the last publish; shoppers do not see it yet.',
    deleted: 'Deleted since the last publish; shoppers see it until the next publish.'
  };
  const REASONS = {
    no_answer: 'no answer found',
    out_of_scope: 'out of scope',
    not_helpful: 'answer marked unhelpful',
    handoff_no_answer: 'handed to a person after no answers'
  };
  /** The guard rails' reason codes (SlotGuard, the pipeline): a label and what it means. */
  const SUPPRESSIONS = {
    negative_sentiment: ['Negative message', 'The shopper\u2019s message was negative.'],
    conversation_sentiment: ['Negative conversation', 'The conversation\u2019s running sentiment was below neutral.'],
    handoff_pending: ['Hand-off pending', 'The conversation was going to a person, or was with one.'],
    forbidden_intent: ['Intent without marketing', 'The message\u2019s intent is one where marketing is off (slots.forbiddenIntents: complaints, refunds).'],
    opted_out: ['Opted out', 'The shopper has an opt-out tag (slots.optOutTags).'],
    repeated_line: ['Line already shown', 'This conversation had already been shown that line.'],
    conversation_cap: ['Conversation limit reached', 'The conversation had been shown its most lines (slots.maxPerConversation).'],
    one_per_reply: ['One line per reply', 'Another line went out with the same reply.']
  };
  const POSITIONS = { before: 'before the answer', after: 'after the answer', quick_reply: 'as a quick reply' };
  const EXPERIMENT_HELP = {
    running: 'Shoppers see its lines and exposures are counted.',
    paused: 'No lines are shown and no exposures counted until it is resumed.',
    ended: 'Over for good: no lines are shown; its results stay readable.'
  };

  // ---- small helpers (no innerHTML anywhere) --------------------------------------------------
  function h(tag, props, ...children) {
    const n = document.createElement(tag);
    for (const k in props || {}) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k === 'class') n.className = v;
      else if (k === 'text') n.textContent = String(v);
      else if (k.slice(0, 2) === 'on') n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c != null && c !== false) n.append(c); // strings become text nodes
    return n;
  }

  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;
  const plural = (n, one, many) => n + ' ' + (n === 1 ? one : (many || one + 's'));
  const chars = (s) => Array.from(s).length; // code points, as the server counts

  function when(iso) {
    const d = new Date(iso);
    return isNaN(d) ? String(iso || '') : d.toLocaleString();
  }

  function timeEl(iso) {
    return h('time', { datetime: iso, title: iso, text: when(iso) });
  }

  const session = {
    get() { try { return window.sessionStorage.getItem(KEY_TOKEN); } catch (e) { return null; } },
    set(v) { try { window.sessionStorage.setItem(KEY_TOKEN, v); } catch (e) { /* storage unavailable */ } },
    clear() { try { window.sessionStorage.removeItem(KEY_TOKEN); } catch (e) { /* storage unavailable */ } }
  };

  // ---- API --------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, code, message, problems) {
      super(message);
      this.status = status;
      this.code = code;
      this.problems = problems;
    }
  }

  let token = null;

  /**
   * Calls the API. body: undefined (none), a string (sent as is, as opts.contentType or JSON Lines)
   * or a value (sent as JSON). Resolves with the parsed JSON (a Blob with opts.blob, the text with
   * opts.text); rejects with an ApiError. A 401 signs the trainer out, unless opts.signingIn.
   */
  async function api(method, path, body, opts) {
    opts = opts || {};
    const headers = { Authorization: 'Bearer ' + token, Accept: opts.accept || 'application/json' };
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['Content-Type'] = typeof body !== 'string' ? 'application/json'
        : opts.contentType || 'application/x-ndjson; charset=utf-8';
    }
    let res;
    try {
      res = await fetch(path, { method: method, headers: headers, body: payload, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', 'Cannot reach the server (' + (e && e.message || 'network error') + ').', []);
    }
    if (res.ok && opts.blob) return res.blob();
    const text = await res.text();
    if (res.ok && opts.text) return text;
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!res.ok) {
      const err = data && typeof data.error === 'object' && data.error ? data.error : {};
      const e = new ApiError(res.status, String(err.code || 'HTTP_' + res.status),
        String(err.message || 'The server answered ' + res.status + '.'),
        Array.isArray(err.problems) ? err.problems.map(String) : []);
      if (res.status === 401 && !opts.signingIn) signOut('You were signed out: ' + e.message);
      throw e;
    }
    return data;
  }

  /** Shows an error (message + every problem) in a container; extra nodes (buttons) go below. */
  function showError(box, err, ...extra) {
    box.replaceChildren();
    box.hidden = false;
    box.classList.add('error');
    box.classList.remove('ok');
    box.dataset.code = err.code || '';
    box.append(h('p', { class: 'error-message', text: err.message }));
    if (err.problems && err.problems.length) {
      box.append(h('ol', { class: 'problems' }, ...err.problems.map((p) => h('li', { text: p }))));
    }
    for (const x of extra) if (x) box.append(x);
  }

  function showOk(box, text) {
    box.replaceChildren();
    box.hidden = false;
    box.classList.remove('error');
    box.classList.add('ok');
    delete box.dataset.code;
    box.textContent = text;
  }

  function clearBox(box) {
    box.replaceChildren();
    box.classList.remove('error', 'ok');
    delete box.dataset.code;
  }

  /** Runs fn with the button disabled and aria-busy, so a double click sends once. */
  async function busy(button, fn) {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try { return await fn(); } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  function badge(status) {
    return h('span', { class: 'badge status-' + status, title: STATUS_HELP[status] || null, text: status });
  }

  // ---- state ------------------------------------------------------------------------------------
  const list = { offset: 0, limit: 25, q: '', type: '', total: 0, seq: 0, selected: null };
  /** The open entry: mode new | edit | group; for edit the id, loaded revision, status. */
  let editor = null;
  let dirty = false;
  let pollTimer = null;
  let renderedGroups = -1;
  const ui = {};

  // ---- sign-in / sign-out ---------------------------------------------------------------------
  async function signIn(candidate) {
    let value = String(candidate || '').trim();
    const line = /^KEFU_TRAINER_TOKENS=[^:\s]+:(\S+)$/.exec(value); // the demo file's whole line pasted
    if (line) value = line[1];
    if (!value) {
      ui.signInError.textContent = 'Enter your trainer token.';
      ui.token.setAttribute('aria-invalid', 'true');
      ui.token.focus();
      return false;
    }
    token = value;
    try {
      await api('GET', API + '/entries?limit=1', undefined, { signingIn: true });
    } catch (e) {
      token = null;
      showSignIn(e.message);
      return false;
    }
    session.set(value);
    showApp();
    return true;
  }

  function showSignIn(message) {
    ui.app.hidden = true;
    ui.publishBar.hidden = true;
    ui.signOut.hidden = true;
    ui.signInView.hidden = false;
    ui.signInError.textContent = message || '';
    ui.token.setAttribute('aria-invalid', message ? 'true' : 'false');
    ui.token.focus();
  }

  function showApp() {
    ui.signInView.hidden = true;
    ui.signInError.textContent = '';
    ui.token.value = '';
    ui.token.setAttribute('aria-invalid', 'false');
    ui.app.hidden = false;
    ui.publishBar.hidden = false;
    ui.signOut.hidden = false;
    clearBox(ui.publishStatus);
    selectTab('entries', false);
    loadEntries();
    refreshPublications();
    loadInbox();
    clearInterval(pollTimer);
    pollTimer = setInterval(poll, POLL_MS);
  }

  function signOut(message) {
    token = null;
    session.clear();
    clearInterval(pollTimer);
    pollTimer = null;
    dirty = false;
    closeEditor(true);
    // Leave nothing of the knowledge on screen for whoever uses the tab next.
    ui.entriesBody.replaceChildren();
    ui.inbox.replaceChildren();
    renderedGroups = -1;
    [ui.listStatus, ui.inboxStatus, ui.importResult, ui.exportStatus, ui.publishStatus].forEach(clearBox);
    ui.unpublished.textContent = '';
    ui.inboxCount.textContent = '';
    clearMarketing();
    showSignIn(message);
  }

  // ---- tabs -------------------------------------------------------------------------------------
  const TABS = ['entries', 'inbox', 'io', 'scripts', 'experiments', 'suppressions'];

  function selectTab(name, focus) {
    for (const t of TABS) {
      const tab = $('tab-' + t), on = t === name;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      $('panel-' + t).hidden = !on;
      if (on && focus) tab.focus();
    }
    if (name === 'inbox') loadInbox();
    else if (name === 'scripts') openScripts();
    else if (name === 'experiments') loadExperiments();
    else if (name === 'suppressions') loadSuppressions();
  }

  function onTabKey(e) {
    const i = TABS.indexOf(e.currentTarget.id.slice(4));
    let next = null;
    if (e.key === 'ArrowRight') next = TABS[(i + 1) % TABS.length];
    else if (e.key === 'ArrowLeft') next = TABS[(i + TABS.length - 1) % TABS.length];
    else if (e.key === 'Home') next = TABS[0];
    else if (e.key === 'End') next = TABS[TABS.length - 1];
    if (next) { e.preventDefault(); selectTab(next, true); }
  }

  // ---- entry list ------------------------------------------------------------------------------
  async function loadEntries() {
    const params = new URLSearchParams({ offset: String(list.offset), limit: String(list.limit) });
    if (list.q) params.set('q', list.q);
    if (list.type) params.set('type', list.type);
    const seq = ++list.seq;
    ui.entries.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await api('GET', API + '/entries?' + params);
    } catch (e) {
      if (seq === list.seq) { showError(ui.listStatus, e); ui.entries.removeAttribute('aria-busy'); }
      return;
    }
    if (seq !== list.seq) return; // a newer search is on its way
    if (page.entries.length === 0 && page.total > 0 && list.offset > 0) { // the last page emptied
      list.offset = Math.floor((page.total - 1) / list.limit) * list.limit;
      return loadEntries();
    }
    renderEntries(page);
    ui.entries.removeAttribute('aria-busy');
  }

  function renderEntries(page) {
    list.total = page.total;
    const rows = page.entries.map((e) => {
      const open = () => openEntry(e.id);
      return h('tr', {
        'data-id': e.id, 'data-status': e.status, class: e.id === list.selected ? 'selected' : null,
        onclick: (ev) => { if (!ev.target.closest('button')) open(); }
      },
      h('td', { class: 'id' }, h('button', { type: 'button', class: 'link open-entry', onclick: open }, e.id)),
      h('td', { class: 'type', text: e.type }),
      h('td', { class: 'title' }, h('span', { class: 'title-en', text: e.title }),
        e.titleZh ? h('span', { class: 'title-zh', lang: 'zh-CN', text: e.titleZh }) : null),
      h('td', { class: 'num questions', text: e.questions }),
      h('td', { class: 'status' }, badge(e.status)));
    });
    ui.entriesBody.replaceChildren(...rows);
    if (!rows.length) {
      ui.entriesBody.append(h('tr', { class: 'empty' }, h('td', {
        colspan: '5', text: list.q || list.type ? 'No entry matches.' : 'No entries yet: create one, or import a file.'
      })));
    }
    const from = page.total ? page.offset + 1 : 0, to = page.offset + page.entries.length;
    ui.pageInfo.textContent = from + '–' + to + ' of ' + page.total;
    ui.prev.disabled = page.offset <= 0;
    ui.next.disabled = to >= page.total;
    if (ui.listStatus.classList.contains('error')) clearBox(ui.listStatus);
  }

  let searchTimer = null;
  function onSearchInput() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const q = ui.search.value.trim();
      if (q === list.q) return;
      list.q = q;
      list.offset = 0;
      loadEntries();
    }, 250);
  }

  // ---- editor -----------------------------------------------------------------------------------
  function confirmDiscard() {
    return !dirty || window.confirm('Discard your unsaved changes to this entry?');
  }

  function newEntry() {
    if (!confirmDiscard()) return;
    startEditor({ mode: 'new' }, { type: 'faq' }, 'New entry');
    revealEditor();
    ui.id.focus({ preventScroll: true });
  }

  /** Opens the editor prefilled from an inbox group; saving answers the group. */
  function entryForGroup(group) {
    if (!confirmDiscard()) return;
    selectTab('entries', false);
    startEditor({ mode: 'group', groupId: group.id, examples: group.examples.length },
      { type: 'faq', questions: group.examples }, 'New entry for unanswered questions');
    showNote('Saving creates the entry and closes the group (' + plural(group.count, 'question') +
      '); its wordings become example questions.');
    revealEditor();
    ui.id.focus({ preventScroll: true });
  }

  /** Opens an entry in the editor; opts.force reloads it when already open, opts.keepStatus keeps the status line. */
  async function openEntry(id, opts) {
    opts = opts || {};
    if (!opts.force && editor && editor.mode === 'edit' && editor.id === id && !dirty) {
      ui.title.focus();
      return true;
    }
    if (!confirmDiscard()) return false;
    let view;
    try {
      view = await api('GET', API + '/entries/' + enc(id));
    } catch (e) {
      showError(ui.listStatus, e);
      return false;
    }
    loadView(view, opts.keepStatus);
    revealEditor();
    return true;
  }

  /** Scrolls the editor into view when its top is off-screen (below the list on narrow screens). */
  function revealEditor() {
    const top = ui.editorPanel.getBoundingClientRect().top;
    if (top < 60 || top > window.innerHeight - 120) ui.editorPanel.scrollIntoView({ block: 'start' });
  }

  /** Shows an EntryDto ({id, status, revision, publishedRevision, entry}) in the editor. */
  function loadView(view, keepStatus) {
    startEditor({ mode: 'edit', id: view.id, revision: view.revision, status: view.status },
      view.entry, 'Edit ' + view.id, keepStatus);
    setEditorState(view);
    loadHistory(view.id);
  }

  function startEditor(state, entry, heading, keepStatus) {
    editor = Object.assign({ others: otherLanguages(entry.i18n) }, state);
    ui.editorPanel.hidden = false;
    ui.editorTitle.textContent = heading;
    ui.editorState.replaceChildren();
    ui.note.hidden = true;
    clearErrors();
    if (!keepStatus) clearBox(ui.editorStatus);
    fill(entry);
    const editing = state.mode === 'edit';
    ui.id.readOnly = editing;
    ui.id.setAttribute('aria-readonly', editing ? 'true' : 'false');
    ui.deleteEntry.hidden = !editing;
    const gone = lockEditor();
    ui.save.textContent = state.mode === 'group' ? 'Save draft and close the group' : 'Save draft';
    if (gone) showNote('This entry is deleted in the working copy; shoppers see it until the next publish. ' +
      'To bring it back, restore one of its revisions below.');
    ui.history.hidden = !editing;
    if (!editing) { ui.revisionsBody.replaceChildren(); clearBox(ui.diff); clearBox(ui.historyStatus); }
    list.selected = editing ? state.id : null;
    markSelectedRow();
    dirty = false;
  }

  /** A deleted entry cannot be edited, only restored: disables the form; answers whether it did. */
  function lockEditor() {
    const gone = !!editor && editor.mode === 'edit' && editor.status === 'deleted';
    for (const el of ui.form.querySelectorAll('input, textarea, select, button')) {
      if (el !== ui.id) el.disabled = gone;
    }
    return gone;
  }

  function showNote(text) {
    ui.note.textContent = text;
    ui.note.hidden = false;
  }

  function setEditorState(view) {
    const parts = [badge(view.status), ' revision ' + view.revision];
    if (view.publishedRevision != null && view.publishedRevision !== view.revision) {
      parts.push(' · shoppers see revision ' + view.publishedRevision);
    }
    ui.editorState.replaceChildren(...parts);
    ui.editorState.title = STATUS_HELP[view.status] || '';
  }

  function markSelectedRow() {
    for (const tr of ui.entriesBody.querySelectorAll('tr[data-id]')) {
      tr.classList.toggle('selected', tr.dataset.id === list.selected);
    }
  }

  function closeEditor(force) {
    if (!force && !confirmDiscard()) return;
    editor = null;
    dirty = false;
    ui.editorPanel.hidden = true;
    list.selected = null;
    markSelectedRow();
  }

  function otherLanguages(i18n) {
    const others = {};
    for (const k in i18n || {}) if (k !== 'zh') others[k] = i18n[k];
    return others;
  }

  function fill(entry) {
    ui.id.value = entry.id || '';
    ui.type.value = TYPES.indexOf(entry.type) >= 0 ? entry.type : 'faq';
    ui.title.value = entry.title || '';
    ui.body.value = entry.body || '';
    const zh = (entry.i18n && entry.i18n.zh) || {};
    ui.titleZh.value = zh.title || '';
    ui.bodyZh.value = zh.body || '';
    ui.questions.value = (entry.questions || []).join('\n');
    ui.tags.value = (entry.tags || []).join(', ');
    ui.relations.replaceChildren();
    for (const r of entry.relations || []) addRelation(r.type, r.target);
    ui.attributes.value = Object.keys(entry.attributes || {}).map((k) => k + '=' + entry.attributes[k]).join('\n');
  }

  function addRelation(type, target) {
    const n = ui.relations.children.length + 1;
    const typeSelect = h('select', { class: 'relation-type', 'aria-label': 'Relation ' + n + ' type' },
      ...RELATIONS.map((r) => h('option', { value: r, text: r.replace(/_/g, ' ') })));
    typeSelect.value = RELATIONS.indexOf(type) >= 0 ? type : 'related';
    const targetInput = h('input', {
      class: 'relation-target', 'aria-label': 'Relation ' + n + ' target entry id', placeholder: 'target entry id',
      spellcheck: 'false', autocomplete: 'off', maxlength: '128'
    });
    targetInput.value = target || '';
    const row = h('li', { class: 'relation' }, typeSelect, targetInput,
      h('button', {
        type: 'button', class: 'quiet remove-relation', 'aria-label': 'Remove relation ' + n,
        onclick: () => { row.remove(); relabelRelations(); dirty = true; }
      }, 'Remove'));
    ui.relations.append(row);
    return row;
  }

  function relabelRelations() {
    Array.from(ui.relations.children).forEach((row, i) => {
      row.querySelector('.relation-type').setAttribute('aria-label', 'Relation ' + (i + 1) + ' type');
      row.querySelector('.relation-target').setAttribute('aria-label', 'Relation ' + (i + 1) + ' target entry id');
      row.querySelector('.remove-relation').setAttribute('aria-label', 'Remove relation ' + (i + 1));
    });
  }

  /** The form as an entry in the JSON Lines format, and what is wrong with it ({field, message}). */
  function collect() {
    const problems = [];
    const bad = (field, message) => problems.push({ field: field, message: message });
    const entry = {};
    entry.id = ui.id.value.trim();
    if (!entry.id) bad(ui.id, 'Id: required.');
    else if (!ID_PATTERN.test(entry.id)) {
      bad(ui.id, 'Id: use letters, digits and _ . : ? - only, starting with a letter or digit, at most 128 characters.');
    }
    entry.type = ui.type.value;
    entry.title = ui.title.value.trim();
    if (!entry.title) bad(ui.title, 'Title: required.');
    else if (chars(entry.title) > MAX_TITLE) bad(ui.title, 'Title: at most ' + MAX_TITLE + ' characters.');
    entry.body = ui.body.value.trim();
    if (!entry.body) bad(ui.body, 'Answer: required.');
    else if (chars(entry.body) > MAX_BODY) bad(ui.body, 'Answer: at most ' + MAX_BODY + ' characters.');

    const questions = ui.questions.value.split('\n').map((q) => q.trim()).filter(Boolean);
    if (questions.length > MAX_QUESTIONS) {
      bad(ui.questions, 'Example questions: at most ' + MAX_QUESTIONS + ', there are ' + questions.length + '.');
    }
    questions.forEach((q, i) => {
      if (chars(q) > MAX_QUESTION) bad(ui.questions, 'Example question ' + (i + 1) + ': at most ' + MAX_QUESTION + ' characters.');
    });
    if (questions.length) entry.questions = Array.from(new Set(questions));

    const tags = ui.tags.value.split(/[,，]/).map((t) => t.trim()).filter(Boolean);
    if (tags.length) entry.tags = Array.from(new Set(tags));

    const relations = [];
    Array.from(ui.relations.children).forEach((row, i) => {
      const input = row.querySelector('.relation-target');
      const target = input.value.trim();
      if (!target) bad(input, 'Relation ' + (i + 1) + ': enter the target entry id, or remove the relation.');
      else relations.push({ type: row.querySelector('.relation-type').value, target: target });
    });
    if (relations.length) entry.relations = relations;

    const attributes = {};
    let attributeCount = 0;
    ui.attributes.value.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? '' : line.slice(0, eq).trim();
      if (eq < 0 || !key) {
        bad(ui.attributes, 'Attributes line ' + (i + 1) + ': write key=value.');
      } else if (Object.prototype.hasOwnProperty.call(attributes, key)) {
        bad(ui.attributes, 'Attributes line ' + (i + 1) + ': the key ' + key + ' repeats.');
      } else {
        attributes[key] = line.slice(eq + 1).trim();
        attributeCount++;
      }
    });
    if (attributeCount) entry.attributes = attributes;

    const i18n = Object.assign({}, editor ? editor.others : {});
    const titleZh = ui.titleZh.value.trim(), bodyZh = ui.bodyZh.value.trim();
    if (titleZh || bodyZh) {
      if (!titleZh) bad(ui.titleZh, 'Chinese title: required when there is a Chinese answer.');
      else if (chars(titleZh) > MAX_TITLE) bad(ui.titleZh, 'Chinese title: at most ' + MAX_TITLE + ' characters.');
      if (!bodyZh) bad(ui.bodyZh, 'Chinese answer: required when there is a Chinese title.');
      else if (chars(bodyZh) > MAX_BODY) bad(ui.bodyZh, 'Chinese answer: at most ' + MAX_BODY + ' characters.');
      i18n.zh = { title: titleZh, body: bodyZh };
    }
    if (Object.keys(i18n).length) entry.i18n = i18n;
    return { entry: entry, problems: problems };
  }

  function clearErrors() {
    clearBox(ui.errors);
    ui.errors.hidden = true;
    for (const el of ui.form.querySelectorAll('[aria-invalid="true"]')) el.setAttribute('aria-invalid', 'false');
  }

  function showErrors(err, ...extra) {
    showError(ui.errors, err, ...extra);
    ui.errors.focus({ preventScroll: false });
  }

  async function save() {
    if (!editor) return;
    clearErrors();
    clearBox(ui.editorStatus);
    const { entry, problems } = collect();
    if (problems.length) {
      for (const p of problems) p.field.setAttribute('aria-invalid', 'true');
      showErrors(new ApiError(0, 'INVALID_FORM', 'Please fix ' + plural(problems.length, 'problem') + ' before saving:',
        problems.map((p) => p.message)));
      return;
    }
    const ed = editor;
    let method = 'POST', path = API + '/entries';
    if (ed.mode === 'edit') {
      method = 'PUT';
      path = API + '/entries/' + enc(ed.id) + '?baseRevision=' + enc(ed.revision);
    } else if (ed.mode === 'group') {
      path = API + '/unanswered/' + enc(ed.groupId) + '/entry';
    }
    await busy(ui.save, async () => {
      let result;
      try {
        result = await api(method, path, entry);
      } catch (e) {
        if (editor !== ed) return;
        if (e.code === 'REVISION_CONFLICT') {
          showErrors(e, h('p', {}, 'Someone else saved this entry meanwhile. Reload it to see their version ' +
            '(copy your text first if you want to keep it), then apply your change again. ',
          h('button', { type: 'button', id: 'reload-entry', class: 'quiet', onclick: () => reload(ed.id) }, 'Reload the entry')));
        } else if (e.code === 'ENTRY_EXISTS') {
          showErrors(e, h('p', {}, h('button', {
            type: 'button', id: 'open-existing', class: 'quiet', onclick: () => openEntry(entry.id)
          }, 'Open ' + entry.id)));
        } else {
          showErrors(e);
        }
        return;
      }
      const change = ed.mode === 'group' ? result.change : result;
      loadEntries();
      refreshPublications();
      if (ed.mode === 'group') loadInbox();
      if (editor !== ed) return; // the trainer moved on meanwhile
      dirty = false;
      const saved = 'Saved ' + change.revision.entryId + ' as revision ' + change.revision.number +
        (ed.mode === 'group' ? ', closing ' + plural(result.closedQuestions, 'unanswered question') : '') +
        '. Publish to let shoppers see it.';
      if (change.entry) loadView(change.entry, true);
      showOk(ui.editorStatus, saved);
    });
    lockEditor();
  }

  async function reload(id) {
    dirty = false;
    if (await openEntry(id, { force: true })) showOk(ui.editorStatus, 'Reloaded the latest revision of ' + id + '.');
  }

  async function deleteEntry() {
    if (!editor || editor.mode !== 'edit') return;
    const ed = editor;
    const shown = ed.status === 'new' ? ' It was never published.' : ' Shoppers keep seeing it until the next publish.';
    if (!window.confirm('Delete ' + ed.id + '?' + shown)) return;
    clearErrors();
    await busy(ui.deleteEntry, async () => {
      let result;
      try {
        result = await api('DELETE', API + '/entries/' + enc(ed.id) + '?baseRevision=' + enc(ed.revision));
      } catch (e) {
        if (editor !== ed) return;
        if (e.code === 'REVISION_CONFLICT') {
          showErrors(e, h('p', {}, h('button', {
            type: 'button', id: 'reload-entry', class: 'quiet', onclick: () => reload(ed.id)
          }, 'Reload the entry')));
        } else {
          showErrors(e);
        }
        return;
      }
      const text = 'Deleted ' + ed.id + ' (revision ' + result.revision.number + ').';
      dirty = false;
      if (result.entry) {
        loadView(result.entry, true);
        showOk(ui.editorStatus, text + ' Publish to remove it for shoppers.');
      } else {
        closeEditor(true);
        showOk(ui.listStatus, text);
      }
      loadEntries();
      refreshPublications();
    });
    lockEditor();
  }

  // ---- history, diff, restore -----------------------------------------------------------------
  async function loadHistory(id) {
    clearBox(ui.diff);
    clearBox(ui.historyStatus);
    ui.compare.disabled = true;
    let data;
    try {
      data = await api('GET', API + '/entries/' + enc(id) + '/revisions');
    } catch (e) {
      if (editor && editor.id === id) showError(ui.historyStatus, e);
      return;
    }
    if (!editor || editor.id !== id) return;
    const current = editor.revision;
    const rows = data.revisions.slice().reverse().map((r) => {
      const pick = h('input', {
        type: 'checkbox', class: 'pick-revision', value: r.number, 'aria-label': 'Compare revision ' + r.number,
        onchange: onPick
      });
      const action = [h('span', { class: 'action', text: r.action })];
      if (r.restoredFrom != null) action.push(' from #' + r.restoredFrom);
      if (r.deleted && r.action !== 'delete') action.push(' (deleted)');
      if (r.number === current) action.push(' ', h('span', { class: 'tag', text: 'latest' }));
      return h('tr', { 'data-number': r.number },
        h('td', {}, pick),
        h('td', { class: 'num', text: r.number }),
        h('td', {}, ...action),
        h('td', { text: r.author }),
        h('td', {}, timeEl(r.at)),
        h('td', {}, h('button', {
          type: 'button', class: 'quiet restore', 'data-number': r.number, disabled: r.number === current,
          'aria-label': 'Restore revision ' + r.number, onclick: () => restore(id, r)
        }, 'Restore')));
    });
    ui.revisionsBody.replaceChildren(...rows);
    picks.length = 0;
  }

  const picks = [];
  function onPick(e) {
    const box = e.currentTarget;
    const i = picks.indexOf(box);
    if (box.checked && i < 0) picks.push(box);
    if (!box.checked && i >= 0) picks.splice(i, 1);
    while (picks.length > 2) picks.shift().checked = false; // keep the two most recent picks
    ui.compare.disabled = picks.length !== 2;
  }

  async function compare() {
    if (picks.length !== 2) return;
    const [a, b] = picks.map((p) => Number(p.value)).sort((x, y) => x - y);
    await busy(ui.compare, async () => {
      let data;
      try {
        data = await api('GET', API + '/diff?from=' + a + '&to=' + b);
      } catch (e) {
        showError(ui.diff, e);
        return;
      }
      renderDiff(data);
    });
  }

  function diffValue(v) {
    if (v == null) return h('span', { class: 'absent', text: '(absent)' });
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
    return JSON.stringify(v, null, 2);
  }

  function renderDiff(data) {
    clearBox(ui.diff);
    ui.diff.append(h('h4', { text: 'Revision ' + data.from + ' → revision ' + data.to }));
    if (!data.changes.length) {
      ui.diff.append(h('p', { class: 'hint', text: 'No differences.' }));
      return;
    }
    ui.diff.append(h('table', { class: 'diff-table' },
      h('caption', { class: 'sr', text: 'Fields changed between revision ' + data.from + ' and ' + data.to }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: 'Field' }),
        h('th', { scope: 'col', text: 'Before (#' + data.from + ')' }),
        h('th', { scope: 'col', text: 'After (#' + data.to + ')' }))),
      h('tbody', {}, ...data.changes.map((c) => h('tr', { 'data-field': c.field },
        h('th', { scope: 'row', text: c.field }),
        h('td', { class: 'before' }, h('div', { class: 'value' }, diffValue(c.before))),
        h('td', { class: 'after' }, h('div', { class: 'value' }, diffValue(c.after))))))));
  }

  async function restore(id, r) {
    const what = r.deleted
      ? 'Revision ' + r.number + ' deleted ' + id + ': restoring it deletes the entry again. Continue?'
      : 'Make revision ' + r.number + ' of ' + id + ' the latest again (as a new draft)?';
    if (!confirmDiscard() || !window.confirm(what)) return;
    clearBox(ui.historyStatus);
    let result;
    try {
      result = await api('POST', API + '/entries/' + enc(id) + '/revisions/' + enc(r.number) + '/restore');
    } catch (e) {
      showError(ui.historyStatus, e);
      return;
    }
    dirty = false;
    const text = 'Restored revision ' + r.number + ' as revision ' + result.revision.number + '. Publish to let shoppers see it.';
    if (result.entry) {
      loadView(result.entry, true);
      showOk(ui.editorStatus, text);
    } else {
      closeEditor(true);
      showOk(ui.listStatus, text);
    }
    loadEntries();
    refreshPublications();
  }

  // ---- publishing -------------------------------------------------------------------------------
  async function refreshPublications() {
    let data;
    try {
      data = await api('GET', API + '/publications');
    } catch (e) {
      if (e.status !== 401) ui.unpublished.textContent = 'Publication state unknown';
      return;
    }
    const n = Number(data.unpublishedRevisions) || 0;
    const last = data.publications[data.publications.length - 1];
    ui.unpublished.textContent = n === 0 ? 'Everything is published' : plural(n, 'unpublished change');
    ui.unpublished.dataset.count = String(n);
    ui.unpublished.title = last ? 'Live: release ' + last.number + ' by ' + last.author + ', ' + when(last.at) : '';
    ui.publishBar.classList.toggle('has-changes', n > 0);
  }

  async function publish() {
    clearBox(ui.publishStatus);
    await busy(ui.publish, async () => {
      let p;
      try {
        p = await api('POST', API + '/publish');
      } catch (e) {
        showError(ui.publishStatus, e);
        return;
      }
      showOk(ui.publishStatus, p.changed === false
        ? 'Nothing new to publish: release ' + p.number + ' (' + plural(p.entries, 'entry', 'entries') + ') is live.'
        : 'Published release ' + p.number + ' (' + plural(p.entries, 'entry', 'entries') + ') in ' + p.tookMs + ' ms' +
          (dirty ? '; your unsaved edits in the editor are not part of it.' : '.'));
      refreshPublications();
      loadEntries();
      if (editor && editor.mode === 'edit') refreshEditorState(editor.id);
    });
  }

  /** After a publish: the open entry's status and history change, its content does not. */
  async function refreshEditorState(id) {
    let view;
    try { view = await api('GET', API + '/entries/' + enc(id)); } catch (e) { return; }
    if (!editor || editor.id !== id) return;
    editor.status = view.status;
    setEditorState(view);
    if (view.revision === editor.revision) return;
    showNote('This entry changed since you opened it (now revision ' + view.revision + ').');
  }

  // ---- unanswered inbox --------------------------------------------------------------------------
  let uniq = 0;

  async function loadInbox(countOnly) {
    let data;
    try {
      data = await api('GET', API + '/unanswered');
    } catch (e) {
      if (!countOnly) showError(ui.inboxStatus, e);
      return;
    }
    ui.inboxCount.textContent = data.groups.length ? String(data.groups.length) : '';
    ui.inboxCount.title = plural(data.open, 'open question') + ' in ' + plural(data.groups.length, 'group');
    if (countOnly) {
      if (renderedGroups >= 0 && data.groups.length !== renderedGroups && !ui.panelInbox.hidden) {
        ui.inboxStatus.classList.remove('error', 'ok');
        ui.inboxStatus.replaceChildren('New questions arrived. ',
          h('button', { type: 'button', class: 'link', onclick: () => loadInbox() }, 'Show them'));
      }
      return;
    }
    renderGroups(data);
  }

  function renderGroups(data) {
    renderedGroups = data.groups.length;
    const groups = data.groups.map(renderGroup);
    ui.inbox.replaceChildren(...groups);
    if (!groups.length) ui.inbox.append(h('p', { class: 'hint empty', text: 'Nothing waiting: every question found an answer.' }));
  }

  function renderGroup(g) {
    const n = ++uniq;
    const status = h('p', { class: 'group-status status', role: 'status', 'aria-live': 'polite' });
    const target = h('input', {
      id: 'group-target-' + n, class: 'target-entry', spellcheck: 'false', autocomplete: 'off',
      placeholder: 'entry id', maxlength: '128', required: true
    });
    const addButton = h('button', { type: 'submit', class: 'quiet add-questions' }, 'Add');
    const dismissButton = h('button', { type: 'button', class: 'quiet dismiss' }, 'Dismiss');
    const reasons = Object.keys(g.reasons || {}).map((r) =>
      h('li', { class: 'chip', 'data-reason': r, text: (REASONS[r] || r) + ' × ' + g.reasons[r] }));
    const tried = (g.triedEntries || []).map((id) => h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => { selectTab('entries', false); openEntry(id); } }, id)));
    const article = h('article', { class: 'group', 'data-id': g.id, 'aria-labelledby': 'group-title-' + n },
      h('header', { class: 'group-head' },
        h('h3', { id: 'group-title-' + n, text: 'Asked ' + plural(g.count, 'time') }),
        h('span', { class: 'hint' }, 'last ', timeEl(g.lastAt), g.firstAt !== g.lastAt ? h('span', {}, ', first ', timeEl(g.firstAt)) : null)),
      h('ul', { class: 'examples', 'aria-label': 'Wordings' }, ...(g.examples || []).map((x) => h('li', { text: x }))),
      reasons.length ? h('ul', { class: 'chips', 'aria-label': 'Why they are here' }, ...reasons) : null,
      tried.length ? h('div', { class: 'tried' }, h('span', { text: 'Answered from, unhelpfully: ' }),
        h('ul', { class: 'inline' }, ...tried)) : null,
      h('div', { class: 'group-actions' },
        h('button', { type: 'button', class: 'primary create-entry', onclick: () => entryForGroup(g) }, 'Create entry'),
        h('form', {
          class: 'add-form', novalidate: true,
          onsubmit: (e) => { e.preventDefault(); addQuestions(g, target, addButton, status); }
        }, h('label', { for: 'group-target-' + n, text: 'Add as questions to…' }), target, addButton),
        dismissButton),
      status);
    dismissButton.addEventListener('click', () => dismiss(g, dismissButton, status));
    return article;
  }

  async function addQuestions(g, input, button, status) {
    const entryId = input.value.trim();
    if (!entryId) {
      input.setAttribute('aria-invalid', 'true');
      showError(status, new ApiError(0, 'INVALID_FORM', 'Enter the id of the entry that answers these questions.', []));
      input.focus();
      return;
    }
    input.setAttribute('aria-invalid', 'false');
    await busy(button, async () => {
      let result;
      try {
        result = await api('POST', API + '/unanswered/' + enc(g.id) + '/questions', { entryId: entryId });
      } catch (e) {
        showError(status, e);
        return;
      }
      showOk(ui.inboxStatus, 'Added the wordings to ' + entryId + ' (revision ' + result.change.revision.number +
        ', a draft until published) and closed ' + plural(result.closedQuestions, 'question') + '.');
      loadInbox();
      loadEntries();
      refreshPublications();
      if (editor && editor.mode === 'edit' && editor.id === entryId && !dirty) openEntry(entryId, { force: true, keepStatus: true });
    });
  }

  async function dismiss(g, button, status) {
    await busy(button, async () => {
      let result;
      try {
        result = await api('POST', API + '/unanswered/' + enc(g.id) + '/dismiss');
      } catch (e) {
        showError(status, e);
        return;
      }
      const first = (g.examples && g.examples[0]) || g.id;
      showOk(ui.inboxStatus, 'Dismissed “' + first + '” (' + plural(result.closedQuestions, 'question') + ').');
      loadInbox();
    });
  }

  // ---- import / export ----------------------------------------------------------------------------
  async function importFile() {
    clearBox(ui.importResult);
    const file = ui.importFile.files && ui.importFile.files[0];
    if (!file) {
      showError(ui.importResult, new ApiError(0, 'INVALID_FORM', 'Choose a JSON Lines file first.', []));
      ui.importFile.focus();
      return;
    }
    const publishToo = ui.importPublish.checked;
    if (!window.confirm('Import ' + file.name + '? The working copy becomes exactly this file: entries missing ' +
      'from it are deleted.' + (publishToo ? ' Shoppers see the result right away.' : ' Nothing is published yet.'))) return;
    await busy(ui.import, async () => {
      let text;
      try { text = await file.text(); } catch (e) {
        showError(ui.importResult, new ApiError(0, 'READ_FAILED', 'Cannot read ' + file.name + '.', []));
        return;
      }
      let r;
      try {
        r = await api('POST', API + '/import' + (publishToo ? '?publish=true' : ''), text);
      } catch (e) {
        showError(ui.importResult, e);
        return;
      }
      let summary = 'Imported ' + file.name + ': ' + r.created + ' created, ' + r.updated + ' updated, ' +
        r.deleted + ' deleted, ' + r.unchanged + ' unchanged.';
      if (r.published) {
        summary += r.published.changed === false ? ' Nothing new to publish.'
          : ' Published release ' + r.published.number + ' (' + plural(r.published.entries, 'entry', 'entries') +
            ') in ' + r.published.tookMs + ' ms.';
      } else if (r.created + r.updated + r.deleted > 0) {
        summary += ' Publish to let shoppers see the changes.';
      }
      showOk(ui.importResult, summary);
      list.offset = 0;
      loadEntries();
      refreshPublications();
      if (editor && editor.mode === 'edit' && !dirty) openEntry(editor.id, { force: true, keepStatus: true });
    });
  }

  async function exportFile() {
    clearBox(ui.exportStatus);
    const published = ui.exportPublished.checked;
    await busy(ui.export, async () => {
      let blob;
      try {
        blob = await api('GET', API + '/export' + (published ? '?published=true' : ''), undefined, { blob: true });
      } catch (e) {
        showError(ui.exportStatus, e);
        return;
      }
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      const name = 'kefu-knowledge-' + (published ? 'published-' : '') + stamp + '.jsonl';
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      showOk(ui.exportStatus, 'Downloaded ' + name + ' (' + Math.max(1, Math.round(blob.size / 1024)) + ' KB).');
    });
  }

  // ---- scripts: the library's YAML and the preview ------------------------------------------------
  /** The library in the editor: the text last loaded or saved (null before the first load). */
  const scripts = { saved: null, loading: false, products: false };

  function scriptsDirty() {
    return scripts.saved !== null && ui.scriptsYaml.value !== scripts.saved;
  }

  function confirmDiscardScripts() {
    return !scriptsDirty() || window.confirm('Discard your unsaved changes to the script library?');
  }

  /** Shows whether the editor holds unsaved changes (next to the heading and on the tab). */
  function markScripts() {
    const changed = scriptsDirty();
    ui.scriptsUnsaved.hidden = !changed;
    ui.scriptsState.textContent = scripts.saved === null ? '' : changed ? 'Unsaved changes' : 'Saved, live';
    ui.scriptsState.classList.toggle('changed', changed);
  }

  function openScripts() {
    if (scripts.saved === null) loadScripts();
    if (!scripts.products) loadProducts();
  }

  /** Loads the live library into the editor; the trainer confirms first when that discards edits. */
  async function loadScripts(confirmFirst) {
    if (scripts.loading || (confirmFirst && !confirmDiscardScripts())) return;
    scripts.loading = true;
    ui.scriptsYaml.setAttribute('aria-busy', 'true');
    clearBox(ui.scriptsStatus);
    let yaml;
    try {
      yaml = await api('GET', SCRIPTS, undefined, { text: true, accept: 'application/yaml, application/json' });
    } catch (e) {
      showError(ui.scriptsStatus, e);
      return;
    } finally {
      scripts.loading = false;
      ui.scriptsYaml.removeAttribute('aria-busy');
    }
    if (!token) return; // signed out meanwhile
    clearScriptErrors();
    ui.scriptsYaml.value = yaml;
    scripts.saved = yaml;
    markScripts();
    if (confirmFirst) showOk(ui.scriptsStatus, 'Reloaded the live library.');
  }

  /** Offers the store's products as suggestions for the preview's product id. */
  async function loadProducts() {
    scripts.products = true;
    let page;
    try { page = await api('GET', API + '/entries?type=product&limit=500'); } catch (e) { scripts.products = false; return; }
    ui.previewProducts.replaceChildren(...page.entries.map((e) => h('option', { value: e.id, label: e.title })));
  }

  function clearScriptErrors() {
    clearBox(ui.scriptsErrors);
    ui.scriptsErrors.hidden = true;
    ui.scriptsYaml.setAttribute('aria-invalid', 'false');
  }

  function showScriptErrors(err) {
    showError(ui.scriptsErrors, err);
    ui.scriptsYaml.setAttribute('aria-invalid', 'true');
    ui.scriptsErrors.focus({ preventScroll: false });
  }

  async function saveScripts() {
    if (scripts.saved === null) return; // nothing loaded: never replace the library with an empty editor
    clearScriptErrors();
    clearBox(ui.scriptsStatus);
    const yaml = ui.scriptsYaml.value;
    const bytes = new TextEncoder().encode(yaml).length;
    if (bytes > MAX_SCRIPT_BYTES) {
      showScriptErrors(new ApiError(0, 'PAYLOAD_TOO_LARGE', 'The library is ' + Math.ceil(bytes / 1024) +
        ' KiB; at most 64 KiB can be saved. Nothing was changed.', []));
      return;
    }
    await busy(ui.scriptsSave, async () => {
      let r;
      try {
        r = await api('PUT', SCRIPTS, yaml, { contentType: 'application/yaml' });
      } catch (e) {
        showScriptErrors(e);
        return;
      }
      scripts.saved = yaml;
      markScripts();
      const experiments = r.experiments || [];
      showOk(ui.scriptsStatus, 'Saved: ' + plural(r.scripts, 'script') +
        (experiments.length ? ' (experiments: ' + experiments.join(', ') + ')' : '') +
        '. Shoppers get this library from their next message.');
    });
  }

  function previewRequest() {
    const tags = ui.previewTags.value.split(/[,，]/).map((t) => t.trim()).filter(Boolean);
    const body = {
      tags: Array.from(new Set(tags)),
      intent: ui.previewIntent.value.trim() || 'product_question',
      language: ui.previewLanguage.value
    };
    const product = ui.previewProduct.value.trim();
    if (product) body.productId = product;
    if (scripts.saved !== null) body.yaml = ui.scriptsYaml.value; // the draft, saved or not
    return body;
  }

  async function preview() {
    const body = previewRequest();
    clearBox(ui.previewStatus);
    await busy(ui.preview, async () => {
      ui.previewResult.setAttribute('aria-busy', 'true');
      let r;
      try {
        r = await api('POST', SCRIPTS + '/preview', body);
      } catch (e) {
        ui.previewResult.replaceChildren();
        showError(ui.previewStatus, e);
        return;
      } finally {
        ui.previewResult.removeAttribute('aria-busy');
      }
      renderPreview(r, body);
    });
  }

  function renderPreview(r, asked) {
    const lang = asked.language === 'zh' ? 'zh-CN' : 'en';
    const shown = r.scripts || [];
    const who = (asked.tags.length ? 'tags ' + asked.tags.join(', ') : 'no tags') + ', intent ' + asked.intent +
      (asked.productId ? ', product ' + asked.productId : ', no product') + ', ' + (asked.language === 'zh' ? 'Chinese' : 'English') +
      (asked.yaml === undefined ? '' : asked.yaml === scripts.saved ? ' (the saved library)' : ' (your unsaved draft)');
    const head = h('p', { class: 'preview-summary hint' },
      shown.length ? plural(shown.length, 'script') + ' for ' + who + ':' : 'For ' + who + '.');
    if (!shown.length) {
      ui.previewResult.replaceChildren(head, h('p', { class: 'empty', text: 'No script would be shown for these tags.' }));
      return;
    }
    const items = shown.map((s) => {
      const position = String(s.position || '').toLowerCase();
      return h('li', { class: 'preview-script', 'data-script-id': s.scriptId },
        h('h3', { class: 'script-id', text: s.scriptId }),
        h('p', { class: 'meta' }, 'Shown ' + (POSITIONS[position] || position), ' · ',
          s.experimentId ? h('span', {}, 'experiment ', h('code', { class: 'experiment-id', text: s.experimentId })) : 'no experiment'),
        h('ul', { class: 'variants', 'aria-label': 'Lines of ' + s.scriptId },
          ...(s.lines || []).map((l) => h('li', { class: 'variant', 'data-variant': l.variant, 'data-filled': l.text != null ? 'true' : 'false' },
            h('span', { class: 'variant-id', text: l.variant }),
            l.text != null
              ? h('span', { class: 'line', lang: lang, text: l.text })
              : h('span', { class: 'line absent', text: 'Cannot be filled for this product: not shown.' })))));
    });
    ui.previewResult.replaceChildren(head, h('ol', { class: 'preview-scripts' }, ...items));
  }

  // ---- experiments ---------------------------------------------------------------------------------
  const exps = { list: [], selected: null, seq: 0, results: null };

  function experimentBadge(status) {
    return h('span', { class: 'badge experiment-status experiment-' + status, title: EXPERIMENT_HELP[status] || null, text: status });
  }

  async function loadExperiments() {
    let data;
    ui.experiments.setAttribute('aria-busy', 'true');
    try {
      data = await api('GET', EXPERIMENTS);
    } catch (e) {
      showError(ui.experimentsStatus, e);
      return;
    } finally {
      ui.experiments.removeAttribute('aria-busy');
    }
    if (ui.experimentsStatus.classList.contains('error')) clearBox(ui.experimentsStatus);
    exps.list = data.experiments || [];
    renderExperiments();
    if (exps.selected && !findExperiment(exps.selected)) closeExperiment();
    if (exps.selected) {
      renderExperimentHead();
      loadResults();
    } else if (exps.list.length) {
      selectExperiment(exps.list[0].id, false);
    }
  }

  function findExperiment(id) {
    return exps.list.find((x) => x.id === id) || null;
  }

  function armShares(x) {
    const total = (x.variants || []).reduce((sum, v) => sum + Number(v.weight || 0), 0) + Number(x.holdoutWeight || 0);
    const share = (w) => total > 0 ? Math.round(Number(w) / total * 100) + '%' : '—';
    const arms = (x.variants || []).map((v) => v.id + ' ' + share(v.weight));
    if (Number(x.holdoutWeight) > 0) arms.push('holdout ' + share(x.holdoutWeight));
    return arms.join(' · ');
  }

  function renderExperiments() {
    const rows = exps.list.map((x) => h('tr', {
      'data-id': x.id, 'data-status': x.status, class: x.id === exps.selected ? 'selected' : null,
      onclick: (ev) => { if (!ev.target.closest('button')) selectExperiment(x.id, true); }
    },
    h('td', { class: 'id' }, h('button', {
      type: 'button', class: 'link open-experiment', 'aria-current': x.id === exps.selected ? 'true' : null,
      onclick: () => selectExperiment(x.id, true)
    }, x.id)),
    h('td', { class: 'script', text: x.scriptId }),
    h('td', { class: 'status' }, experimentBadge(x.status)),
    h('td', { class: 'arms', text: armShares(x) })));
    ui.experimentsBody.replaceChildren(...rows);
    if (!rows.length) {
      ui.experimentsBody.append(h('tr', { class: 'empty' }, h('td', {
        colspan: '4', text: 'No experiments: give a script an experiment id and variants with weights in the Scripts tab.'
      })));
    }
  }

  function selectExperiment(id, focus) {
    if (exps.selected !== id) {
      exps.results = null;
      ui.resultsBody.replaceChildren();
      ui.resultsMeta.textContent = '';
      removeChart();
      clearBox(ui.experimentStatus);
    }
    exps.selected = id;
    hideEndConfirm(false);
    renderExperiments();
    renderExperimentHead();
    ui.experimentPanel.hidden = false;
    loadResults();
    if (focus) ui.experimentTitle.focus({ preventScroll: false });
  }

  function closeExperiment() {
    exps.selected = null;
    exps.results = null;
    ui.experimentPanel.hidden = true;
    ui.resultsBody.replaceChildren();
    removeChart();
  }

  /** The selected experiment's heading, status and the actions that make sense for its status. */
  function renderExperimentHead() {
    const x = findExperiment(exps.selected);
    if (!x) return;
    ui.experimentTitle.textContent = 'Experiment ' + x.id;
    ui.experimentState.replaceChildren(experimentBadge(x.status), ' script ', h('code', { text: x.scriptId }));
    ui.experimentState.dataset.status = x.status;
    ui.experimentPause.hidden = x.status !== 'running';
    ui.experimentResume.hidden = x.status !== 'paused';
    ui.experimentEnd.hidden = x.status === 'ended';
    if (x.status === 'ended') hideEndConfirm(false);
  }

  async function loadResults() {
    const id = exps.selected;
    if (!id) return;
    const seq = ++exps.seq;
    ui.results.setAttribute('aria-busy', 'true');
    let r;
    try {
      r = await api('GET', EXPERIMENTS + '/' + enc(id) + '/results');
    } catch (e) {
      if (seq === exps.seq) { showError(ui.experimentStatus, e); ui.results.removeAttribute('aria-busy'); }
      return;
    }
    if (seq !== exps.seq) return; // another experiment, or a newer refresh
    ui.results.removeAttribute('aria-busy');
    const x = findExperiment(id);
    if (x && r.status && r.status !== x.status) { // changed elsewhere meanwhile
      x.status = r.status;
      renderExperiments();
      renderExperimentHead();
    }
    exps.results = r;
    renderResults(r);
  }

  const ACTIONS = {
    pause: 'Paused: shoppers see none of its lines and no exposures are counted until it is resumed.',
    resume: 'Resumed: shoppers see its lines again.',
    end: 'Ended: its lines are not shown any more; the results below stay readable.'
  };

  async function setExperimentStatus(action, button) {
    const id = exps.selected;
    if (!id) return;
    clearBox(ui.experimentStatus);
    await busy(button, async () => {
      let dto;
      try {
        dto = await api('POST', EXPERIMENTS + '/' + enc(id) + '/' + action);
      } catch (e) {
        showError(ui.experimentStatus, e);
        if (e.code === 'EXPERIMENT_ENDED' || e.status === 404) loadExperiments(); // someone else changed it
        return;
      }
      const i = exps.list.findIndex((x) => x.id === id);
      if (i >= 0) exps.list[i] = Object.assign({}, exps.list[i], dto);
      renderExperiments();
      if (exps.selected !== id) return;
      renderExperimentHead();
      showOk(ui.experimentStatus, ACTIONS[action]);
      loadResults();
    });
    // The pressed button may be hidden now: keep the keyboard focus in the panel.
    const active = document.activeElement;
    if (exps.selected === id && (!active || active === document.body || active.offsetParent === null)) {
      const next = [ui.experimentPause, ui.experimentResume].find((b) => !b.hidden);
      (next || ui.experimentTitle).focus();
    }
  }

  function showEndConfirm() {
    const x = findExperiment(exps.selected);
    if (!x) return;
    ui.endConfirmText.textContent = 'End ' + x.id + '? Ending is final: it cannot be resumed, and shoppers are not shown ' +
      'its script any more. Its results stay readable.';
    ui.endConfirm.hidden = false;
    ui.experimentEnd.setAttribute('aria-expanded', 'true');
    ui.endConfirmYes.focus();
  }

  function hideEndConfirm(focusEnd) {
    ui.endConfirm.hidden = true;
    ui.experimentEnd.setAttribute('aria-expanded', 'false');
    if (focusEnd && !ui.experimentEnd.hidden) ui.experimentEnd.focus();
  }

  // ---- formatting of results ----
  function fmtPct(x) {
    return x == null || !isFinite(x) ? '—' : (Number(x) * 100).toFixed(1) + '%';
  }

  function fmtCount(x) {
    return x == null || !isFinite(x) ? '—' : Number(x).toLocaleString();
  }

  function fmtMoney(x) {
    return x == null || !isFinite(x) ? '—' : Number(x).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  /** "12.5% (8.1–18.4%)": the rate and its 95% interval. */
  function fmtInterval(a) {
    if (a.rate == null) return '—';
    return fmtPct(a.rate) + ' (' + (a.low == null ? '—' : (Number(a.low) * 100).toFixed(1)) + '–' + fmtPct(a.high) + ')';
  }

  function fmtLift(x) {
    if (x == null || !isFinite(x)) return '—';
    const p = Number(x) * 100;
    return (p > 0 ? '+' : p < 0 ? '\u2212' : '') + Math.abs(p).toFixed(1) + '%';
  }

  function fmtP(p) {
    return p < 0.001 ? 'p < 0.001' : 'p = ' + Number(p).toFixed(3);
  }

  function liftCell(a, baseline) {
    const td = h('td', { class: 'num lift' });
    if (a.arm === baseline) {
      td.append(h('span', { class: 'hint', text: 'baseline' }));
    } else if (a.lift == null && a.pValue == null) {
      td.append(h('span', { class: 'hint', title: 'Not enough data: no exposures here or no conversions in the baseline.', text: '—' }));
    } else {
      td.append(h('span', { class: 'lift-value', text: fmtLift(a.lift) }));
      if (a.pValue != null) td.append(' ', h('span', { class: 'p-value', text: fmtP(a.pValue) }));
      if (a.significant) {
        td.append(' ', h('span', {
          class: 'badge significant', text: 'significant',
          title: 'p < 0.05 against the baseline. One test per arm, not corrected for comparing several variants.'
        }));
      }
    }
    return td;
  }

  function serviceCells(service) {
    const s = service || {};
    const rate = (r, n, of) => r == null ? '—' : fmtPct(r) + (n == null ? '' : ' (' + fmtCount(n) + (of == null ? '' : ' of ' + fmtCount(of)) + ')');
    const rating = s.ratings == null ? '—'
      : (s.meanRating == null ? '—' : Number(s.meanRating).toFixed(1)) + ' (' + plural(Number(s.ratings), 'rating') + ')';
    return [
      h('td', { class: 'num handoff-rate', text: rate(s.handoffRate, s.handoffs, s.conversations) }),
      h('td', { class: 'num satisfaction', text: rating }),
      h('td', { class: 'num thumbs-down', text: rate(s.thumbsDownRate, s.thumbsDown) })
    ];
  }

  function armLabel(arm) {
    return arm === 'holdout' ? 'holdout (no line)' : arm;
  }

  function renderResults(r) {
    const arms = r.arms || [];
    const total = arms.reduce((n, a) => n + Number(a.exposures || 0), 0);
    const against = r.baseline === 'holdout' ? 'the holdout (shoppers shown no line)' : 'variant ' + r.baseline;
    ui.resultsMeta.textContent = 'Conversions (added to cart, order placed, line clicked) within ' + r.attributionHours +
      ' hours of a shopper\u2019s first exposure; lift and p-value against ' + against + '.' +
      (total === 0 ? ' No shopper has been exposed yet.' : '');
    ui.resultsBody.replaceChildren(...arms.map((a) => h('tr', { 'data-arm': a.arm, class: a.arm === r.baseline ? 'baseline' : null },
      h('th', { scope: 'row', class: 'arm' }, armLabel(a.arm),
        a.arm === r.baseline ? ' ' : null, a.arm === r.baseline ? h('span', { class: 'tag', text: 'baseline' }) : null),
      h('td', { class: 'num exposures', text: fmtCount(a.exposures) }),
      h('td', { class: 'num clicks', text: fmtCount(a.clicks) }),
      h('td', { class: 'num conversions', text: fmtCount(a.conversions) }),
      h('td', { class: 'num rate', text: fmtInterval(a) }),
      liftCell(a, r.baseline),
      h('td', { class: 'num orders', text: fmtCount(a.orders) }),
      h('td', { class: 'num revenue', text: fmtMoney(a.revenue) }),
      ...serviceCells(a.service))));
    if (!arms.length) ui.resultsBody.append(h('tr', { class: 'empty' }, h('td', { colspan: '11', text: 'No arms.' })));
    renderChart(arms, r.baseline);
  }

  // ---- the chart: conversion rate per arm with its 95% interval, as inline SVG ----
  const SVG_NS = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, ...children) {
    const n = document.createElementNS(SVG_NS, tag);
    for (const k in attrs || {}) if (attrs[k] != null) n.setAttribute(k, String(attrs[k]));
    for (const c of children) if (c != null) n.append(c);
    return n;
  }

  /** A round axis end above max (a share, at most 1) and its tick step. */
  function axisFor(max) {
    const steps = [0.001, 0.002, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25];
    const top = Math.min(1, Math.max(max, 0.01));
    const step = steps.find((s) => top / s <= 5) || 0.25;
    return { max: Math.min(1, Math.ceil(top / step - 1e-9) * step), step: step };
  }

  function removeChart() {
    const old = ui.resultsChart.querySelector('svg');
    if (old) old.remove();
  }

  function renderChart(arms, baseline) {
    removeChart();
    if (!arms.length) return;
    const W = 640, LEFT = 150, RIGHT = 70, TOP = 12, ROW = 34, BOTTOM = 34;
    const height = TOP + arms.length * ROW + BOTTOM;
    const axis = axisFor(Math.max(...arms.map((a) => Number(a.high) || 0)));
    const x = (v) => LEFT + (Math.max(0, Math.min(Number(v) || 0, axis.max)) / axis.max) * (W - LEFT - RIGHT);
    const describe = (a) => armLabel(a.arm) + ': ' + fmtPct(a.rate) + ' conversion, 95% interval ' +
      fmtPct(a.low) + ' to ' + fmtPct(a.high) + ', ' + plural(Number(a.exposures || 0), 'exposure');
    const label = 'Conversion rate per arm with 95% intervals. ' + arms.map(describe).join('; ') + '.';
    const chart = svg('svg', {
      viewBox: '0 0 ' + W + ' ' + height, width: '100%', class: 'results-chart', role: 'img',
      'aria-labelledby': 'chart-title chart-desc', preserveAspectRatio: 'xMinYMin meet'
    },
    svg('title', { id: 'chart-title' }, 'Conversion rate per arm'),
    svg('desc', { id: 'chart-desc' }, label));
    const axisY = TOP + arms.length * ROW + 4;
    const grid = svg('g', { class: 'axis', 'aria-hidden': 'true' });
    for (let v = 0; v <= axis.max + 1e-9; v += axis.step) {
      const gx = x(v);
      grid.append(
        svg('line', { class: 'grid', x1: gx, x2: gx, y1: TOP - 4, y2: axisY }),
        svg('text', { class: 'tick', x: gx, y: axisY + 16, 'text-anchor': 'middle' }, (v * 100).toFixed(axis.step < 0.01 ? 1 : 0) + '%'));
    }
    grid.append(svg('line', { class: 'baseline-axis', x1: LEFT, x2: W - RIGHT, y1: axisY, y2: axisY }));
    chart.append(grid);
    arms.forEach((a, i) => {
      const y = TOP + i * ROW + ROW / 2;
      const lo = x(a.low), hi = x(a.high), at = x(a.rate);
      const kind = a.arm === baseline ? ' is-baseline' : a.significant ? ' is-significant' : '';
      chart.append(svg('g', { class: 'arm' + kind, 'data-arm': a.arm },
        svg('title', {}, describe(a)),
        svg('text', { class: 'arm-label', x: LEFT - 10, y: y + 4, 'text-anchor': 'end' }, armLabel(a.arm)),
        svg('rect', { class: 'rate-bar', x: LEFT, y: y - 8, width: Math.max(0, at - LEFT), height: 16, rx: 3 }),
        svg('g', { class: 'interval', 'data-low': a.low, 'data-high': a.high },
          svg('line', { x1: lo, x2: hi, y1: y, y2: y }),
          svg('line', { x1: lo, x2: lo, y1: y - 6, y2: y + 6 }),
          svg('line', { x1: hi, x2: hi, y1: y - 6, y2: y + 6 })),
        svg('circle', { class: 'point', cx: at, cy: y, r: 4 }),
        svg('text', { class: 'value', x: hi + 8, y: y + 4 }, fmtPct(a.rate))));
    });
    ui.resultsChart.prepend(chart);
  }

  // ---- suppressions ----------------------------------------------------------------------------------
  let suppressionsSeq = 0;

  async function loadSuppressions() {
    const days = ui.suppressionsDays.value;
    const seq = ++suppressionsSeq;
    ui.suppressions.setAttribute('aria-busy', 'true');
    let r;
    try {
      r = await api('GET', '/api/v1/slots/suppressions?days=' + enc(days));
    } catch (e) {
      if (seq === suppressionsSeq) { showError(ui.suppressionsStatus, e); ui.suppressions.removeAttribute('aria-busy'); }
      return;
    }
    if (seq !== suppressionsSeq) return; // another period was chosen meanwhile
    ui.suppressions.removeAttribute('aria-busy');
    clearBox(ui.suppressionsStatus);
    const period = Number(r.days) === 1 ? 'the last 24 hours' : 'the last ' + r.days + ' days';
    ui.suppressionsCaption.textContent = 'Replies whose marketing lines a guard rail held back, ' + period;
    const reasons = Object.keys(r.reasons || {})
      .map((code) => ({ code: code, count: Number(r.reasons[code]) || 0 }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
    const rows = reasons.map((x) => {
      const known = SUPPRESSIONS[x.code];
      return h('tr', { 'data-reason': x.code },
        h('th', { scope: 'row', class: 'reason' }, h('span', { class: 'reason-label', text: known ? known[0] : x.code }),
          known ? h('small', { text: known[1] }) : null),
        h('td', { class: 'code' }, h('code', { text: x.code })),
        h('td', { class: 'num reason-count', text: x.count.toLocaleString() }));
    });
    ui.suppressionsBody.replaceChildren(...rows);
    if (!rows.length) {
      ui.suppressionsBody.append(h('tr', { class: 'empty' }, h('td', {
        colspan: '3', text: 'No marketing line was held back in this period.'
      })));
    }
  }

  /** Signing out: nothing of the marketing data stays on screen. */
  function clearMarketing() {
    scripts.saved = null;
    scripts.products = false;
    ui.scriptsYaml.value = '';
    clearScriptErrors();
    markScripts();
    ui.previewResult.replaceChildren();
    ui.previewProducts.replaceChildren();
    exps.list = [];
    ui.experimentsBody.replaceChildren();
    closeExperiment();
    ui.suppressionsBody.replaceChildren();
    [ui.scriptsStatus, ui.previewStatus, ui.experimentsStatus, ui.experimentStatus, ui.suppressionsStatus].forEach(clearBox);
  }

  // ---- polling ------------------------------------------------------------------------------------
  function poll() {
    if (!token || document.visibilityState !== 'visible') return;
    refreshPublications();
    loadInbox(true);
  }

  // ---- init ---------------------------------------------------------------------------------------
  function init() {
    Object.assign(ui, {
      signInView: $('sign-in-view'), signInForm: $('sign-in-form'), token: $('token'), signInError: $('sign-in-error'),
      app: $('app'), signOut: $('sign-out'),
      publishBar: $('publish-bar'), unpublished: $('unpublished'), publish: $('publish'), publishStatus: $('publish-status'),
      search: $('search'), searchForm: $('search-form'), typeFilter: $('type-filter'), newEntry: $('new-entry'),
      listStatus: $('list-status'), entries: $('entries'), entriesBody: $('entries').tBodies[0],
      prev: $('prev-page'), next: $('next-page'), pageInfo: $('page-info'), pageSize: $('page-size'),
      editorPanel: $('editor-panel'), editorTitle: $('editor-title'), editorState: $('editor-state'), note: $('editor-note'),
      form: $('editor'), id: $('entry-id'), type: $('entry-type'), title: $('entry-title'), body: $('entry-body'),
      titleZh: $('entry-title-zh'), bodyZh: $('entry-body-zh'), questions: $('entry-questions'), tags: $('entry-tags'),
      relations: $('relations'), attributes: $('entry-attributes'), errors: $('editor-errors'),
      editorStatus: $('editor-status'), save: $('save-entry'), deleteEntry: $('delete-entry'),
      history: $('history'), revisionsBody: $('revisions').tBodies[0], compare: $('compare'),
      historyStatus: $('history-status'), diff: $('diff'),
      panelInbox: $('panel-inbox'), inbox: $('inbox'), inboxStatus: $('inbox-status'), inboxCount: $('inbox-count'),
      importFile: $('import-file'), importPublish: $('import-publish'), import: $('import'), importResult: $('import-result'),
      exportPublished: $('export-published'), export: $('export'), exportStatus: $('export-status'),
      scriptsYaml: $('scripts-yaml'), scriptsState: $('scripts-state'), scriptsUnsaved: $('scripts-unsaved'),
      scriptsErrors: $('scripts-errors'), scriptsStatus: $('scripts-status'), scriptsSave: $('scripts-save'),
      previewTags: $('preview-tags'), previewProduct: $('preview-product'), previewProducts: $('preview-products'),
      previewIntent: $('preview-intent'), previewLanguage: $('preview-language'), preview: $('preview'),
      previewStatus: $('preview-status'), previewResult: $('preview-result'),
      experiments: $('experiments'), experimentsBody: $('experiments').tBodies[0], experimentsStatus: $('experiments-status'),
      experimentPanel: $('experiment-panel'), experimentTitle: $('experiment-title'), experimentState: $('experiment-state'),
      experimentPause: $('experiment-pause'), experimentResume: $('experiment-resume'), experimentEnd: $('experiment-end'),
      endConfirm: $('end-confirm'), endConfirmText: $('end-confirm-text'), endConfirmYes: $('end-confirm-yes'),
      experimentStatus: $('experiment-status'), resultsMeta: $('results-meta'), results: $('results'),
      resultsBody: $('results').tBodies[0], resultsChart: $('results-chart'),
      suppressions: $('suppressions'), suppressionsBody: $('suppressions').tBodies[0], suppressionsDays: $('suppressions-days'),
      suppressionsCaption: $('suppressions-caption'), suppressionsStatus: $('suppressions-status')
    });

    for (const t of TYPES) {
      ui.typeFilter.append(h('option', { value: t, text: t }));
      ui.type.append(h('option', { value: t, text: t }));
    }

    ui.signInForm.addEventListener('submit', (e) => {
      e.preventDefault();
      busy($('sign-in'), () => signIn(ui.token.value));
    });
    ui.signOut.addEventListener('click', () => { if (confirmDiscard() && confirmDiscardScripts()) signOut(''); });
    for (const t of TABS) {
      const tab = $('tab-' + t);
      tab.addEventListener('click', () => selectTab(t, false));
      tab.addEventListener('keydown', onTabKey);
    }

    ui.searchForm.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(searchTimer);
      list.q = ui.search.value.trim();
      list.offset = 0;
      loadEntries();
    });
    ui.search.addEventListener('input', onSearchInput);
    ui.typeFilter.addEventListener('change', () => { list.type = ui.typeFilter.value; list.offset = 0; loadEntries(); });
    ui.pageSize.addEventListener('change', () => { list.limit = Number(ui.pageSize.value) || 25; list.offset = 0; loadEntries(); });
    ui.prev.addEventListener('click', () => { list.offset = Math.max(0, list.offset - list.limit); loadEntries(); });
    ui.next.addEventListener('click', () => { list.offset += list.limit; loadEntries(); });
    ui.newEntry.addEventListener('click', newEntry);

    ui.form.addEventListener('submit', (e) => { e.preventDefault(); save(); });
    ui.form.addEventListener('input', (e) => {
      dirty = true;
      if (e.target.getAttribute('aria-invalid') === 'true') e.target.setAttribute('aria-invalid', 'false');
    });
    ui.form.addEventListener('change', () => { dirty = true; });
    $('add-relation').addEventListener('click', () => {
      const row = addRelation('related', '');
      dirty = true;
      row.querySelector('.relation-target').focus();
    });
    ui.deleteEntry.addEventListener('click', deleteEntry);
    $('close-editor').addEventListener('click', () => closeEditor(false));
    ui.compare.addEventListener('click', compare);

    ui.publish.addEventListener('click', publish);
    $('inbox-refresh').addEventListener('click', () => { clearBox(ui.inboxStatus); loadInbox(); });
    $('import-form').addEventListener('submit', (e) => { e.preventDefault(); importFile(); });
    ui.export.addEventListener('click', exportFile);

    $('scripts-form').addEventListener('submit', (e) => { e.preventDefault(); saveScripts(); });
    ui.scriptsYaml.addEventListener('input', () => {
      markScripts();
      if (ui.scriptsYaml.getAttribute('aria-invalid') === 'true') ui.scriptsYaml.setAttribute('aria-invalid', 'false');
    });
    $('scripts-reload').addEventListener('click', () => loadScripts(true));
    $('preview-form').addEventListener('submit', (e) => { e.preventDefault(); preview(); });
    $('experiments-refresh').addEventListener('click', () => { clearBox(ui.experimentsStatus); loadExperiments(); });
    $('results-refresh').addEventListener('click', () => { clearBox(ui.experimentStatus); loadResults(); });
    ui.experimentPause.addEventListener('click', () => setExperimentStatus('pause', ui.experimentPause));
    ui.experimentResume.addEventListener('click', () => setExperimentStatus('resume', ui.experimentResume));
    ui.experimentEnd.addEventListener('click', () => { if (ui.endConfirm.hidden) showEndConfirm(); else hideEndConfirm(true); });
    ui.endConfirmYes.addEventListener('click', () => { hideEndConfirm(false); setExperimentStatus('end', ui.endConfirmYes); });
    $('end-confirm-no').addEventListener('click', () => hideEndConfirm(true));
    ui.endConfirm.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); hideEndConfirm(true); } });
    ui.suppressionsDays.addEventListener('change', loadSuppressions);
    $('suppressions-refresh').addEventListener('click', loadSuppressions);

    window.addEventListener('beforeunload', (e) => {
      if (dirty || scriptsDirty()) { e.preventDefault(); e.returnValue = ''; }
    });
    document.addEventListener('visibilitychange', poll);

    const saved = session.get();
    if (saved) {
      signIn(saved).then((ok) => { if (!ok) session.clear(); });
    } else {
      showSignIn('');
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
