/*!
 * Kefu trainer console, the Outreach tab: the rules under which Kefu speaks first (written in the
 * Scripts tab's outreach: section, validated with the scripts), a preview of what a rule would do for
 * one shopper now (send what, or why it is held back), the log of what was sent and held back, and
 * each rule's experiment: its arms' sales beside the service outcomes of the same shoppers.
 */
import { $, clearBox, h, showError } from '/shared/dom.js';
import { api, enc, onShow } from './console.js';

const ui = {};
let logSeq = 0;

async function loadRules() {
  let r;
  try {
    r = await api.call('GET', '/api/v1/outreach/rules');
  } catch (e) { showError(ui.status, e); return; }
  const chosen = ui.rule.value;
  ui.rule.replaceChildren(...(r.rules || []).map((rule) => h('option', {
    value: rule.id, text: rule.id + ' (' + rule.trigger + ', ' + rule.status + ')'
  })));
  if (chosen) ui.rule.value = chosen;
  ui.ruleCount.textContent = String((r.rules || []).length);
}

async function loadLog() {
  const seq = ++logSeq;
  ui.log.setAttribute('aria-busy', 'true');
  let r;
  try {
    r = await api.call('GET', '/api/v1/outreach/log?days=' + enc(ui.days.value));
  } catch (e) {
    if (seq === logSeq) { showError(ui.status, e); ui.log.removeAttribute('aria-busy'); }
    return;
  }
  if (seq !== logSeq) return;
  ui.log.removeAttribute('aria-busy');
  clearBox(ui.status);
  const held = Object.keys(r.held || {}).map((k) => k + ' ' + r.held[k]).join(', ');
  ui.summary.textContent = r.sent + ' sent' + (held ? '; held back: ' + held : '');
  const rows = (r.entries || []).map((e) => h('tr', { 'data-sent': String(!!e.sent), 'data-reason': e.reason || '' },
    h('td', { text: new Date(e.at).toLocaleString() }),
    h('td', {}, h('code', { text: e.ruleId })),
    h('td', { text: e.shopperId }),
    h('td', { class: 'outcome', text: e.sent ? 'sent (' + e.channel + ')' : 'held: ' + e.reason }),
    h('td', { class: 'text', text: e.text })));
  ui.logBody.replaceChildren(...rows);
  if (!rows.length) {
    ui.logBody.append(h('tr', { class: 'empty' }, h('td', { colspan: '5', text: 'No outreach in this period.' })));
  }
}

async function loadResults() {
  let r;
  try {
    r = await api.call('GET', '/api/v1/outreach/results');
  } catch (e) { showError(ui.status, e); return; }
  const rows = [];
  for (const rule of r.rules || []) {
    for (const arm of rule.arms || []) {
      const service = arm.service || {};
      rows.push(h('tr', { 'data-rule': rule.ruleId, 'data-arm': arm.arm },
        h('th', { scope: 'row' }, h('code', { text: rule.ruleId })),
        h('td', { text: arm.arm }),
        h('td', { class: 'num', text: String(arm.exposures) }),
        h('td', { class: 'num', text: arm.arm === 'holdout' ? '' : String(rule.sent) + ' / ' + String(rule.replies) }),
        h('td', { class: 'num', text: String(arm.clicks) }),
        h('td', { class: 'num', text: String(arm.orders) }),
        h('td', { class: 'num', text: Number(arm.revenue || 0).toLocaleString() }),
        h('td', { class: 'num', text: String(service.handoffs || 0) }),
        h('td', { class: 'num', text: service.meanRating == null ? '' : Number(service.meanRating).toFixed(1) }),
        h('td', { class: 'num', text: String(service.thumbsDown || 0) })));
    }
  }
  ui.resultsBody.replaceChildren(...rows);
}

async function preview(e) {
  e.preventDefault();
  clearBox(ui.previewOut);
  const body = { ruleId: ui.rule.value, shopperId: ui.shopper.value.trim() };
  if (ui.product.value.trim()) body.context = { productId: ui.product.value.trim() };
  let r;
  try {
    r = await api.call('POST', '/api/v1/outreach/preview', body);
  } catch (err) { showError(ui.previewOut, err); return; }
  ui.previewOut.append(
    h('p', { class: 'verdict', 'data-send': String(!!r.send),
      text: r.send ? 'Would send now, by ' + r.channel + ' (arm ' + r.arm + '):' : 'Would hold back: ' + r.reason }),
    h('blockquote', { class: 'outreach-text', text: r.text || '' }));
}

export function init() {
  Object.assign(ui, {
    rule: $('outreach-rule'), ruleCount: $('outreach-rule-count'), shopper: $('outreach-shopper'),
    product: $('outreach-product'), previewOut: $('outreach-preview-out'), days: $('outreach-days'),
    status: $('outreach-status'), summary: $('outreach-summary'), log: $('outreach-log'),
    logBody: $('outreach-log').tBodies[0], resultsBody: $('outreach-results').tBodies[0]
  });
  $('outreach-preview').addEventListener('submit', preview);
  ui.days.addEventListener('change', loadLog);
  $('outreach-refresh').addEventListener('click', () => { loadRules(); loadLog(); loadResults(); });
  onShow('outreach', () => { loadRules(); loadLog(); loadResults(); });
}

export function clear() {
  ui.logBody.replaceChildren();
  ui.resultsBody.replaceChildren();
  ui.rule.replaceChildren();
  clearBox(ui.previewOut);
  clearBox(ui.status);
}
