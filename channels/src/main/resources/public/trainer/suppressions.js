/*!
 * Kefu trainer console, the Suppressions tab: how often each guard rail kept marketing lines away
 * from a reply in a period, with the server's label and description of each reason.
 */
import { $, clearBox, h, showError } from '/shared/dom.js';
import { description, label } from '/shared/api.js';
import { api, enc, meta, onShow } from './console.js';

const ui = {};
let suppressionsSeq = 0;

async function loadSuppressions() {
  const days = ui.suppressionsDays.value;
  const seq = ++suppressionsSeq;
  ui.suppressions.setAttribute('aria-busy', 'true');
  let r;
  try {
    r = await api.call('GET', '/api/v1/slots/suppressions?days=' + enc(days));
  } catch (e) {
    if (seq === suppressionsSeq) { showError(ui.suppressionsStatus, e); ui.suppressions.removeAttribute('aria-busy'); }
    return;
  }
  if (seq !== suppressionsSeq) return; // another period was chosen meanwhile
  ui.suppressions.removeAttribute('aria-busy');
  clearBox(ui.suppressionsStatus);
  const period = Number(r.days) === 1 ? 'the last 24 hours' : 'the last ' + r.days + ' days';
  ui.suppressionsCaption.textContent = 'Replies whose marketing lines a guard rail held back, ' + period;
  const counted = Object.keys(r.reasons || {})
    .map((code) => ({ code: code, count: Number(r.reasons[code]) || 0 }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  const reasons = meta().suppressionReasons;
  const rows = counted.map((x) => {
    const explained = description(reasons, x.code);
    return h('tr', { 'data-reason': x.code },
      h('th', { scope: 'row', class: 'reason' }, h('span', { class: 'reason-label', text: label(reasons, x.code) }),
        explained ? h('small', { text: explained }) : null),
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

export function init() {
  Object.assign(ui, {
    suppressions: $('suppressions'), suppressionsBody: $('suppressions').tBodies[0], suppressionsDays: $('suppressions-days'),
    suppressionsCaption: $('suppressions-caption'), suppressionsStatus: $('suppressions-status')
  });
  ui.suppressionsDays.addEventListener('change', loadSuppressions);
  $('suppressions-refresh').addEventListener('click', loadSuppressions);
  onShow('suppressions', loadSuppressions);
}

export function clear() {
  ui.suppressionsBody.replaceChildren();
  clearBox(ui.suppressionsStatus);
}
