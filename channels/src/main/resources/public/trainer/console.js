/*!
 * Kefu trainer console: what its tabs share — the API client, the server's meta, the tab router,
 * a few formats, and the events by which one tab tells the others that something changed:
 *   knowledge-changed  a draft changed (the entry list and the publish bar refresh)
 *   published          a release went live (entry statuses change, their content does not)
 *   inbox-changed      unanswered questions were answered or dismissed
 */
import { Api, description, label } from '/shared/api.js';
import { $, h } from '/shared/dom.js';

export const KB = '/api/v1/kb';
export const api = new Api();
export const enc = encodeURIComponent;

let serverMeta = null;

/** The server's limits and labels (GET /api/v1/ui), read at sign-in. */
export const meta = () => serverMeta;

export function useMeta(value) {
  serverMeta = value;
}

// ---- events between tabs ---------------------------------------------------------------------------
const bus = new EventTarget();

export function on(name, fn) {
  bus.addEventListener(name, () => fn());
}

export function emit(name) {
  bus.dispatchEvent(new Event(name));
}

// ---- tabs ----------------------------------------------------------------------------------------------
const shows = new Map();

/** What happens when a tab is shown (loading its data), registered by the tab's module. */
export function onShow(name, fn) {
  shows.set(name, fn);
}

/** The tabs in page order: the ids after "tab-" of the tab list's buttons. */
const tabNames = () => Array.from(document.querySelectorAll('[role="tab"]'), (t) => t.id.slice(4));

export function selectTab(name, focus) {
  for (const t of tabNames()) {
    const tab = $('tab-' + t), chosen = t === name;
    tab.setAttribute('aria-selected', chosen ? 'true' : 'false');
    tab.tabIndex = chosen ? 0 : -1;
    $('panel-' + t).hidden = !chosen;
    if (chosen && focus) tab.focus();
  }
  const show = shows.get(name);
  if (show) show();
}

/** Arrow keys, Home and End move between the tabs. */
export function onTabKey(e) {
  const names = tabNames();
  const i = names.indexOf(e.currentTarget.id.slice(4));
  let next = null;
  if (e.key === 'ArrowRight') next = names[(i + 1) % names.length];
  else if (e.key === 'ArrowLeft') next = names[(i + names.length - 1) % names.length];
  else if (e.key === 'Home') next = names[0];
  else if (e.key === 'End') next = names[names.length - 1];
  if (next) { e.preventDefault(); selectTab(next, true); }
}

export function bindTabs() {
  for (const t of tabNames()) {
    const tab = $('tab-' + t);
    tab.addEventListener('click', () => selectTab(t, false));
    tab.addEventListener('keydown', onTabKey);
  }
}

// ---- formats ---------------------------------------------------------------------------------------------
export function when(iso) {
  const d = new Date(iso);
  return isNaN(d) ? String(iso || '') : d.toLocaleString();
}

export function timeEl(iso) {
  return h('time', { datetime: iso, title: iso, text: when(iso) });
}

/** A badge with a code's label from one of the meta's lists, its description as the title. */
export function badge(listName, code, cls) {
  const list = serverMeta[listName];
  return h('span', { class: 'badge ' + cls + code, title: description(list, code), text: label(list, code) });
}
