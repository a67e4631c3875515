/*!
 * Kefu trainer console, an experiment's results: per arm the exposures, clicks and conversions,
 * the conversion rate with its 95% interval, the lift against the baseline and the service measures,
 * as a table and as a chart (inline SVG).
 */
import { $, h, plural, svg } from '/shared/dom.js';

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

/** Shows results r in the table, its caption and the chart. */
export function renderResults(r) {
  const ui = elements();
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

/** A round axis end above max (a share, at most 1) and its tick step. */
function axisFor(max) {
  const steps = [0.001, 0.002, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25];
  const top = Math.min(1, Math.max(max, 0.01));
  const step = steps.find((s) => top / s <= 5) || 0.25;
  return { max: Math.min(1, Math.ceil(top / step - 1e-9) * step), step: step };
}

export function removeChart() {
  const old = $('results-chart').querySelector('svg');
  if (old) old.remove();
}

function renderChart(arms, baseline) {
  const ui = elements();
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


function elements() {
  return { resultsMeta: $('results-meta'), resultsBody: $('results').tBodies[0], resultsChart: $('results-chart') };
}
