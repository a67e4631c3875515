/*!
 * Kefu trainer console, an entry's history under the editor: its revisions, the field-by-field
 * difference between any two, and restoring an old revision as the latest (a new draft).
 */
import { $, busy, clearBox, h, showError } from '/shared/dom.js';
import { KB, api, enc, timeEl } from './console.js';

const ui = {};
/** What the editor decides: may its changes be discarded; a restore's result to show. */
let editor = { confirmDiscard: () => true, restored: () => {} };
/** The latest history asked for: an older answer arriving late is not shown. */
let shownSeq = 0;

/** @param callbacks {confirmDiscard(), restored(result, text)} from the editor */
export function initHistory(callbacks) {
  editor = callbacks;
  Object.assign(ui, {
    revisionsBody: $('revisions').tBodies[0], compare: $('compare'), historyStatus: $('history-status'), diff: $('diff')
  });
  ui.compare.addEventListener('click', compare);
}

/** Forgets the history shown (no entry is being edited). */
export function clearHistory() {
  shownSeq++;
  ui.revisionsBody.replaceChildren();
  clearBox(ui.diff);
  clearBox(ui.historyStatus);
}

/** Shows the revisions of entry id, whose latest is revision current. */
export async function loadHistory(id, current) {
  const seq = ++shownSeq;
  clearBox(ui.diff);
  clearBox(ui.historyStatus);
  ui.compare.disabled = true;
  let data;
  try {
    data = await api.call('GET', KB + '/entries/' + enc(id) + '/revisions');
  } catch (e) {
    if (seq === shownSeq) showError(ui.historyStatus, e);
    return;
  }
  if (seq !== shownSeq) return;
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
      data = await api.call('GET', KB + '/diff?from=' + a + '&to=' + b);
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
  if (!editor.confirmDiscard() || !window.confirm(what)) return;
  clearBox(ui.historyStatus);
  let result;
  try {
    result = await api.call('POST', KB + '/entries/' + enc(id) + '/revisions/' + enc(r.number) + '/restore');
  } catch (e) {
    showError(ui.historyStatus, e);
    return;
  }
  editor.restored(result, 'Restored revision ' + r.number + ' as revision ' + result.revision.number +
    '. Publish to let shoppers see it.');
}

