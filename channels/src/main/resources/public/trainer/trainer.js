/*!
 * Kefu trainer console: an ES module, no dependencies, no build step. Served at /trainer/.
 *
 * Talks to the curation API (/api/v1/kb/...), the marketing API (/api/v1/scripts,
 * /api/v1/experiments, /api/v1/slots/suppressions), the intents API (/api/v1/intents) and the analytics API (/api/v1/analytics) with
 * the trainer's bearer token, which shared/signin.js keeps in this tab only; the limits, types and labels come from GET /api/v1/ui.
 * Errors come as {"error": {code, message, problems?: [..]}}. Every knowledge change is a draft
 * (a new revision of the working copy) until "Publish"; a saved script library is live at once.
 *
 * This module signs in and out, routes between the tabs and polls; each tab is a module of its own:
 * knowledge.js (with history.js), inbox.js, io.js, scripts.js, experiments.js (with results.js),
 * suppressions.js, intents.js, analytics.js, and the publish bar, publish.js. They share console.js.
 *
 * All server-provided and typed text is rendered with textContent / DOM APIs; innerHTML is never used.
 */
import { $, applyLimits } from '/shared/dom.js';
import { SignIn } from '/shared/signin.js';
import * as analytics from './analytics.js';
import { KB, api, bindTabs, selectTab, useMeta } from './console.js';
import * as experiments from './experiments.js';
import * as inbox from './inbox.js';
import * as intents from './intents.js';
import * as io from './io.js';
import * as knowledge from './knowledge.js';
import * as outreach from './outreach.js';
import * as publish from './publish.js';
import * as scripts from './scripts.js';
import * as suppressions from './suppressions.js';

const POLL_MS = 30000;
let pollTimer = null;

function showApp(meta) {
  useMeta(meta);
  applyLimits(meta.limits);
  scripts.start();
  selectTab('entries', false);
  knowledge.start();
  publish.start();
  inbox.loadInbox();
  clearInterval(pollTimer);
  pollTimer = setInterval(poll, POLL_MS);
}

/** Signed out: nothing of the knowledge or the marketing data stays on screen. */
function clearApp() {
  clearInterval(pollTimer);
  pollTimer = null;
  for (const tab of [knowledge, inbox, io, publish, scripts, experiments, suppressions, outreach, intents, analytics]) tab.clear();
}

/** While the console is in sight: the publish bar and the inbox count stay current. */
function poll() {
  if (!api.token || document.visibilityState !== 'visible') return;
  publish.refreshPublications();
  inbox.loadInbox(true);
}

function init() {
  for (const tab of [knowledge, inbox, io, publish, scripts, experiments, suppressions, outreach, intents, analytics]) tab.init();
  bindTabs();
  window.addEventListener('beforeunload', (e) => {
    if (knowledge.hasUnsavedEntry() || scripts.scriptsDirty()) { e.preventDefault(); e.returnValue = ''; }
  });
  document.addEventListener('visibilitychange', poll);
  new SignIn({
    kind: 'trainer',
    api: api,
    els: {
      view: $('sign-in-view'), form: $('sign-in-form'), input: $('token'), error: $('sign-in-error'),
      button: $('sign-in'), signOut: $('sign-out')
    },
    shown: [$('app'), $('publish-bar'), $('sign-out')],
    check: () => api.call('GET', KB + '/entries?limit=1', undefined, { signingIn: true }),
    onSignedIn: (page, meta) => showApp(meta),
    onSignedOut: clearApp,
    mayLeave: () => knowledge.confirmDiscard() && scripts.confirmDiscardScripts()
  }).start();
}

init(); // a module runs once the document is parsed
