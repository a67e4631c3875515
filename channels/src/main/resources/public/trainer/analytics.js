/*!
 * Kefu trainer console, the Analytics tab: the service figures of the period (GET
 * /api/v1/analytics/summary, and the period just before for the change), hand-offs by reason and
 * CSAT by score as bars, conversations by weekday and hour as a heatmap (timeseries), the inbox's
 * questions that cost the most hand-offs, and each experiment's service outcomes (its results).
 * Charts are SVG drawn here; labels in English or Chinese (the button beside the period switches).
 * Every figure keeps its raw value in data-value, so what is shown can be checked against the API.
 */
import { $, clearBox, h, showError, svg } from '/shared/dom.js';
import { KB, api, enc, meta, onShow, selectTab } from './console.js';

const TEXT = {
  en: {
    title: 'Service analytics', period: 'Period', last1: 'Last 24 hours', last7: 'Last 7 days', last30: 'Last 30 days',
    last90: 'Last 90 days', language: 'Language', allLanguages: 'All', mixed: 'Mixed', refresh: 'Refresh', csv: 'CSV',
    hint: 'Conversations started in the period, counted by the definitions in docs/ANALYTICS.md; each figure beside its'
      + ' change against the period just before.',
    byReason: 'Hand-offs by reason', csat: 'Satisfaction (CSAT) by score',
    heatmap: 'Conversations by weekday and hour (your time zone)',
    costly: 'Unanswered questions that cost the most hand-offs', experiments: "Each experiment's service outcomes",
    experiment: 'Experiment', arm: 'Arm', conversations: 'Conversations', handoffRate: 'Hand-off rate', csatAverage: 'CSAT',
    thumbsDown: '"Didn\'t help"', resolutionRate: 'Resolved by the bot', confirmed: 'confirmed', assumed: 'assumed',
    handoffs: 'Hand-offs', unanswered: 'Unanswered', botMs: 'Bot first response (p50)', agentFirst: 'Agent first response (p50)',
    queueWait: 'Queue wait (p50)', slaHitRate: 'Claimed within target', turnedNegative: 'Turned negative',
    endedBetter: 'of those ended better', interactionDepth: 'With a marketing line', orders: 'Orders attributed',
    ratings: 'ratings', none: '—', vsBefore: 'vs. period before', noExperiments: 'No experiment yet.',
    noCostly: 'No unanswered question led to a hand-off in the inbox.', asked: 'asked', handedOff: 'handed off',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], loading: 'Loading…'
  },
  zh: {
    title: '服务数据分析', period: '时段', last1: '最近24小时', last7: '最近7天', last30: '最近30天', last90: '最近90天',
    language: '语言', allLanguages: '全部', mixed: '中英混合', refresh: '刷新', csv: '导出CSV',
    hint: '统计该时段内开始的会话，口径见 docs/ANALYTICS.md；每项数字旁为与上一时段相比的变化。',
    byReason: '按原因的转人工', csat: '满意度（CSAT）评分分布', heatmap: '按星期与小时的会话量（本地时区）',
    costly: '导致转人工最多的未解答问题', experiments: '各实验的服务结果', experiment: '实验', arm: '分组',
    conversations: '会话数', handoffRate: '转人工率', csatAverage: '满意度', thumbsDown: '“没帮助”',
    resolutionRate: '机器人解决率', confirmed: '确认', assumed: '推定', handoffs: '转人工', unanswered: '未解答',
    botMs: '机器人首次响应（中位数）', agentFirst: '人工首次响应（中位数）', queueWait: '排队等待（中位数）',
    slaHitRate: '目标时间内接入', turnedNegative: '情绪转负', endedBetter: '其中好转', interactionDepth: '含营销话术',
    orders: '归因订单', ratings: '条评分', none: '—', vsBefore: '较上一时段', noExperiments: '暂无实验。',
    noCostly: '收件箱中没有导致转人工的未解答问题。', asked: '次提问', handedOff: '次转人工',
    weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'], loading: '加载中…'
  }
};

const ui = {};
let lang = 'en';
let loadSeq = 0;
let last = null; // the latest data, to redraw in the other language

