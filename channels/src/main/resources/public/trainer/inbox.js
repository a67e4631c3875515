/*!
 * Kefu trainer console, the Unanswered tab: what shoppers asked that the knowledge did not answer,
 * grouped by meaning. A group becomes a new entry, example questions of an existing entry, or is
 * dismissed.
 */
import { $, busy, clearBox, h, plural, showError, showOk } from '/shared/dom.js';
import { ApiError, label } from '/shared/api.js';
import { KB, api, emit, enc, meta, on, onShow, selectTab, timeEl } from './console.js';
import { entryForGroup, openEntry, reopenIfClean } from './knowledge.js';

const ui = {};
/** How many groups are shown, or -1 before the first load. */
let renderedGroups = -1;
/** The groups shown, as JSON: loading the same again leaves the page (and what is typed in it) alone. */
let shownJson = null;
let uniq = 0;

/** Loads the inbox; countOnly updates the tab's count and says when new questions arrived. */
export async function loadInbox(countOnly) {
  let data;
  try {
    data = await api.call('GET', KB + '/unanswered');
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
  const json = JSON.stringify(data.groups);
  if (json === shownJson) return;
  shownJson = json;
  const groups = data.groups.map(renderGroup);
  ui.inbox.replaceChildren(...groups);
  if (!groups.length) ui.inbox.append(h('p', { class: 'hint empty', text: 'Nothing waiting: every question found an answer.' }));
}

function renderGroup(g) {
  const n = ++uniq;
  const status = h('p', { class: 'group-status status', role: 'status', 'aria-live': 'polite' });
  const target = h('input', {
    id: 'group-target-' + n, class: 'target-entry', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'entry id', maxlength: meta().limits.maxEntryIdChars, required: true
  });
  const addButton = h('button', { type: 'submit', class: 'quiet add-questions' }, 'Add');
  const dismissButton = h('button', { type: 'button', class: 'quiet dismiss' }, 'Dismiss');
  const reasons = Object.keys(g.reasons || {}).map((r) =>
    h('li', { class: 'chip', 'data-reason': r, text: label(meta().unansweredReasons, r) + ' × ' + g.reasons[r] }));
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
      result = await api.call('POST', KB + '/unanswered/' + enc(g.id) + '/questions', { entryId: entryId });
    } catch (e) {
      showError(status, e);
      return;
    }
    showOk(ui.inboxStatus, 'Added the wordings to ' + entryId + ' (revision ' + result.change.revision.number +
      ', a draft until published) and closed ' + plural(result.closedQuestions, 'question') + '.');
    loadInbox();
    emit('knowledge-changed');
    reopenIfClean(entryId);
  });
}

async function dismiss(g, button, status) {
  await busy(button, async () => {
    let result;
    try {
      result = await api.call('POST', KB + '/unanswered/' + enc(g.id) + '/dismiss');
    } catch (e) {
      showError(status, e);
      return;
    }
    const first = (g.examples && g.examples[0]) || g.id;
    showOk(ui.inboxStatus, 'Dismissed “' + first + '” (' + plural(result.closedQuestions, 'question') + ').');
    loadInbox();
  });
}


export function init() {
  Object.assign(ui, { panelInbox: $('panel-inbox'), inbox: $('inbox'), inboxStatus: $('inbox-status'), inboxCount: $('inbox-count') });
  $('inbox-refresh').addEventListener('click', () => { clearBox(ui.inboxStatus); loadInbox(); });
  on('inbox-changed', () => loadInbox());
  onShow('inbox', () => loadInbox());
}

export function clear() {
  ui.inbox.replaceChildren();
  renderedGroups = -1;
  shownJson = null;
  clearBox(ui.inboxStatus);
  ui.inboxCount.textContent = '';
}
