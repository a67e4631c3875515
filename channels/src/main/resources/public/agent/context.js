/*!
 * Kefu agent desk: the context packet beside the open conversation — why it was handed off, the
 * summary, the shopper's orders and the after-sales actions of the conversation, the sentiment
 * chart, the detected intents, the shopper's tags, the answers the bot tried and the latest events.
 * Everything is rendered as text.
 */
import { h, svg } from '/shared/dom.js';
import { label } from '/shared/api.js';
import { duration, timeEl } from './format.js';

/**
 * Shows a conversation view's context packet and events in the panel's elements (ui), and each
 * detected intent next to its shopper message (bySeq: seq -> message element).
 */
export function renderContext(ui, view, bySeq, meta) {
  const ctx = view.context || {};
  const intents = (Array.isArray(ctx.intents) ? ctx.intents : []).filter((i) => i && typeof i === 'object');
  for (const mark of intents) {
    const el = bySeq.get(Number(mark.seq));
    if (!el) continue;
    const old = el.querySelector('.intent');
    const chip = h('span', { class: 'intent', title: 'Detected intent and confidence', text: String(mark.intent) + ' ' + confidence(mark.confidence) });
    if (old) old.replaceWith(chip); else el.querySelector('.who').append(chip);
  }
  ui.intents.replaceChildren(...intents.map((i) => h('li', { 'data-seq': i.seq },
    h('span', { class: 'intent-name', text: String(i.intent) }), ' ',
    h('span', { class: 'hint', text: confidence(i.confidence) + ' · message #' + i.seq }))));
  if (!intents.length) ui.intents.append(none('No shopper message analysed yet.'));

  renderTrigger(ui.trigger, ctx, view.state, meta);
  ui.summary.textContent = ctx.summary ? String(ctx.summary) : 'No summary yet.';
  ui.summary.classList.toggle('hint', !ctx.summary);
  renderOrders(ui.orders, list(ctx.orders), ctx.ordersUnavailable === true);
  renderActions(ui.actions, list(ctx.actions));
  drawChart(ui.chart, Array.isArray(ctx.sentimentTrend) ? ctx.sentimentTrend.filter((p) => p && typeof p === 'object') : []);

  const tags = (Array.isArray(ctx.tags) ? ctx.tags : []).filter((t) => t != null && t !== '');
  ui.tags.replaceChildren(...tags.map((t) => h('li', { class: 'chip tag', text: String(t) })));
  if (!tags.length) ui.tags.append(none('No tags.'));

  const tried = (Array.isArray(ctx.triedEntries) ? ctx.triedEntries : []).filter((t) => t && typeof t === 'object');
  ui.tried.replaceChildren(...tried.map((t) => h('li', { 'data-entry-id': t.entryId },
    h('span', { text: String(t.title || t.entryId) }), ' ', h('code', { text: String(t.entryId) }))));
  if (!tried.length) ui.tried.append(none('None: the bot answered nothing from the knowledge.'));

  renderEvents(ui.events, Array.isArray(view.events) ? view.events : []);
}

const none = (text) => h('li', { class: 'hint none', text: text });
const list = (v) => (Array.isArray(v) ? v : []).filter((x) => x && typeof x === 'object');

/**
 * The conversation's shopper's orders (agents are staff: the server sends the orders of this
 * conversation's shopper only): status, items, and each parcel's carrier, tracking number, latest
 * event and expected day.
 */
function renderOrders(box, orders, unavailable) {
  box.replaceChildren(...orders.map((o) => h('li', { class: 'order', 'data-order-no': o.orderNo },
    h('p', { class: 'order-line' }, h('strong', { text: String(o.orderNo || '') }), ' ',
      h('span', { class: 'chip order-status', 'data-status': o.status, text: String(o.statusLabel || o.status || '') }),
      o.placedAt ? [' ', h('span', { class: 'hint', text: 'placed ' + new Date(o.placedAt).toLocaleDateString() })] : null),
    h('p', { class: 'hint order-items', text: list(o.items).map((i) => String(i.name) + ' × ' + String(i.quantity)).join(', ') }),
    list(o.shipments).map((s) => {
      const latest = list(s.events).sort((a, b) => String(b.at).localeCompare(String(a.at)))[0];
      return h('p', { class: 'parcel' }, String(s.carrier || '') + ' ', h('code', { class: 'tracking', text: String(s.trackingNumber || '') }),
        latest ? [' · ', timeEl(latest.at), ' ', String(latest.description || '')] : null,
        s.estimatedDelivery ? ' · expected ' + String(s.estimatedDelivery) : null);
    }))));
  if (unavailable) box.append(h('li', { class: 'hint orders-unavailable', text: "The store's order system cannot be read now." }));
  else if (!orders.length) box.append(none('None: the shopper is not signed in and proved no order here.'));
}