const t = (key) => TEXT[lang][key];
/** A code's label from one of the meta's lists, in the tab's language. */
const metaLabel = (list, code) => {
  const item = (meta()[list] || []).find((i) => i.code === code);
  return item ? (item.label[lang] || item.label.en) : code;
};

const percent = (rate) => rate == null ? t('none') : (rate * 100).toFixed(1) + '%';
const number = (n) => n == null ? t('none') : Number(n).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
const seconds = (s) => s == null ? t('none') : s < 120 ? s + ' s' : (s / 60).toFixed(1) + ' min';
const millis = (ms) => ms == null ? t('none') : ms + ' ms';

/** The figures shown, each: key, label, how to read it from a summary, format, whether up is good. */
const FIGURES = [
  { key: 'conversations', label: 'conversations', value: (s) => s.conversations, format: number },
  { key: 'resolutionRate', label: 'resolutionRate', value: (s) => s.resolution.rate, format: percent, good: 1,
    detail: (s) => number(s.resolution.confirmed) + ' ' + t('confirmed') + ' · ' + number(s.resolution.assumed) + ' ' + t('assumed') },
  { key: 'handoffRate', label: 'handoffs', value: (s) => s.handoffs.rate, format: percent, good: -1,
    detail: (s) => number(s.handoffs.total) },
  { key: 'unansweredRate', label: 'unanswered', value: (s) => s.unanswered.rate, format: percent, good: -1,
    detail: (s) => number(s.unanswered.count) },
  { key: 'csatAverage', label: 'csatAverage', value: (s) => s.csat.average, format: (v) => v == null ? t('none') : v.toFixed(2),
    good: 1, detail: (s) => number(s.csat.count) + ' ' + t('ratings') },
  { key: 'botMs', label: 'botMs', value: (s) => s.responseTimes.botMs.p50, format: millis, good: -1 },
  { key: 'agentFirstResponseSeconds', label: 'agentFirst', value: (s) => s.responseTimes.agentFirstResponseSeconds.p50,
    format: seconds, good: -1 },
  { key: 'queueWaitSeconds', label: 'queueWait', value: (s) => s.queue.waitSeconds.p50, format: seconds, good: -1 },
  { key: 'slaHitRate', label: 'slaHitRate', value: (s) => s.queue.slaHitRate, format: percent, good: 1 },
  { key: 'turnedNegativeRate', label: 'turnedNegative', value: (s) => s.sentiment.turnedNegativeRate, format: percent, good: -1,
    detail: (s) => percent(s.sentiment.endedBetterRate) + ' ' + t('endedBetter') },
  { key: 'interactionDepth', label: 'interactionDepth', value: (s) => s.marketing.interactionDepth, format: percent,
    detail: (s) => number(s.marketing.orders) + ' ' + t('orders') }
];

/** The window of the chosen period, ending now, as query parameters (and the one before). */
function windowParams(shift) {
  const days = Number(ui.days.value);
  const to = Date.now() - shift * days * 86400000;
  const from = to - days * 86400000;
  let q = 'from=' + enc(new Date(from).toISOString()) + '&to=' + enc(new Date(to).toISOString());
  if (ui.language.value) q += '&language=' + enc(ui.language.value);
  return q;
}

async function load() {
  const seq = ++loadSeq;
  ui.figures.setAttribute('aria-busy', 'true');
  ui.status.textContent = t('loading');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const now = windowParams(0);
  ui.csv.href = '/api/v1/analytics/conversations.csv?' + now;
  let data;
  try {
    const [summary, before, heat, inbox, experiments] = await Promise.all([
      api.call('GET', '/api/v1/analytics/summary?' + now),
      api.call('GET', '/api/v1/analytics/summary?' + windowParams(1)),
      api.call('GET', '/api/v1/analytics/timeseries?metric=conversations&interval=hour&zone=' + enc(zone) + '&' + now),
      api.call('GET', KB + '/unanswered'),
      api.call('GET', '/api/v1/experiments')
    ]);
    const results = await Promise.all((experiments.experiments || []).map(
      (e) => api.call('GET', '/api/v1/experiments/' + enc(e.id) + '/results')));
    data = { summary, before, heat, inbox, results };
  } catch (e) {
    if (seq === loadSeq) { showError(ui.status, e); ui.figures.setAttribute('aria-busy', 'false'); }
    return;
  }
  if (seq !== loadSeq) return; // another period was chosen meanwhile
  last = data;
  clearBox(ui.status);
  draw();
  ui.figures.setAttribute('aria-busy', 'false');
  ui.panel.dataset.loaded = String(seq);
}

