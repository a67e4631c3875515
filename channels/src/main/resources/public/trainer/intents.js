/*!
 * Kefu trainer console, the Intents tab: each intent's examples in both languages (one a line),
 * saved per intent; "Train" starts a candidate router in the background (GET /api/v1/intents/train/{job}
 * is polled for its progress), its comparison with the live router is shown, and it is activated
 * (a worse one only when the trainer insists: the server answers 409 CANDIDATE_WORSE) or rolled back.
 */
import { $, busy, clearBox, h, showError, showOk } from '/shared/dom.js';
import { api, enc, onShow } from './console.js';

const BASE = '/api/v1/intents';
const POLL_MS = 500;
const ui = {};
let intents = [];
let job = null;
let pollTimer = null;

const lines = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l);
const pct = (x) => (Number(x) * 100).toFixed(1) + '%';
const orDash = (x) => (x === null || x === undefined ? '—' : pct(x));

async function load() {
  let r;
  try {
    r = await api.call('GET', BASE);
  } catch (e) {
    showError(ui.status, e);
    return;
  }
  intents = r.intents || [];
  const chosen = ui.select.value;
  ui.select.replaceChildren(...intents.map((i) => h('option', {
    value: i.name, text: i.name + ' (' + (i.examples.zh.length + i.examples.en.length) + ')'
  })));
  if (intents.some((i) => i.name === chosen)) ui.select.value = chosen;
  ui.rollback.disabled = !r.canRollback;
  ui.live.textContent = r.trainerModel ? 'Live: a model a trainer activated.' : 'Live: the configured model.';
  showIntent();
}

function showIntent() {
  const intent = intents.find((i) => i.name === ui.select.value);
  ui.zh.value = intent ? intent.examples.zh.join('\n') : '';
  ui.en.value = intent ? intent.examples.en.join('\n') : '';
  ui.name.value = intent ? intent.name : '';
}

async function save() {
  const name = ui.name.value.trim();
  try {
    await api.call('PUT', BASE + '/' + enc(name), { examples: { zh: lines(ui.zh.value), en: lines(ui.en.value) } });
  } catch (e) {
    showError(ui.status, e);
    return;
  }
  await load();
  ui.select.value = name;
  showIntent();
  showOk(ui.status, 'Saved the examples of ' + name + '. Train a candidate to use them.');
}

async function train() {
  let r;
  try {
    r = await api.call('POST', BASE + '/train', {});
  } catch (e) {
    showError(ui.status, e);
    return;
  }
  job = r.job;
  clearBox(ui.status);
  ui.activate.hidden = true;
  ui.insist.hidden = true;
  ui.comparison.replaceChildren();
  poll();
}

async function poll() {
  clearTimeout(pollTimer);
  if (!job || !api.token) return;
  let r;
  try {
    r = await api.call('GET', BASE + '/train/' + enc(job));
  } catch (e) {
    showError(ui.status, e);
    return;
  }
  ui.progress.value = r.progress;
  ui.progressText.textContent = r.state.toLowerCase() + ', ' + pct(r.progress);
  if (r.state === 'FAILED') {
    showError(ui.status, { message: 'Training failed: ' + (r.error || 'no reason given') });
  } else if (r.state === 'DONE') {
    showComparison(r.comparison);
  } else {
    pollTimer = setTimeout(poll, POLL_MS);
  }
}

function showComparison(c) {
  const row = (what, candidate, live) => h('tr', null,
    h('th', { scope: 'row', text: what }), h('td', { class: 'num', text: candidate }), h('td', { class: 'num', text: live }));
  ui.comparison.replaceChildren(
    h('table', { id: 'intents-comparison-table' },
      h('caption', { text: 'On ' + c.validationExamples + ' held-out examples and ' + c.outOfScopeProbes + ' off-topic probes' }),
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: '' }),
        h('th', { scope: 'col', class: 'num', text: 'Candidate' }), h('th', { scope: 'col', class: 'num', text: 'Live' }))),
      h('tbody', null,
        row('Accuracy', pct(c.candidate.accuracy), pct(c.live.accuracy)),
        row('Out-of-scope recall', pct(c.candidate.outOfScopeRecall), pct(c.live.outOfScopeRecall)),
        row('Dialogues resolved', orDash(c.candidate.dialoguesResolution), orDash(c.live.dialoguesResolution)))),
    h('p', { class: 'hint', text: 'Dialogues: ' + c.dialogues }),
    c.worse.length ? h('ul', { class: 'problems' }, c.worse.map((w) => h('li', { text: 'Worse: ' + w }))) : null);
  ui.activate.hidden = false;
  ui.insist.hidden = c.worse.length === 0;
  ui.activate.disabled = c.worse.length > 0;
}

async function activate(insist) {
  try {
    await api.call('POST', BASE + '/activate', { job: job, insist: insist });
  } catch (e) {
    showError(ui.status, e);
    return;
  }
  ui.activate.hidden = true;
  ui.insist.hidden = true;
  await load();
  showOk(ui.status, 'The candidate is live: the next message is routed by it.');
}

async function rollback() {
  try {
    await api.call('POST', BASE + '/rollback', {});
  } catch (e) {
    showError(ui.status, e);
    return;
  }
  await load();
  showOk(ui.status, 'Rolled back: the earlier model is live again.');
}

export function init() {
  Object.assign(ui, {
    select: $('intents-select'), name: $('intents-name'), zh: $('intents-zh'), en: $('intents-en'),
    status: $('intents-status'), progress: $('intents-progress'), progressText: $('intents-progress-text'),
    comparison: $('intents-comparison'), live: $('intents-live'), activate: $('intents-activate'),
    insist: $('intents-insist'), rollback: $('intents-rollback')
  });
  ui.select.addEventListener('change', showIntent);
  $('intents-save').addEventListener('click', (e) => busy(e.currentTarget, save));
  $('intents-train').addEventListener('click', (e) => busy(e.currentTarget, train));
  ui.activate.addEventListener('click', (e) => busy(e.currentTarget, () => activate(false)));
  ui.insist.addEventListener('click', (e) => busy(e.currentTarget, () => activate(true)));
  ui.rollback.addEventListener('click', (e) => busy(e.currentTarget, rollback));
  onShow('intents', load);
}

export function clear() {
  clearTimeout(pollTimer);
  job = null;
  intents = [];
  ui.select.replaceChildren();
  ui.zh.value = '';
  ui.en.value = '';
  ui.comparison.replaceChildren();
  clearBox(ui.status);
}