/** The conversation's after-sales actions, each as it stands: proposed, declined, confirmed, or its outcome. */
function renderActions(box, actions) {
  box.replaceChildren(...actions.map((a) => h('li', { class: 'action', 'data-status': a.status, 'data-seq': a.seq },
    h('strong', { text: String(a.action || '') }), ' ', h('code', { text: String(a.orderNo || '') }), ' ',
    h('span', { class: 'chip', text: String(a.status || '') }),
    a.newAddress ? [' → ', String(a.newAddress)] : null,
    a.reference ? [' · ref ', h('code', { text: String(a.reference) })] : null,
    a.detail ? [' · ', h('span', { class: 'hint', text: String(a.detail) })] : null,
    ' ', timeEl(a.updatedAt))));
  if (!actions.length) box.append(none('None.'));
}

function confidence(c) {
  const n = Number(c);
  return Number.isFinite(n) ? Math.round(n * 100) + '%' : '';
}

function renderTrigger(box, ctx, state, meta) {
  const t = ctx.trigger && typeof ctx.trigger === 'object' ? ctx.trigger : null;
  box.replaceChildren();
  box.dataset.reason = t ? t.reason || '' : '';
  if (!t) {
    box.append(h('p', { class: 'hint none', text: 'Not handed off: the shopper did not go to a person.' }));
    return;
  }
  box.append(h('p', { class: 'reason-line' },
    h('span', { class: 'reason-name', text: label(meta.handoffReasons, t.reason) }), ' ',
    h('code', { class: 'reason-code', text: String(t.reason || '') })));
  const rows = [];
  const details = t.details && typeof t.details === 'object' ? t.details : {};
  for (const k of Object.keys(details)) rows.push(h('dt', { text: k }), h('dd', { text: String(details[k]) }));
  if (ctx.priority) rows.push(h('dt', { text: 'priority' }), h('dd', { text: label(meta.priorities, ctx.priority) }));
  if (ctx.queuedAt) rows.push(h('dt', { text: 'queued' }), h('dd', {}, timeEl(ctx.queuedAt) || String(ctx.queuedAt)));
  if (ctx.waitingSeconds != null && state === 'queued') {
    rows.push(h('dt', { text: 'waiting' }), h('dd', { text: duration(Number(ctx.waitingSeconds) || 0) }));
  }
  if (rows.length) box.append(h('dl', {}, ...rows));
}

/** The sentiment trend as a small line chart: each message's score and the running score, -1..1. */
function drawChart(box, points) {
  box.replaceChildren();
  box.dataset.points = String(points.length);
  if (!points.length) {
    box.append(h('p', { class: 'hint none', text: 'No sentiment yet.' }));
    return;
  }
  const W = 280, H = 110, L = 24, R = 8, T = 8, B = 8;
  const clamp = (v) => Math.max(-1, Math.min(1, Number(v) || 0));
  const x = (i) => points.length === 1 ? (L + W - R) / 2 : L + i * (W - L - R) / (points.length - 1);
  const y = (v) => T + (1 - clamp(v)) / 2 * (H - T - B);
  const line = (key) => points.map((p, i) => x(i).toFixed(1) + ',' + y(p[key]).toFixed(1)).join(' ');
  const last = points[points.length - 1];
  const chart = svg('svg', {
    viewBox: '0 0 ' + W + ' ' + H, role: 'img', focusable: 'false',
    'aria-label': 'Sentiment of ' + points.length + ' shopper message' + (points.length === 1 ? '' : 's') +
      ' from -1 to 1; latest score ' + clamp(last.score).toFixed(2) + ', running ' + clamp(last.running).toFixed(2)
  });
  chart.append(
    svg('line', { class: 'zero', x1: L, x2: W - R, y1: y(0), y2: y(0) }),
    svg('text', { class: 'axis', x: 2, y: y(1) + 4 }, '1'),
    svg('text', { class: 'axis', x: 2, y: y(0) + 3 }, '0'),
    svg('text', { class: 'axis', x: 2, y: y(-1) }, '−1'),
    svg('polyline', { class: 'line-score', points: line('score') }),
    svg('polyline', { class: 'line-running', points: line('running') }));
  points.forEach((p, i) => {
    const tip = 'Message #' + p.seq + ': score ' + clamp(p.score).toFixed(2) + ', running ' + clamp(p.running).toFixed(2);
    chart.append(
      svg('circle', { class: 'point-score', cx: x(i), cy: y(p.score), r: 2.5, 'data-seq': p.seq }, svg('title', {}, tip)),
      svg('circle', { class: 'point-running', cx: x(i), cy: y(p.running), r: 3, 'data-seq': p.seq }, svg('title', {}, tip)));
  });
  box.append(chart);
}

function renderEvents(list, events) {
  const shown = events.filter((e) => e && typeof e === 'object').slice(-30).reverse();
  list.replaceChildren(...shown.map((e) => {
    const data = e.data && typeof e.data === 'object' ? e.data : {};
    const pairs = Object.keys(data).map((k) => k + '=' + data[k]).join(', ');
    return h('li', { class: 'event', 'data-type': e.type },
      timeEl(e.at), ' ', h('strong', { text: String(e.type) }), ' ',
      h('span', { class: 'hint', text: String(e.actor || '') + (pairs ? ' · ' + pairs : '') }));
  }));
  if (!shown.length) list.append(none('Nothing yet.'));
}