function draw() {
  if (!last) return;
  const { summary, before, heat, inbox, results } = last;
  ui.figures.replaceChildren(...FIGURES.map((f) => figure(f, summary, before)));
  const reasons = Object.entries(summary.handoffs.byReason).map(([code, count]) => ({
    code, label: metaLabel('handoffReasons', code), value: count
  }));
  ui.reasons.replaceChildren(bars(reasons, 'reason'));
  const scores = ['1', '2', '3', '4', '5'].map((s) => ({ code: s, label: '★' + s, value: summary.csat.distribution[s] || 0 }));
  ui.csat.replaceChildren(bars(scores, 'score'));
  ui.heatmap.replaceChildren(heatmap(heat.byWeekdayHour));
  ui.costly.replaceChildren(...costly(inbox.groups || []));
  ui.experiments.tBodies[0].replaceChildren(...experimentRows(results));
}

/** One headline figure: label, value, change against the period before, detail. */
function figure(f, summary, before) {
  const value = f.value(summary), previous = f.value(before);
  let change = null;
  if (value != null && previous != null && previous !== 0) {
    const diff = value - previous;
    const rel = (diff / Math.abs(previous)) * 100;
    const better = f.good == null || diff === 0 ? '' : (diff > 0) === (f.good > 0) ? 'better' : 'worse';
    change = h('span', { class: 'change ' + better, title: t('vsBefore'), text: (diff >= 0 ? '+' : '') + rel.toFixed(1) + '%' });
  }
  return h('div', { class: 'figure', 'data-figure': f.key, 'data-value': value == null ? '' : String(value) },
    h('span', { class: 'figure-label', text: t(f.label) }),
    h('strong', { class: 'figure-value', text: f.format(value) }),
    change,
    f.detail ? h('small', { class: 'figure-detail', text: f.detail(summary) }) : null);
}

/** Horizontal bars, one per item, with its label and count; drawn as SVG. */
function bars(items, attribute) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const row = 22, labelWidth = 150, width = 420;
  const chart = svg('svg', {
    viewBox: '0 0 ' + width + ' ' + (items.length * row + 4), class: 'bars', role: 'img', 'aria-label': items.map(
      (i) => i.label + ': ' + i.value).join(', ')
  });
  items.forEach((item, n) => {
    const y = n * row + 2, length = ((width - labelWidth - 50) * item.value) / max;
    chart.append(svg('g', { ['data-' + attribute]: item.code, 'data-value': String(item.value) },
      svg('text', { x: labelWidth - 6, y: y + 14, 'text-anchor': 'end', class: 'bar-label', text: item.label }),
      svg('rect', { x: labelWidth, y: y + 3, width: Math.max(item.value ? 2 : 0, length), height: row - 8, rx: 3, class: 'bar' }),
      svg('text', { x: labelWidth + length + 6, y: y + 14, class: 'bar-value', text: String(item.value) })));
  });
  return chart;
}

/** A 7 x 24 grid of cells, darker for more conversations (Monday first), drawn as SVG. */
function heatmap(grid) {
  const cell = 18, left = 40, top = 16;
  const max = Math.max(1, ...grid.flat().map((v) => v || 0));
  const chart = svg('svg', { viewBox: '0 0 ' + (left + 24 * cell + 4) + ' ' + (top + 7 * cell + 4), class: 'heatmap', role: 'img',
    'aria-label': t('heatmap') });
  for (let hour = 0; hour < 24; hour += 3) {
    chart.append(svg('text', { x: left + hour * cell + cell / 2, y: 11, 'text-anchor': 'middle', class: 'axis', text: String(hour) }));
  }
  grid.forEach((row, day) => {
    chart.append(svg('text', { x: left - 6, y: top + day * cell + 13, 'text-anchor': 'end', class: 'axis', text: t('weekdays')[day] }));
    row.forEach((value, hour) => {
      const v = value || 0;
      chart.append(svg('rect', {
        x: left + hour * cell, y: top + day * cell, width: cell - 2, height: cell - 2, rx: 2, class: 'cell',
        'fill-opacity': (0.08 + (0.92 * v) / max).toFixed(3), 'data-day': day, 'data-hour': hour, 'data-value': String(v)
      }, svg('title', { text: t('weekdays')[day] + ' ' + hour + ':00 — ' + v })));
    });
  });
  return chart;
}

