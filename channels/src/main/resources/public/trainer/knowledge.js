/*!
 * Kefu trainer console, the Knowledge tab: the working copy's entries (search, type filter, pages)
 * and the editor beside them. Every save is a draft (a new revision) until published; the entry's
 * history (history.js) shows under the editor.
 */
import { $, busy, chars, clearBox, fillOptions, h, plural, showError, showOk } from '/shared/dom.js';
import { ApiError, label } from '/shared/api.js';
import { KB, api, badge, emit, enc, meta, on, selectTab } from './console.js';
import { clearHistory, initHistory, loadHistory } from './history.js';

const list = { offset: 0, limit: 25, q: '', type: '', total: 0, seq: 0, selected: null };
/** The open entry: mode new | edit | group; for edit the id, loaded revision, status. */
let editor = null;
let dirty = false;
const ui = {};

const statusBadge = (status) => badge('entryStatuses', status, 'status-');

/** Whether the editor holds changes not saved. */
export const hasUnsavedEntry = () => dirty;

// ---- entry list ------------------------------------------------------------------------------
async function loadEntries() {
  const params = new URLSearchParams({ offset: String(list.offset), limit: String(list.limit) });
  if (list.q) params.set('q', list.q);
  if (list.type) params.set('type', list.type);
  const seq = ++list.seq;
  ui.entries.setAttribute('aria-busy', 'true');
  let page;
  try {
    page = await api.call('GET', KB + '/entries?' + params);
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
    h('td', { class: 'type', text: label(meta().entryTypes, e.type) }),
    h('td', { class: 'title' }, h('span', { class: 'title-en', text: e.title }),
      e.titleZh ? h('span', { class: 'title-zh', lang: 'zh-CN', text: e.titleZh }) : null),
    h('td', { class: 'num questions', text: e.questions }),
    h('td', { class: 'status' }, statusBadge(e.status)));
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
export function confirmDiscard() {
  return !dirty || window.confirm('Discard your unsaved changes to this entry?');
}

function newEntry() {
  if (!confirmDiscard()) return;
  startEditor({ mode: 'new' }, { type: 'faq' }, 'New entry');
  revealEditor();
  ui.id.focus({ preventScroll: true });
}

/** Opens the editor prefilled from an inbox group; saving answers the group. */
export function entryForGroup(group) {
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
export async function openEntry(id, opts) {
  opts = opts || {};
  if (!opts.force && editor && editor.mode === 'edit' && editor.id === id && !dirty) {
    ui.title.focus();
    return true;
  }
  if (!confirmDiscard()) return false;
  let view;
  try {
    view = await api.call('GET', KB + '/entries/' + enc(id));
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
  loadHistory(view.id, view.revision);
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
  if (!editing) clearHistory();
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
  const parts = [statusBadge(view.status), ' revision ' + view.revision];
  if (view.publishedRevision != null && view.publishedRevision !== view.revision) {
    parts.push(' · shoppers see revision ' + view.publishedRevision);
  }
  ui.editorState.replaceChildren(...parts);
  ui.editorState.title = statusBadge(view.status).title;
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
  ui.type.value = known(meta().entryTypes, entry.type, 'faq');
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
    meta().relationTypes.map((r) => h('option', { value: r.code, text: r.label.en })));
  typeSelect.value = known(meta().relationTypes, type, 'related');
  const targetInput = h('input', {
    class: 'relation-target', 'aria-label': 'Relation ' + n + ' target entry id', placeholder: 'target entry id',
    spellcheck: 'false', autocomplete: 'off', maxlength: meta().limits.maxEntryIdChars
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
  const limits = meta().limits;
  const problems = [];
  const bad = (field, message) => problems.push({ field: field, message: message });
  const tooLong = (field, name, text, max) => {
    if (chars(text) > max) bad(field, name + ': at most ' + max + ' characters.');
  };
  const entry = {};
  entry.id = ui.id.value.trim();
  if (!entry.id) bad(ui.id, 'Id: required.');
  else if (!new RegExp(limits.entryIdPattern).test(entry.id)) {
    bad(ui.id, 'Id: use letters, digits and _ . : ? - only, starting with a letter or digit, at most ' +
      limits.maxEntryIdChars + ' characters.');
  }
  entry.type = ui.type.value;
  entry.title = ui.title.value.trim();
  if (!entry.title) bad(ui.title, 'Title: required.');
  else tooLong(ui.title, 'Title', entry.title, limits.maxTitleChars);
  entry.body = ui.body.value.trim();
  if (!entry.body) bad(ui.body, 'Answer: required.');
  else tooLong(ui.body, 'Answer', entry.body, limits.maxBodyChars);

  const questions = ui.questions.value.split('\n').map((q) => q.trim()).filter(Boolean);
  if (questions.length > limits.maxQuestions) {
    bad(ui.questions, 'Example questions: at most ' + limits.maxQuestions + ', there are ' + questions.length + '.');
  }
  questions.forEach((q, i) => tooLong(ui.questions, 'Example question ' + (i + 1), q, limits.maxQuestionChars));
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
    else tooLong(ui.titleZh, 'Chinese title', titleZh, limits.maxTitleChars);
    if (!bodyZh) bad(ui.bodyZh, 'Chinese answer: required when there is a Chinese title.');
    else tooLong(ui.bodyZh, 'Chinese answer', bodyZh, limits.maxBodyChars);
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
  let method = 'POST', path = KB + '/entries';
  if (ed.mode === 'edit') {
    method = 'PUT';
    path = KB + '/entries/' + enc(ed.id) + '?baseRevision=' + enc(ed.revision);
  } else if (ed.mode === 'group') {
    path = KB + '/unanswered/' + enc(ed.groupId) + '/entry';
  }
  await busy(ui.save, async () => {
    let result;
    try {
      result = await api.call(method, path, entry);
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
    emit('knowledge-changed');
    if (ed.mode === 'group') emit('inbox-changed');
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
      result = await api.call('DELETE', KB + '/entries/' + enc(ed.id) + '?baseRevision=' + enc(ed.revision));
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
    emit('knowledge-changed');
  });
  lockEditor();
}


/** After a publish: the open entry's status and history change, its content does not. */
async function refreshEditorState() {
  if (!editor || editor.mode !== 'edit') return;
  const id = editor.id;
  let view;
  try { view = await api.call('GET', KB + '/entries/' + enc(id)); } catch (e) { return; }
  if (!editor || editor.id !== id) return;
  editor.status = view.status;
  setEditorState(view);
  if (view.revision === editor.revision) return;
  showNote('This entry changed since you opened it (now revision ' + view.revision + ').');
}

/** A restore from the history: shows the restored revision, or the list when it deleted the entry. */
function restored(result, text) {
  dirty = false;
  if (result.entry) {
    loadView(result.entry, true);
    showOk(ui.editorStatus, text);
  } else {
    closeEditor(true);
    showOk(ui.listStatus, text);
  }
  emit('knowledge-changed');
}

/** The code when the list knows it, else the fallback. */
function known(items, code, fallback) {
  return items.some((i) => i.code === code) ? code : fallback;
}

/** Reloads the entry in the editor (only entry id, when given) unless it holds unsaved changes. */
export function reopenIfClean(id) {
  if (editor && editor.mode === 'edit' && !dirty && (id == null || editor.id === id)) {
    openEntry(editor.id, { force: true, keepStatus: true });
  }
}

/** The next load of the list starts at its first page. */
export function firstPage() {
  list.offset = 0;
}

// ---- lifecycle -----------------------------------------------------------------------------------
export function init() {
  Object.assign(ui, {
    search: $('search'), searchForm: $('search-form'), typeFilter: $('type-filter'),
    listStatus: $('list-status'), entries: $('entries'), entriesBody: $('entries').tBodies[0],
    prev: $('prev-page'), next: $('next-page'), pageInfo: $('page-info'), pageSize: $('page-size'),
    editorPanel: $('editor-panel'), editorTitle: $('editor-title'), editorState: $('editor-state'), note: $('editor-note'),
    form: $('editor'), id: $('entry-id'), type: $('entry-type'), title: $('entry-title'), body: $('entry-body'),
    titleZh: $('entry-title-zh'), bodyZh: $('entry-body-zh'), questions: $('entry-questions'), tags: $('entry-tags'),
    relations: $('relations'), attributes: $('entry-attributes'), errors: $('editor-errors'),
    editorStatus: $('editor-status'), save: $('save-entry'), deleteEntry: $('delete-entry'), history: $('history')
  });
  initHistory({ confirmDiscard: confirmDiscard, restored: restored });
  on('knowledge-changed', loadEntries);
  on('published', () => { loadEntries(); refreshEditorState(); });

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
  $('new-entry').addEventListener('click', newEntry);

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
}

/** Signed in: the server's types fill the selects, and the list loads. */
export function start() {
  fillOptions(ui.typeFilter, meta().entryTypes, true);
  fillOptions(ui.type, meta().entryTypes, false);
  ui.typeFilter.value = list.type;
  loadEntries();
}

/** Signed out: nothing of the knowledge stays on screen. */
export function clear() {
  dirty = false;
  closeEditor(true);
  ui.entriesBody.replaceChildren();
  clearBox(ui.listStatus);
}
