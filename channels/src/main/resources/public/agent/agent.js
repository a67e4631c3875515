/*!
 * Kefu agent desk: an ES module, no dependencies, no build step. Served at /agent/.
 *
 * REST: /api/v1/agent/... with the agent's bearer token (shared/signin.js keeps it in this tab only).
 *   GET  me                                  {agent, cannedReplies}         checks the token at sign-in
 *   GET  queue | conversations               {conversations: [Q]}          waiting | the ones I own
 *   GET  conversations/{id}                  V = {conversationId, state, agent, messages, context, events}
 *   POST conversations/{id}/claim | messages {text} | release | close  -> V
 *   Errors: {"error": {code, message}}; 409 ALREADY_CLAIMED / NOT_QUEUED / NOT_OWNER.
 * GET /api/v1/ui: the longest reply, and the labels of states, priorities, hand-off reasons, speakers.
 * WebSocket /ws/agent (JSON frames), reconnecting with backoff 1 s, 2 s, 4 s ... max 15 s:
 *   -> hello {token}            <- welcome {agent} | error {error:{code:"UNAUTHORIZED"}} (then closed)
 *   <- queue {conversations:[Q]}                      a full snapshot after welcome and on every change
 *   -> watch {conversationId}                         the open conversation (replaces the previous)
 *   <- message {conversationId, message}              each new message of the watched conversation
 *   <- state {conversationId, state, agent}           its state changed
 *   -> typing {conversationId}                        the agent is typing (at most every 2 s)
 *   <- typing {conversationId, from:"shopper"}        the shopper is typing
 *   <- error {error:{code, message}}                  the socket stays open (except UNAUTHORIZED)
 *
 * All server-provided and typed text is rendered with textContent / DOM APIs; innerHTML is never used.
 */
import { $, busy as busyButton, chars, h } from '/shared/dom.js';
import { Api, label } from '/shared/api.js';
import { SignIn } from '/shared/signin.js';
import { renderContext } from './context.js';
import { duration, timeEl } from './format.js';

const API = '/api/v1/agent';
const TYPING_EVERY_MS = 2000, SHOPPER_TYPING_MS = 6000;
const BACKOFF_MIN = 1000, BACKOFF_MAX = 15000, MINE_POLL_MS = 20000;

const enc = encodeURIComponent;
const parseJson = (s, fallback) => { try { return s ? JSON.parse(s) : fallback; } catch (e) { return fallback; } };
const api = new Api();
const call = (method, path, body, opts) => api.call(method, API + path, body, opts);

/** Runs fn with the button busy; then the conversation's state decides what stays enabled. */
async function busy(button, fn) {
  try { return await busyButton(button, fn); } finally { updateControls(); }
}

// ---- state --------------------------------------------------------------------------------------
const ui = {};
/** The server's limits and labels (GET /api/v1/ui), read at sign-in. */
let meta = null;
let me = null;
let ws = null, wsReady = false, retryDelay = BACKOFF_MIN, retryTimer = null;
let tickTimer = null, mineTimer = null, shopperTypingTimer = null, refreshTimer = null;
let lastTypingSent = 0, typingOutTimer = null;
let queueItems = [];
let uniq = 0;
let mineSeq = 0, openSeq = 0, refreshSeq = 0;
/** The open conversation: {id, view (V), bySeq: Map seq -> .msg element}. */
let current = null;
let signIn = null;

const reasonLabel = (code) => label(meta.handoffReasons, code || 'unknown');
const maxLen = () => meta.limits.maxMessageChars;

/** A priority code the server knows, else the lowest (the server lists them highest first). */
function priorityOf(code) {
  const known = meta.priorities;
  return known.some((p) => p.code === code) ? code : known[known.length - 1].code;
}

// ---- signed in / signed out -----------------------------------------------------------------------
function showApp(profile, serverMeta) {
  meta = serverMeta;
  me = String(profile.agent || '');
  ui.agentName.textContent = me;
  renderCanned(Array.isArray(profile.cannedReplies) ? profile.cannedReplies : []);
  closeConversation();
  retryDelay = BACKOFF_MIN;
  connect();
  loadMine();
  clearInterval(tickTimer);
  tickTimer = setInterval(tick, 1000);
  clearInterval(mineTimer);
  mineTimer = setInterval(() => { if (document.visibilityState === 'visible') loadMine(); }, MINE_POLL_MS);
}