/** The inbox's groups that led to hand-offs, most first, each a link to the Unanswered tab. */
function costly(groups) {
  const ranked = groups
    .map((g) => ({ g, handoffs: (g.reasons && g.reasons.handoff_no_answer) || 0 }))
    .filter((x) => x.handoffs > 0)
    .sort((a, b) => b.handoffs - a.handoffs || b.g.count - a.g.count)
    .slice(0, 5);
  if (!ranked.length) return [h('li', { class: 'empty', text: t('noCostly') })];
  return ranked.map(({ g, handoffs }) => h('li', { 'data-group': g.id },
    h('a', { href: '#panel-inbox', text: (g.examples && g.examples[0]) || g.id, onclick: (e) => {
      e.preventDefault();
      selectTab('inbox', true);
    } }),
    h('small', { text: ' ' + number(g.count) + ' ' + t('asked') + ' · ' + number(handoffs) + ' ' + t('handedOff') })));
}

function experimentRows(results) {
  const rows = [];
  for (const r of results) {
    for (const arm of r.arms || []) {
      const s = arm.service || {};
      rows.push(h('tr', { 'data-experiment': r.experimentId, 'data-arm': arm.arm },
        h('td', {}, h('code', { text: r.experimentId })),
        h('td', { text: arm.arm }),
        h('td', { class: 'num', text: number(s.conversations) }),
        h('td', { class: 'num', text: percent(s.handoffRate) }),
        h('td', { class: 'num', text: s.meanRating == null ? t('none') : Number(s.meanRating).toFixed(2) }),
        h('td', { class: 'num', text: percent(s.thumbsDownRate) })));
    }
  }
  if (!rows.length) rows.push(h('tr', { class: 'empty' }, h('td', { colspan: '6', text: t('noExperiments') })));
  return rows;
}

/** Switches the tab's labels between English and Chinese. */
function setLanguage(next) {
  lang = next;
  ui.panel.setAttribute('lang', lang);
  for (const el of ui.panel.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  ui.uiLanguage.textContent = lang === 'en' ? '中文' : 'English';
  ui.uiLanguage.setAttribute('lang', lang === 'en' ? 'zh' : 'en');
  draw();
}

export function init() {
  Object.assign(ui, {
    panel: $('panel-analytics'), days: $('analytics-days'), language: $('analytics-language'), status: $('analytics-status'),
    figures: $('analytics-figures'), reasons: $('analytics-reasons'), csat: $('analytics-csat'), heatmap: $('analytics-heatmap'),
    costly: $('analytics-costly'), experiments: $('analytics-experiments'), uiLanguage: $('analytics-ui-language'),
    csv: $('analytics-csv')
  });
  ui.days.addEventListener('change', load);
  ui.language.addEventListener('change', load);
  $('analytics-refresh').addEventListener('click', load);
  ui.uiLanguage.addEventListener('click', () => setLanguage(lang === 'en' ? 'zh' : 'en'));
  // The CSV needs the bearer token: fetched with it, then saved from memory.
  ui.csv.addEventListener('click', async (e) => {
    e.preventDefault();
    try {
      const response = await fetch(ui.csv.href, { headers: { Authorization: 'Bearer ' + api.token } });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const url = URL.createObjectURL(await response.blob());
      const a = h('a', { href: url, download: 'kefu-conversations.csv' });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      showError(ui.status, err);
    }
  });
  onShow('analytics', load);
}

export function clear() {
  last = null;
  ui.figures.replaceChildren();
  ui.reasons.replaceChildren();
  ui.csat.replaceChildren();
  ui.heatmap.replaceChildren();
  ui.costly.replaceChildren();
  ui.experiments.tBodies[0].replaceChildren();
  clearBox(ui.status);
}
