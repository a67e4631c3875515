/*!
 * Kefu trainer console, the Experiments tab: the script library's A/B tests, their status (pause,
 * resume, end) and, for the one opened, its results (results.js).
 */
import { $, busy, clearBox, h, showError, showOk } from '/shared/dom.js';
import { api, badge, enc, onShow } from './console.js';
import { removeChart, renderResults } from './results.js';

const EXPERIMENTS = '/api/v1/experiments';
const ui = {};
const exps = { list: [], selected: null, seq: 0, results: null };

const experimentBadge = (status) => badge('experimentStatuses', status, 'experiment-status experiment-');

async function loadExperiments() {
  let data;
  ui.experiments.setAttribute('aria-busy', 'true');
  try {
    data = await api.call('GET', EXPERIMENTS);
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
    r = await api.call('GET', EXPERIMENTS + '/' + enc(id) + '/results');
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
      dto = await api.call('POST', EXPERIMENTS + '/' + enc(id) + '/' + action);
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

export function init() {
  Object.assign(ui, {
    experiments: $('experiments'), experimentsBody: $('experiments').tBodies[0], experimentsStatus: $('experiments-status'),
    experimentPanel: $('experiment-panel'), experimentTitle: $('experiment-title'), experimentState: $('experiment-state'),
    experimentPause: $('experiment-pause'), experimentResume: $('experiment-resume'), experimentEnd: $('experiment-end'),
    endConfirm: $('end-confirm'), endConfirmText: $('end-confirm-text'), endConfirmYes: $('end-confirm-yes'),
    experimentStatus: $('experiment-status'), resultsMeta: $('results-meta'), results: $('results'),
    resultsBody: $('results').tBodies[0]
  });
  $('experiments-refresh').addEventListener('click', () => { clearBox(ui.experimentsStatus); loadExperiments(); });
  $('results-refresh').addEventListener('click', () => { clearBox(ui.experimentStatus); loadResults(); });
  ui.experimentPause.addEventListener('click', () => setExperimentStatus('pause', ui.experimentPause));
  ui.experimentResume.addEventListener('click', () => setExperimentStatus('resume', ui.experimentResume));
  ui.experimentEnd.addEventListener('click', () => { if (ui.endConfirm.hidden) showEndConfirm(); else hideEndConfirm(true); });
  ui.endConfirmYes.addEventListener('click', () => { hideEndConfirm(false); setExperimentStatus('end', ui.endConfirmYes); });
  $('end-confirm-no').addEventListener('click', () => hideEndConfirm(true));
  ui.endConfirm.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); hideEndConfirm(true); } });
  onShow('experiments', loadExperiments);
}

/** Signed out: nothing of the experiments stays on screen. */
export function clear() {
  exps.list = [];
  ui.experimentsBody.replaceChildren();
  closeExperiment();
  clearBox(ui.experimentsStatus);
  clearBox(ui.experimentStatus);
}