/** Signed out: nothing of the conversations stays on screen for whoever uses the tab next. */
function clearApp() {
  me = null;
  clearInterval(tickTimer);
  clearInterval(mineTimer);
  clearTimeout(retryTimer);
  retryTimer = null;
  const sock = ws;
  ws = null;
  wsReady = false;
  if (sock) { try { sock.close(1000, 'signed out'); } catch (e) { /* already closed */ } }
  queueItems = [];
  ui.queue.replaceChildren();
  ui.queueAnnounce.textContent = '';
  ui.mine.replaceChildren();
  ui.queueCount.textContent = '';
  ui.mineCount.textContent = '';
  ui.canned.replaceChildren();
  closeConversation();
  hideDeskStatus();
}

// ---- connection -------------------------------------------------------------------------------
function connect() {
  if (!api.token || ws || retryTimer) return;
  setConnection('connecting', 'Connecting…');
  let sock;
  try {
    sock = new WebSocket((location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/ws/agent');
  } catch (e) { scheduleReconnect(); return; }
  ws = sock;
  sock.onopen = () => { if (ws === sock) sock.send(JSON.stringify({ type: 'hello', token: api.token })); };
  sock.onmessage = (ev) => {
    if (ws !== sock) return;
    const f = parseJson(typeof ev.data === 'string' ? ev.data : '', null);
    if (f && typeof f === 'object') handle(f);
  };
  sock.onclose = () => {
    if (ws !== sock) return;
    ws = null;
    wsReady = false;
    if (api.token) scheduleReconnect();
  };
  sock.onerror = () => { /* a close event follows */ };
}

function scheduleReconnect() {
  setConnection('offline', 'Offline: reconnecting in ' + Math.round(retryDelay / 1000) + ' s…');
  retryTimer = setTimeout(() => { retryTimer = null; connect(); }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, BACKOFF_MAX);
}

function rawSend(frame) {
  if (!wsReady || !ws || ws.readyState !== WebSocket.OPEN) return false;
  ws.send(JSON.stringify(frame));
  return true;
}

function setConnection(state, text) {
  ui.connection.dataset.state = state;
  ui.connection.textContent = text;
}

function handle(f) {
  switch (f.type) {
    case 'welcome':
      wsReady = true;
      retryDelay = BACKOFF_MIN;
      setConnection('live', 'Live');
      if (current) { rawSend({ type: 'watch', conversationId: current.id }); refreshCurrent(); }
      loadMine();
      break;
    case 'queue':
      renderQueue(Array.isArray(f.conversations) ? f.conversations : []);
      scheduleMine();
      break;
    case 'message':
      if (current && f.conversationId === current.id && f.message && typeof f.message === 'object') {
        addMessage(f.message);
        if (f.message.from === 'shopper') { hideShopperTyping(); scheduleRefresh(); }
      }
      break;
    case 'state':
      if (current && f.conversationId === current.id) {
        current.view.state = String(f.state || current.view.state);
        current.view.agent = f.agent == null ? null : String(f.agent);
        renderHead();
        updateControls();
        scheduleRefresh();
      }
      scheduleMine();
      break;
    case 'typing':
      if (current && f.conversationId === current.id && f.from === 'shopper') showShopperTyping();
      break;
    case 'error': {
      const err = f.error && typeof f.error === 'object' ? f.error : {};
      if (err.code === 'UNAUTHORIZED') {
        const sock = ws;
        ws = null;
        if (sock) { try { sock.close(); } catch (e) { /* closed */ } }
        signIn.signOut('You were signed out: ' + (err.message || 'the token is not valid.'));
      } else {
        showDeskStatus(err.message || 'Something went wrong.', 'error');
      }
      break;
    }
    default: break; // unknown frames are ignored for forward compatibility
  }
}

function showDeskStatus(text, kind) {
  ui.deskStatus.textContent = text;
  ui.deskStatus.className = 'desk-status' + (kind === 'info' ? ' info' : '');
  ui.deskStatus.dataset.kind = kind || 'error';
  ui.deskStatus.hidden = false;
}

function hideDeskStatus() {
  ui.deskStatus.hidden = true;
  ui.deskStatus.textContent = '';
  delete ui.deskStatus.dataset.code;
}

// ---- queue and my conversations ---------------------------------------------------------------
/** Rebuilds a list, keeping keyboard focus on the same button of the same conversation. */
function rebuild(list, items) {
  const active = document.activeElement;
  let keep = null;
  if (active && list.contains(active)) {
    const item = active.closest('[data-conversation-id]');
    keep = item ? { id: item.dataset.conversationId, cls: active.classList.contains('claim') ? 'claim' : 'open' } : null;
  }
  list.replaceChildren(...items);
  if (keep) {
    const again = Array.from(list.querySelectorAll('[data-conversation-id]')).find((n) => n.dataset.conversationId === keep.id);
    const button = again && again.querySelector('.' + keep.cls);
    if (button) button.focus({ preventScroll: true });
  }
}

function renderQueue(conversations) {
  const now = Date.now();
  const before = new Set(queueItems.map((q) => String(q.conversationId)));
  queueItems = conversations.filter((q) => q && typeof q === 'object' && q.conversationId);
  const arrived = queueItems.filter((q) => !before.has(String(q.conversationId))).length;
  if (arrived) ui.queueAnnounce.textContent = arrived === 1 ? 'A new conversation is waiting.' : arrived + ' new conversations are waiting.';
  rebuild(ui.queue, queueItems.map((q) => queueItem(q, now)));
  ui.queueCount.textContent = queueItems.length ? String(queueItems.length) : '';
  ui.queueEmpty.hidden = queueItems.length > 0;
  document.title = (queueItems.length ? '(' + queueItems.length + ') ' : '') + 'Kefu agent desk';
  markCurrent();
}

function queueItem(q, now) {
  const id = String(q.conversationId);
  const trigger = q.trigger && typeof q.trigger === 'object' ? q.trigger : {};
  const priority = priorityOf(q.priority);
  const expected = Number(q.expectedWaitMinutes) || 0;
  const waiting = h('span', {
    class: 'waiting', 'data-base': Number(q.waitingSeconds) || 0, 'data-received': now,
    'data-limit': expected * 60, title: expected ? 'Target: claimed within ' + expected + ' min' : null
  });
  const n = ++uniq;
  const item = h('li', {
    class: 'queue-item', 'data-conversation-id': id, 'data-priority': priority, 'data-reason': trigger.reason || ''
  },
  h('div', { class: 'item-top' },
    h('span', { class: 'badge priority-' + priority, text: label(meta.priorities, priority) }),
    q.language ? h('span', { class: 'lang', lang: 'en', title: 'Shopper language', text: String(q.language) }) : null,
    Number(q.overdueCount) > 0 ? h('span', { class: 'chip overdue', text: 'overdue ×' + Number(q.overdueCount) }) : null,
    waiting),
  h('span', { id: 'q-reason-' + n, class: 'reason', title: trigger.reason || '', text: reasonLabel(trigger.reason) + detailHint(trigger.details) }),
  h('p', { id: 'q-preview-' + n, class: 'preview', text: q.preview == null ? '' : String(q.preview) }),
  tagChips(q.tags),
  h('div', { class: 'item-actions' },
    h('button', {
      type: 'button', class: 'open', title: 'Read it without claiming', 'aria-describedby': 'q-reason-' + n + ' q-preview-' + n,
      onclick: () => openConversation(id)
    }, 'Open'),
    h('button', {
      type: 'button', class: 'claim primary', 'aria-describedby': 'q-reason-' + n + ' q-preview-' + n,
      onclick: (e) => claim(id, e.currentTarget)
    }, 'Claim')));
  updateWaiting(waiting, now);
  return item;
}

function detailHint(details) {
  if (!details || typeof details !== 'object') return '';
  const keys = Object.keys(details);
  if (!keys.length) return '';
  const k = keys[0];
  return ' · ' + k + ' ' + String(details[k]);
}

function tagChips(tags) {
  const list = (Array.isArray(tags) ? tags : []).filter((t) => t != null && t !== '');
  if (!list.length) return null;
  return h('ul', { class: 'chips', 'aria-label': 'Shopper tags' }, ...list.map((t) => h('li', { class: 'chip tag', text: String(t) })));
}

function updateWaiting(el, now) {
  const seconds = Number(el.dataset.base) + (now - Number(el.dataset.received)) / 1000;
  const limit = Number(el.dataset.limit) || 0;
  el.textContent = 'waiting ' + duration(seconds);
  el.classList.toggle('late', limit > 0 && seconds > limit);
}

function tick() {
  const now = Date.now();
  ui.queue.querySelectorAll('.waiting[data-base]').forEach((el) => updateWaiting(el, now));
}

let mineTimerOnce = null;
function scheduleMine() {
  clearTimeout(mineTimerOnce);
  mineTimerOnce = setTimeout(loadMine, 150);
}

async function loadMine() {
  if (!api.token) return;
  const seq = ++mineSeq;
  let data;
  try { data = await call('GET', '/conversations'); } catch (e) { return; }
  if (seq !== mineSeq || !api.token) return;
  const items = (data && Array.isArray(data.conversations) ? data.conversations : [])
    .filter((q) => q && typeof q === 'object' && q.conversationId);
  rebuild(ui.mine, items.map(mineItem));
  ui.mineCount.textContent = items.length ? String(items.length) : '';
  ui.mineEmpty.hidden = items.length > 0;
  markCurrent();
}

function mineItem(q) {
  const id = String(q.conversationId), n = ++uniq;
  const trigger = q.trigger && typeof q.trigger === 'object' ? q.trigger : {};
  const priority = priorityOf(q.priority);
  return h('li', { class: 'queue-item mine-item', 'data-conversation-id': id, 'data-priority': priority },
    h('div', { class: 'item-top' },
      h('span', { class: 'badge priority-' + priority, text: label(meta.priorities, priority) }),
      q.language ? h('span', { class: 'lang', text: String(q.language) }) : null),
    h('span', { class: 'reason', text: reasonLabel(trigger.reason) }),
    h('p', { id: 'm-preview-' + n, class: 'preview', text: q.preview == null ? '' : String(q.preview) }),
    tagChips(q.tags),
    h('div', { class: 'item-actions' },
      h('button', { type: 'button', class: 'open primary', 'aria-describedby': 'm-preview-' + n, onclick: () => openConversation(id) }, 'Open')));
}

function markCurrent() {
  for (const list of [ui.queue, ui.mine]) {
    list.querySelectorAll('[data-conversation-id]').forEach((n) => {
      const on = !!current && n.dataset.conversationId === current.id;
      n.classList.toggle('current', on);
      if (on) n.setAttribute('aria-current', 'true'); else n.removeAttribute('aria-current');
    });
  }
}

async function refreshQueue() {
  try {
    const data = await call('GET', '/queue');
    renderQueue(data && Array.isArray(data.conversations) ? data.conversations : []);
  } catch (e) { /* the socket's next snapshot will do */ }
}

// ---- claim / open -----------------------------------------------------------------------------
async function claim(id, button) {
  hideDeskStatus();
  await busy(button, async () => {
    let view;
    try {
      view = await call('POST', '/conversations/' + enc(id) + '/claim');
    } catch (e) {
      if (e.code === 'ALREADY_CLAIMED') {
        showDeskStatus('Another agent claimed this conversation first. The queue is refreshed.', 'error');
      } else if (e.code === 'NOT_QUEUED') {
        showDeskStatus('This conversation is no longer waiting (' + e.message + '). The queue is refreshed.', 'error');
      } else if (e.status !== 401) {
        showDeskStatus(e.message, 'error');
      }
      ui.deskStatus.dataset.code = e.code;
      refreshQueue();
      loadMine();
      if (current && current.id === id) refreshCurrent();
      return;
    }
    showConversation(view);
    loadMine();
    ui.replyInput.focus();
  });
}

async function openConversation(id) {
  hideDeskStatus();
  const seq = ++openSeq;
  let view;
  try {
    view = await call('GET', '/conversations/' + enc(id));
  } catch (e) {
    if (e.status !== 401 && seq === openSeq) showDeskStatus(e.message, 'error');
    return;
  }
  if (seq !== openSeq || !api.token) return;
  showConversation(view);
  ui.convTitle.focus({ preventScroll: true });
}

/** Re-reads the open conversation and merges it in: missing messages, context, state. */
async function refreshCurrent() {
  if (!current) return;
  const id = current.id, seq = ++refreshSeq;
  let view;
  try { view = await call('GET', '/conversations/' + enc(id)); } catch (e) { return; }
  if (seq !== refreshSeq || !current || current.id !== id) return;
  mergeView(view);
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshCurrent, 250);
}

// ---- the open conversation --------------------------------------------------------------------
function closeConversation() {
  current = null;
  clearTimeout(refreshTimer);
  hideShopperTyping();
  ui.convBody.hidden = true;
  ui.placeholder.hidden = false;
  ui.context.hidden = true;
  ui.transcript.replaceChildren();
  ui.replyInput.value = '';
  updateCounter();
  markCurrent();
}

/** Shows a conversation view V from scratch (another conversation) or merges it (the same one). */
function showConversation(view) {
  const id = String(view.conversationId);
  if (current && current.id === id) { mergeView(view); return; }
  current = { id: id, view: view, bySeq: new Map() };
  hideShopperTyping();
  ui.transcript.replaceChildren();
  ui.convStatus.textContent = '';
  ui.convStatus.className = 'status';
  ui.replyInput.value = '';
  updateCounter();
  ui.placeholder.hidden = true;
  ui.convBody.hidden = false;
  ui.context.hidden = false;
  ui.conversation.dataset.conversationId = id;
  mergeView(view);
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
  // Watch from now on, then read once more: nothing said between the read and the watch is missed.
  if (rawSend({ type: 'watch', conversationId: id })) scheduleRefresh();
  markCurrent();
}

function mergeView(view) {
  current.view = view;
  const messages = (Array.isArray(view.messages) ? view.messages : []).filter((m) => m && typeof m === 'object');
  messages.forEach(addMessage);
  renderHead();
  renderContext(ui, view, current.bySeq, meta);
  updateControls();
}

function renderHead() {
  const v = current.view;
  const state = String(v.state || '');
  ui.convTitle.textContent = 'Conversation ' + current.id.slice(0, 8);
  ui.convTitle.title = current.id;
  ui.convState.textContent = label(meta.conversationStates, state);
  ui.convState.className = 'badge state state-' + state;
  ui.convState.dataset.state = state;
  ui.convMeta.textContent = state === 'agent' && v.agent ? (v.agent === me ? 'you serve it' : 'served by ' + v.agent) : '';
}

function isOwner() {
  return !!current && current.view.state === 'agent' && current.view.agent === me;
}

function updateControls() {
  if (!ui.replyInput) return;
  const v = current ? current.view : null;
  const state = v ? v.state : null;
  const owner = isOwner();
  ui.claimCurrent.hidden = state !== 'queued';
  ui.release.disabled = !owner;
  ui.close.disabled = !(owner || state === 'queued');
  ui.replyInput.disabled = !owner;
  for (const b of ui.canned.querySelectorAll('button')) b.disabled = !owner;
  let note = '';
  if (v && !owner) {
    if (state === 'queued') note = 'The shopper is waiting: claim the conversation to reply.';
    else if (state === 'agent') note = (v.agent || 'Another agent') + ' is serving this conversation.';
    else if (state === 'bot') note = 'The bot is serving this conversation.';
    else if (state === 'closed') note = 'This conversation is closed.';
  }
  ui.replyNote.textContent = note;
  updateCounter();
}

/** Adds a message in seq order unless it is shown already; keeps the view at the end when it was there. */
function addMessage(m) {
  const seq = Number(m.seq);
  if (!Number.isFinite(seq) || current.bySeq.has(seq)) return;
  const from = meta.speakers.some((s) => s.code === m.from) ? m.from : 'system';
  const speaker = label(meta.speakers, from);
  const who = h('div', { class: 'who' },
    h('span', { class: 'speaker', text: from === 'agent' && m.author ? speaker + ' ' + m.author : speaker }),
    timeEl(m.at));
  const node = h('div', { class: 'msg', 'data-seq': seq, 'data-from': from }, who,
    h('p', { class: 'text', text: m.text == null ? '' : String(m.text) }));
  const cites = (Array.isArray(m.citations) ? m.citations : []).filter((c) => c && typeof c === 'object');
  if (cites.length) {
    node.append(h('div', { class: 'citations' }, 'Sources:',
      ...cites.map((c) => h('span', { class: 'citation', 'data-entry-id': c.entryId, title: c.entryId, text: String(c.title || c.entryId || '') }))));
  }
  const near = ui.transcript.scrollHeight - ui.transcript.scrollTop - ui.transcript.clientHeight < 80;
  let before = null;
  for (const [s, el] of current.bySeq) if (s > seq && (!before || s < Number(before.dataset.seq))) before = el;
  ui.transcript.insertBefore(node, before);
  current.bySeq.set(seq, node);
  if (near) ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

function showShopperTyping() {
  ui.shopperTyping.hidden = false;
  clearTimeout(shopperTypingTimer);
  shopperTypingTimer = setTimeout(hideShopperTyping, SHOPPER_TYPING_MS);
}

function hideShopperTyping() {
  clearTimeout(shopperTypingTimer);
  if (ui.shopperTyping) ui.shopperTyping.hidden = true;
}

// ---- replying ---------------------------------------------------------------------------------
function renderCanned(replies) {
  ui.canned.replaceChildren(...replies.map((text) => h('li', {},
    h('button', { type: 'button', class: 'canned-reply', onclick: () => insertCanned(String(text)) }, String(text)))));
  if (!replies.length) ui.canned.append(h('li', { class: 'hint', text: 'No canned replies configured.' }));
  updateControls();
}

function insertCanned(text) {
  const input = ui.replyInput;
  if (input.disabled) return;
  const start = input.selectionStart == null ? input.value.length : input.selectionStart;
  const end = input.selectionEnd == null ? start : input.selectionEnd;
  input.setRangeText(text, start, end, 'end');
  input.focus();
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function updateCounter() {
  const v = ui.replyInput.value, n = chars(v), max = meta ? maxLen() : Infinity, over = n > max;
  ui.counter.textContent = meta ? n + '/' + max : String(n);
  ui.counter.classList.toggle('over', over);
  ui.replyInput.setAttribute('aria-invalid', over ? 'true' : 'false');
  ui.send.disabled = !isOwner() || !v.trim() || over || ui.send.getAttribute('aria-busy') === 'true';
}

function onReplyInput() {
  updateCounter();
  signalTyping();
}

/** Tells the shopper the agent is typing: at most one frame per 2 s, the last one when the 2 s are up. */
function signalTyping() {
  if (!isOwner() || !ui.replyInput.value.trim() || typingOutTimer) return;
  const wait = lastTypingSent + TYPING_EVERY_MS - Date.now();
  if (wait > 0) {
    typingOutTimer = setTimeout(() => { typingOutTimer = null; signalTyping(); }, wait);
  } else if (rawSend({ type: 'typing', conversationId: current.id })) {
    lastTypingSent = Date.now();
  }
}

function onReplyKey(e) {
  // Enter sends, Shift+Enter inserts a newline; never send while an IME (e.g. pinyin) is composing.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    sendReply();
  }
}

async function sendReply() {
  if (ui.send.disabled || !current) return;
  const text = ui.replyInput.value.trim();
  if (!text || chars(text) > maxLen()) return;
  const id = current.id;
  await busy(ui.send, async () => {
    let view;
    try {
      view = await call('POST', '/conversations/' + enc(id) + '/messages', { text: text });
    } catch (e) {
      setConvStatus(e.message, 'error', e.code);
      if (e.code === 'NOT_OWNER') refreshCurrent();
      return;
    }
    if (current && current.id === id) {
      if (ui.replyInput.value.trim() === text) ui.replyInput.value = '';
      setConvStatus('', '');
      mergeView(view);
      ui.transcript.scrollTop = ui.transcript.scrollHeight;
    }
    clearTimeout(typingOutTimer);
    typingOutTimer = null;
  });
  ui.replyInput.focus();
}

function setConvStatus(text, kind, code) {
  ui.convStatus.textContent = text;
  ui.convStatus.className = 'status' + (kind ? ' ' + kind : '');
  if (code) ui.convStatus.dataset.code = code; else delete ui.convStatus.dataset.code;
}

async function act(action, button, done) {
  if (!current) return;
  const id = current.id;
  await busy(button, async () => {
    let view;
    try {
      view = await call('POST', '/conversations/' + enc(id) + '/' + action);
    } catch (e) {
      setConvStatus(e.message, 'error', e.code);
      refreshCurrent();
      return;
    }
    if (current && current.id === id) { mergeView(view); setConvStatus(done, 'ok'); }
    loadMine();
  });
}

// ---- init ---------------------------------------------------------------------------------------
function init() {
  Object.assign(ui, {
    app: $('app'), sessionBar: $('session-bar'), connection: $('connection'), agentName: $('agent-name'),
    deskStatus: $('desk-status'),
    queue: $('queue'), queueCount: $('queue-count'), queueEmpty: $('queue-empty'), queueAnnounce: $('queue-announce'),
    mine: $('mine'), mineCount: $('mine-count'), mineEmpty: $('mine-empty'),
    conversation: $('conversation'), placeholder: $('conv-placeholder'), convBody: $('conv-body'),
    convTitle: $('conv-title'), convState: $('conv-state'), convMeta: $('conv-meta'), convStatus: $('conv-status'),
    claimCurrent: $('claim-current'), release: $('release'), close: $('close'),
    transcript: $('transcript'), shopperTyping: $('shopper-typing'),
    replyForm: $('reply-form'), replyInput: $('reply-input'), counter: $('reply-counter'), send: $('reply-send'),
    replyNote: $('reply-note'), canned: $('canned'),
    context: $('context'), trigger: $('context-trigger'), summary: $('context-summary'), chart: $('sentiment-chart'),
    intents: $('context-intents'), tags: $('context-tags'), tried: $('context-tried'), events: $('context-events'),
    orders: $('context-orders'), actions: $('context-actions')
  });
  ui.convTitle.tabIndex = -1;

  ui.replyForm.addEventListener('submit', (e) => { e.preventDefault(); sendReply(); });
  ui.replyInput.addEventListener('input', onReplyInput);
  ui.replyInput.addEventListener('keydown', onReplyKey);
  ui.claimCurrent.addEventListener('click', () => { if (current) claim(current.id, ui.claimCurrent); });
  ui.release.addEventListener('click', () => act('release', ui.release, 'Handed back to the bot.'));
  ui.close.addEventListener('click', () => act('close', ui.close, 'Closed; the shopper is asked for a rating.'));
  window.addEventListener('online', () => {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; retryDelay = BACKOFF_MIN; connect(); }
  });
  document.addEventListener('visibilitychange', () => { if (api.token && document.visibilityState === 'visible') loadMine(); });

  signIn = new SignIn({
    kind: 'agent',
    api: api,
    els: {
      view: $('sign-in-view'), form: $('sign-in-form'), input: $('agent-token'), error: $('sign-in-error'),
      button: $('agent-signin'), signOut: $('sign-out')
    },
    shown: [ui.app, ui.sessionBar],
    check: () => call('GET', '/me', undefined, { signingIn: true }),
    onSignedIn: (profile, serverMeta) => showApp(profile || {}, serverMeta),
    onSignedOut: clearApp
  });
  signIn.start();
}

init(); // a module runs once the document is parsed
