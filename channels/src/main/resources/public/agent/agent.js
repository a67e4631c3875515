/*!
 * Kefu agent desk: vanilla JS, no dependencies, no build step. Served at /agent/.
 *
 * REST: /api/v1/agent/... with the agent's bearer token, kept in sessionStorage (this tab only).
 *   GET  me                                  {agent, cannedReplies}         checks the token at sign-in
 *   GET  queue | conversations               {conversations: [Q]}          waiting | the ones I own
 *   GET  conversations/{id}                  V = {conversationId, state, agent, messages, context, events}
 *   POST conversations/{id}/claim | messages {text} | release | close  -> V
 *   Errors: {"error": {code, message}}; 409 ALREADY_CLAIMED / NOT_QUEUED / NOT_OWNER.
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
(function () {
  'use strict';

  const KEY_TOKEN = 'kefu.agentToken';
  const API = '/api/v1/agent';
  const MAX_LEN = 2000;
  const TYPING_EVERY_MS = 2000, SHOPPER_TYPING_MS = 6000;
  const BACKOFF_MIN = 1000, BACKOFF_MAX = 15000, MINE_POLL_MS = 20000;
  const SVG = 'http://www.w3.org/2000/svg';
  const REASONS = {
    explicit_request: 'Asked for a person',
    negative_sentiment: 'Very negative message',
    conversation_sentiment: 'Conversation turned negative',
    sentiment_falling: 'Sentiment kept falling',
    repeated_fallback: 'The bot found no answer, repeatedly',
    intent: 'A topic people handle',
    shopper_tag: 'Shopper tag goes to a person',
    bot_failure: 'The bot failed'
  };
  const STATES = { bot: 'with the bot', queued: 'waiting', agent: 'with an agent', closed: 'closed' };
  const WHO = { shopper: 'Shopper', bot: 'Bot', agent: 'Agent', system: 'System' };
  const FROM = ['shopper', 'bot', 'agent', 'system'];

  // ---- small helpers (no innerHTML anywhere) --------------------------------------------------
  function h(tag, props, ...children) {
    const n = document.createElement(tag);
    for (const k in props || {}) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k === 'class') n.className = v;
      else if (k === 'text') n.textContent = String(v);
      else if (k.slice(0, 2) === 'on') n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c != null && c !== false) n.append(c); // strings become text nodes
    return n;
  }

  function svg(tag, attrs, ...children) {
    const n = document.createElementNS(SVG, tag);
    for (const k in attrs || {}) n.setAttribute(k, String(attrs[k]));
    for (const c of children) if (c != null) n.append(c);
    return n;
  }

  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;
  const chars = (s) => Array.from(s).length; // code points, as the server counts
  const reasonLabel = (code) => REASONS[code] || String(code || 'unknown');
  const parseJson = (s, fallback) => { try { return s ? JSON.parse(s) : fallback; } catch (e) { return fallback; } };

  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + String(s % 60).padStart(2, '0') + ' s';
    return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
  }

  function timeEl(iso) {
    const d = new Date(iso);
    if (!iso || isNaN(d)) return null;
    return h('time', { datetime: iso, title: d.toLocaleString(), text: d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
  }

  const session = {
    get() { try { return window.sessionStorage.getItem(KEY_TOKEN); } catch (e) { return null; } },
    set(v) { try { window.sessionStorage.setItem(KEY_TOKEN, v); } catch (e) { /* storage unavailable */ } },
    clear() { try { window.sessionStorage.removeItem(KEY_TOKEN); } catch (e) { /* storage unavailable */ } }
  };

  // ---- API --------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  let token = null;

  /** Calls the agent API; resolves with the parsed JSON, rejects with an ApiError. A 401 signs out (unless signing in). */
  async function api(method, path, body, opts) {
    opts = opts || {};
    const headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(API + path, {
        method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store', credentials: 'omit'
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', 'Cannot reach the server (' + (e && e.message || 'network error') + ').');
    }
    const text = await res.text();
    const data = parseJson(text, null);
    if (!res.ok) {
      const err = data && typeof data.error === 'object' && data.error ? data.error : {};
      const e = new ApiError(res.status, String(err.code || 'HTTP_' + res.status),
        String(err.message || 'The server answered ' + res.status + '.'));
      if (res.status === 401 && !opts.signingIn) signOut('You were signed out: ' + e.message);
      throw e;
    }
    return data;
  }

  /** Runs fn with the button disabled and aria-busy, so a double click sends once. */
  async function busy(button, fn) {
    if (!button || button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try { return await fn(); } finally {
      button.removeAttribute('aria-busy');
      button.disabled = false;
      updateControls(); // the conversation's state decides what stays enabled
    }
  }

  // ---- state ------------------------------------------------------------------------------------
  const ui = {};
  let me = null;
  let ws = null, wsReady = false, retryDelay = BACKOFF_MIN, retryTimer = null;
  let tickTimer = null, mineTimer = null, shopperTypingTimer = null, refreshTimer = null;
  let lastTypingSent = 0, typingOutTimer = null;
  let queueItems = [];
  let uniq = 0;
  let mineSeq = 0, openSeq = 0, refreshSeq = 0;
  /** The open conversation: {id, view (V), bySeq: Map seq -> .msg element}. */
  let current = null;

  // ---- sign-in / sign-out ---------------------------------------------------------------------
  async function signIn(candidate) {
    let value = String(candidate || '').trim();
    const line = /^KEFU_AGENT_TOKENS=[^:\s]+:(\S+)$/.exec(value); // the demo file's whole line pasted
    if (line) value = line[1];
    if (!value) {
      showSignIn('Enter your agent token.');
      return false;
    }
    token = value;
    let profile;
    try {
      profile = await api('GET', '/me', undefined, { signingIn: true });
    } catch (e) {
      token = null;
      showSignIn(e.status === 401 ? 'This agent token is not valid: ' + e.message : e.message);
      return false;
    }
    session.set(value);
    showApp(profile || {});
    return true;
  }

  function showSignIn(message) {
    ui.app.hidden = true;
    ui.sessionBar.hidden = true;
    ui.signInView.hidden = false;
    ui.signInError.textContent = message || '';
    ui.token.setAttribute('aria-invalid', message ? 'true' : 'false');
    ui.token.focus();
  }

  function showApp(profile) {
    me = String(profile.agent || '');
    ui.agentName.textContent = me;
    ui.signInView.hidden = true;
    ui.signInError.textContent = '';
    ui.token.value = '';
    ui.token.setAttribute('aria-invalid', 'false');
    ui.app.hidden = false;
    ui.sessionBar.hidden = false;
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

  function signOut(message) {
    token = null;
    me = null;
    session.clear();
    clearInterval(tickTimer);
    clearInterval(mineTimer);
    clearTimeout(retryTimer);
    retryTimer = null;
    const sock = ws;
    ws = null;
    wsReady = false;
    if (sock) { try { sock.close(1000, 'signed out'); } catch (e) { /* already closed */ } }
    // Leave nothing of the conversations on screen for whoever uses the tab next.
    queueItems = [];
    ui.queue.replaceChildren();
    ui.queueAnnounce.textContent = '';
    ui.mine.replaceChildren();
    ui.queueCount.textContent = '';
    ui.mineCount.textContent = '';
    ui.canned.replaceChildren();
    closeConversation();
    hideDeskStatus();
    showSignIn(message);
  }

  // ---- connection -------------------------------------------------------------------------------
  function connect() {
    if (!token || ws || retryTimer) return;
    setConnection('connecting', 'Connecting…');
    let sock;
    try {
      sock = new WebSocket((location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/ws/agent');
    } catch (e) { scheduleReconnect(); return; }
    ws = sock;
    sock.onopen = () => { if (ws === sock) sock.send(JSON.stringify({ type: 'hello', token: token })); };
    sock.onmessage = (ev) => {
      if (ws !== sock) return;
      const f = parseJson(typeof ev.data === 'string' ? ev.data : '', null);
      if (f && typeof f === 'object') handle(f);
    };
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      wsReady = false;
      if (token) scheduleReconnect();
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
          signOut('You were signed out: ' + (err.message || 'the token is not valid.'));
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
    const priority = ['vip', 'urgent', 'normal'].indexOf(q.priority) >= 0 ? q.priority : 'normal';
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
      h('span', { class: 'badge priority-' + priority, text: priority }),
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
    if (!token) return;
    const seq = ++mineSeq;
    let data;
    try { data = await api('GET', '/conversations'); } catch (e) { return; }
    if (seq !== mineSeq || !token) return;
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
    const priority = ['vip', 'urgent', 'normal'].indexOf(q.priority) >= 0 ? q.priority : 'normal';
    return h('li', { class: 'queue-item mine-item', 'data-conversation-id': id, 'data-priority': priority },
      h('div', { class: 'item-top' },
        h('span', { class: 'badge priority-' + priority, text: priority }),
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
      const data = await api('GET', '/queue');
      renderQueue(data && Array.isArray(data.conversations) ? data.conversations : []);
    } catch (e) { /* the socket's next snapshot will do */ }
  }

  // ---- claim / open -----------------------------------------------------------------------------
  async function claim(id, button) {
    hideDeskStatus();
    await busy(button, async () => {
      let view;
      try {
        view = await api('POST', '/conversations/' + enc(id) + '/claim');
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
      view = await api('GET', '/conversations/' + enc(id));
    } catch (e) {
      if (e.status !== 401 && seq === openSeq) showDeskStatus(e.message, 'error');
      return;
    }
    if (seq !== openSeq || !token) return;
    showConversation(view);
    ui.convTitle.focus({ preventScroll: true });
  }

  /** Re-reads the open conversation and merges it in: missing messages, context, state. */
  async function refreshCurrent() {
    if (!current) return;
    const id = current.id, seq = ++refreshSeq;
    let view;
    try { view = await api('GET', '/conversations/' + enc(id)); } catch (e) { return; }
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
    renderContext(view.context || {}, Array.isArray(view.events) ? view.events : []);
    updateControls();
  }

  function renderHead() {
    const v = current.view;
    const state = String(v.state || '');
    ui.convTitle.textContent = 'Conversation ' + current.id.slice(0, 8);
    ui.convTitle.title = current.id;
    ui.convState.textContent = STATES[state] || state;
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
    const from = FROM.indexOf(m.from) >= 0 ? m.from : 'system';
    const who = h('div', { class: 'who' },
      h('span', { class: 'speaker', text: from === 'agent' && m.author ? WHO.agent + ' ' + m.author : WHO[from] }),
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

  // ---- context packet ---------------------------------------------------------------------------
  function renderContext(ctx, events) {
    const intents = (Array.isArray(ctx.intents) ? ctx.intents : []).filter((i) => i && typeof i === 'object');
    // Detected intent next to each shopper message, and as a list.
    for (const mark of intents) {
      const el = current.bySeq.get(Number(mark.seq));
      if (!el) continue;
      const old = el.querySelector('.intent');
      const chip = h('span', { class: 'intent', title: 'Detected intent and confidence', text: String(mark.intent) + ' ' + confidence(mark.confidence) });
      if (old) old.replaceWith(chip); else el.querySelector('.who').append(chip);
    }
    ui.intents.replaceChildren(...intents.map((i) => h('li', { 'data-seq': i.seq },
      h('span', { class: 'intent-name', text: String(i.intent) }), ' ',
      h('span', { class: 'hint', text: confidence(i.confidence) + ' · message #' + i.seq }))));
    if (!intents.length) ui.intents.append(h('li', { class: 'hint none', text: 'No shopper message analysed yet.' }));

    renderTrigger(ctx);
    ui.summary.textContent = ctx.summary ? String(ctx.summary) : '';
    ui.summary.classList.toggle('hint', !ctx.summary);
    if (!ctx.summary) ui.summary.textContent = 'No summary yet.';
    drawChart(Array.isArray(ctx.sentimentTrend) ? ctx.sentimentTrend.filter((p) => p && typeof p === 'object') : []);

    const tags = (Array.isArray(ctx.tags) ? ctx.tags : []).filter((t) => t != null && t !== '');
    ui.tags.replaceChildren(...tags.map((t) => h('li', { class: 'chip tag', text: String(t) })));
    if (!tags.length) ui.tags.append(h('li', { class: 'hint none', text: 'No tags.' }));

    const tried = (Array.isArray(ctx.triedEntries) ? ctx.triedEntries : []).filter((t) => t && typeof t === 'object');
    ui.tried.replaceChildren(...tried.map((t) => h('li', { 'data-entry-id': t.entryId },
      h('span', { text: String(t.title || t.entryId) }), ' ', h('code', { text: String(t.entryId) }))));
    if (!tried.length) ui.tried.append(h('li', { class: 'hint none', text: 'None: the bot answered nothing from the knowledge.' }));

    renderEvents(events);
  }

  function confidence(c) {
    const n = Number(c);
    return Number.isFinite(n) ? Math.round(n * 100) + '%' : '';
  }

  function renderTrigger(ctx) {
    const t = ctx.trigger && typeof ctx.trigger === 'object' ? ctx.trigger : null;
    ui.trigger.replaceChildren();
    if (!t) {
      ui.trigger.dataset.reason = '';
      ui.trigger.append(h('p', { class: 'hint none', text: 'Not handed off: the shopper did not go to a person.' }));
      return;
    }
    ui.trigger.dataset.reason = t.reason || '';
    ui.trigger.append(h('p', { class: 'reason-line' },
      h('span', { class: 'reason-name', text: reasonLabel(t.reason) }), ' ',
      h('code', { class: 'reason-code', text: String(t.reason || '') })));
    const rows = [];
    const details = t.details && typeof t.details === 'object' ? t.details : {};
    for (const k of Object.keys(details)) rows.push(h('dt', { text: k }), h('dd', { text: String(details[k]) }));
    if (ctx.priority) rows.push(h('dt', { text: 'priority' }), h('dd', { text: String(ctx.priority) }));
    if (ctx.queuedAt) rows.push(h('dt', { text: 'queued' }), h('dd', {}, timeEl(ctx.queuedAt) || String(ctx.queuedAt)));
    if (ctx.waitingSeconds != null && current && current.view.state === 'queued') {
      rows.push(h('dt', { text: 'waiting' }), h('dd', { text: duration(Number(ctx.waitingSeconds) || 0) }));
    }
    if (rows.length) ui.trigger.append(h('dl', {}, ...rows));
  }

  /** The sentiment trend as a small line chart: each message's score and the running score, -1..1. */
  function drawChart(points) {
    ui.chart.replaceChildren();
    ui.chart.dataset.points = String(points.length);
    if (!points.length) {
      ui.chart.append(h('p', { class: 'hint none', text: 'No sentiment yet.' }));
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
    ui.chart.append(chart);
  }

  function renderEvents(events) {
    const list = events.filter((e) => e && typeof e === 'object').slice(-30).reverse();
    ui.events.replaceChildren(...list.map((e) => {
      const data = e.data && typeof e.data === 'object' ? e.data : {};
      const pairs = Object.keys(data).map((k) => k + '=' + data[k]).join(', ');
      return h('li', { class: 'event', 'data-type': e.type },
        timeEl(e.at), ' ', h('strong', { text: String(e.type) }), ' ',
        h('span', { class: 'hint', text: String(e.actor || '') + (pairs ? ' · ' + pairs : '') }));
    }));
    if (!list.length) ui.events.append(h('li', { class: 'hint none', text: 'Nothing yet.' }));
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
    const v = ui.replyInput.value, n = chars(v), over = n > MAX_LEN;
    ui.counter.textContent = n + '/' + MAX_LEN;
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
    if (!text || chars(text) > MAX_LEN) return;
    const id = current.id;
    await busy(ui.send, async () => {
      let view;
      try {
        view = await api('POST', '/conversations/' + enc(id) + '/messages', { text: text });
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
        view = await api('POST', '/conversations/' + enc(id) + '/' + action);
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
      signInView: $('sign-in-view'), signInForm: $('sign-in-form'), token: $('agent-token'), signInError: $('sign-in-error'),
      app: $('app'), sessionBar: $('session-bar'), connection: $('connection'), agentName: $('agent-name'), signOut: $('sign-out'),
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
      intents: $('context-intents'), tags: $('context-tags'), tried: $('context-tried'), events: $('context-events')
    });
    ui.convTitle.tabIndex = -1;

    ui.signInForm.addEventListener('submit', (e) => {
      e.preventDefault();
      busy($('agent-signin'), () => signIn(ui.token.value));
    });
    ui.token.addEventListener('input', () => ui.token.setAttribute('aria-invalid', 'false'));
    ui.signOut.addEventListener('click', () => signOut(''));
    ui.replyForm.addEventListener('submit', (e) => { e.preventDefault(); sendReply(); });
    ui.replyInput.addEventListener('input', onReplyInput);
    ui.replyInput.addEventListener('keydown', onReplyKey);
    ui.claimCurrent.addEventListener('click', () => { if (current) claim(current.id, ui.claimCurrent); });
    ui.release.addEventListener('click', () => act('release', ui.release, 'Handed back to the bot.'));
    ui.close.addEventListener('click', () => act('close', ui.close, 'Closed; the shopper is asked for a rating.'));
    window.addEventListener('online', () => {
      if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; retryDelay = BACKOFF_MIN; connect(); }
    });
    document.addEventListener('visibilitychange', () => { if (token && document.visibilityState === 'visible') loadMine(); });

    const saved = session.get();
    if (saved) {
      signIn(saved).then((ok) => { if (!ok) session.clear(); });
    } else {
      showSignIn('');
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
