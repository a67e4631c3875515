/*!
 * Kefu storefront chat widget: vanilla JS, no dependencies, works offline.
 *
 * Embed:  <link rel="stylesheet" href="/widget/kefu-widget.css">
 *         <script src="/widget/kefu-widget.js" defer
 *                 data-shopper-token="eyJ…" data-shopper-tags="mother_baby" data-locale="zh-CN"></script>
 * Locale: script[data-locale] > <html lang> > navigator.language ("zh*" means Chinese, otherwise English).
 * Shopper: script[data-shopper-token] / [data-shopper-id] / [data-shopper-tags], else
 * window.KefuWidgetConfig = {shopperToken?, shopperId?, shopperTags?: ["mother_baby"] or "a,b"} (for pages
 * that learn who the shopper is in script, e.g. after a sign-in). shopperToken is the store's signed
 * statement of who the shopper is (a JWT its back end makes); it is read again at every connect, so a page
 * may replace an expired one. Without it the shopper is anonymous: shopperId is only a hint and only
 * self-declarable interests among the tags count. Id and tags are read when the widget first connects.
 * Any element with [data-kefu-open] opens the panel; with [data-kefu-product="<entry id>"] (a product's
 * "Ask" button) the chat is about that product: it goes as the hello's context.productId, as does
 * script[data-product-id] (a product page). Only global: window.KefuWidget = {open(), close(), page(productId)}
 * (page: a single-page storefront moved to another product, sent as a page frame).
 * Outreach: with a conversation, a shopper token or script[data-proactive="on"] the widget connects at load,
 * so a message Kefu sends first (a pushed message frame with outreach {ruleId}) arrives while the panel is
 * closed: it shows as a bubble by the launcher (#kefu-nudge; a click opens the panel) and carries a
 * "Stop these messages" button (an optOut frame, answered by optOutAck).
 *
 * Protocol: JSON frames over WebSocket ws(s)://<host>/ws/chat, documented in the README ("Widget WebSocket").
 *  -> hello (every (re)connect: conversationId + conversationToken resume; NOT_FOUND forgets them and starts a
 *     new one; INVALID_SHOPPER_TOKEN drops the token), message {text, clientId}, feedback {seq, helpful},
 *     typing (at most one per 2 s, only while a person is involved), rating {score, comment?} (after an
 *     agent closed), quickReply {seq, action:"handoff"|"confirm"|"decline"} (a reply's button, or a card's).
 *  <- welcome (replaces shown history), typing {from} (dots: bot max 15 s, agent 6 s), draft {text} (a model
 *     writing; the reply replaces it), reply (the chat API's response: replies[{seq, text, citations,
 *     quickReplies?, cards?}], slots, handoff), message (an agent's reply or a notice), state (the banner;
 *     closed asks for a rating once), feedbackAck, quickReplyAck {seq, state, reply?} (reply: the answer to a
 *     confirm or decline, shown like a reply's), ratingAck, error {error, clientId?}.
 * Cards: a reply's cards?:[{type:"order"|"product", ...}] render under it: an order's status, items, each
 * parcel's carrier, tracking number, expected day and latest events, a "Track" button (asks again) and the
 * offer of a person; a product's name, price, stock and a link to its page (only a path or http(s) URL).
 * Marketing lines (slots): before/after lines carry a small "Interested" button (.kefu-slot-action);
 * clicking it, or a quick reply (which also sends its text), records the click once per line (data-clicked)
 * with POST /api/v1/events {type:"slot_clicked", conversationId, scriptId} (same origin, keepalive, header
 * X-Kefu-Conversation-Token); the server counts it for the conversation's shopper; a failed POST is ignored.
 * The conversation id and its token are kept in localStorage (kefu.conversationId, kefu.conversationToken).
 * Limits: GET /api/v1/ui (same origin) tells the longest message and rating comment the server takes;
 * until it answered (or if it cannot) the counter shows no limit and the server's refusal is shown.
 * Messages typed while disconnected are queued and sent after the next welcome. Reconnects back off
 * 1 s, 2 s, 4 s ... max 15 s. All text is rendered with textContent; innerHTML is never used.
 */
(function () {
  'use strict';
  if (window.KefuWidget) return;

  const TYPING_MS = 15000, AGENT_TYPING_MS = 6000, TYPING_EVERY_MS = 2000;
  const BACKOFF_MIN = 1000, BACKOFF_MAX = 15000;
  const KEY_CONV = 'kefu.conversationId', KEY_TOKEN = 'kefu.conversationToken';
  const KEY_FEEDBACK = 'kefu.feedback', KEY_RATED = 'kefu.rated';
  const FROM = ['shopper', 'bot', 'agent', 'system'];
  const STATES = ['bot', 'queued', 'agent', 'closed'];

  const I18N = {
    en: {
      launcher: 'Chat', open: 'Open customer service chat', title: 'Customer Service',
      close: 'Close chat', placeholder: 'Type your question…', inputLabel: 'Your message',
      send: 'Send', counter: 'characters used', greeting: 'Hi! How can we help you today?',
      connecting: 'Connecting…', reconnecting: 'Reconnecting…', sending: 'Sending…',
      failed: 'Not sent.', retry: 'Retry', error: 'Something went wrong.', sources: 'Sources:',
      helpful: 'Did this help?', yes: 'Yes', no: 'No', thanks: 'Thanks for your feedback',
      queued: 'Connecting you to a human agent…', waitAbout: (n) => ' Expected wait: about ' + n + ' min.',
      agentJoined: 'An agent joined the chat', agentJoinedAs: (name) => name + ' (agent) joined the chat',
      backToBot: 'The agent left: you are chatting with the assistant again', closed: 'This conversation has ended',
      rateTitle: 'How would you rate this conversation?',
      rateScores: ['Very poor', 'Poor', 'OK', 'Good', 'Excellent'],
      rateLabel: (n, word) => n + ' of 5: ' + word, rateComment: 'Comment (optional)',
      rateSubmit: 'Send rating', rateSending: 'Sending…', rateThanks: 'Thank you for your rating!',
      slotAction: 'Interested', slotNoted: 'Noted',
      stop: 'Stop these messages', stopped: "You won't get these messages any more.",
      order: 'Order', tracking: 'tracking no.', eta: 'Expected delivery:', timeline: 'Tracking history', track: 'Track',
      trackText: (n) => 'Where is my order ' + n + '?', person: 'Talk to a person', view: 'View product',
      who: { shopper: 'You', bot: 'Assistant', agent: 'Agent', system: 'System' },
      typing: { bot: 'Assistant is typing', agent: 'Agent is typing' }
    },
    zh: {
      launcher: '客服', open: '打开在线客服', title: '在线客服',
      close: '关闭对话', placeholder: '请输入您的问题…', inputLabel: '您的消息',
      send: '发送', counter: '已输入字数', greeting: '您好！请问有什么可以帮您？',
      connecting: '正在连接…', reconnecting: '正在重新连接…', sending: '发送中…',
      failed: '发送失败。', retry: '重试', error: '出错了，请稍后再试。', sources: '来源：',
      helpful: '有帮助吗？', yes: '是', no: '否', thanks: '感谢反馈',
      queued: '正在为您转接人工客服…', waitAbout: (n) => '预计等待约' + n + '分钟。',
      agentJoined: '人工客服已接入', agentJoinedAs: (name) => '人工客服 ' + name + ' 已接入',
      backToBot: '人工客服已离开，智能助手继续为您服务', closed: '本次会话已结束',
      rateTitle: '您对本次服务满意吗？',
      rateScores: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
      rateLabel: (n, word) => n + '分：' + word, rateComment: '留言（可选）',
      rateSubmit: '提交评价', rateSending: '提交中…', rateThanks: '感谢您的评价！',
      slotAction: '感兴趣', slotNoted: '已记下',
      stop: '不再接收', stopped: '已退订，您不会再收到此类消息。',
      order: '订单', tracking: '运单号', eta: '预计送达：', timeline: '物流记录', track: '查物流',
      trackText: (n) => '我的订单' + n + '到哪了', person: '转人工客服', view: '查看商品',
      who: { shopper: '我', bot: '智能助手', agent: '人工客服', system: '系统' },
      typing: { bot: '智能助手正在输入', agent: '人工客服正在输入' }
    }
  };

  // ---- configuration -------------------------------------------------------------------------
  const script = document.currentScript || document.querySelector('script[src*="kefu-widget"]');
  const cfg = (script && script.dataset) || {};
  const rawLocale = cfg.locale || document.documentElement.getAttribute('lang') || navigator.language || 'en';
  const LOCALE = /^zh/i.test(rawLocale) ? 'zh-CN' : 'en';
  const T = I18N[LOCALE === 'zh-CN' ? 'zh' : 'en'];
  let shopper = null; // {id?, tags?}: see shopperInfo()
  let tokenRefused = false; // the server refused the shopper token: go on as an anonymous shopper
  let draftEl = null; // the bot message being written, until its reply arrives

  const store = {
    get(k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set(k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* storage unavailable */ } }
  };

  // ---- state ---------------------------------------------------------------------------------
  let ws = null, ready = false, everConnected = false, retryDelay = BACKOFF_MIN, retryTimer = null;
  let isOpen = false, typingTimer = null, maxSeq = 0, slotIds = 0, cardIds = 0;
  let convId = store.get(KEY_CONV), convToken = store.get(KEY_TOKEN);
  if (!convToken) convId = null; // kept before conversations had tokens: it cannot be resumed
  let convState = 'bot', agentName = null, expectedWait = null, lastTypingSent = 0, typingOutTimer = null;
  let rating = { score: 0, sent: false };
  let pageProduct = (script && script.getAttribute('data-product-id')) || null; // context.productId
  let maxLen = Infinity; // the server's server.maxMessageChars, once GET /api/v1/ui answered
  const bySeq = new Map();    // seq -> .kefu-msg element (dedupe)
  const pending = new Map();  // clientId -> {clientId, text, el, sent, failed, afterSeq}
  const outbox = [];          // non-message frames waiting for the next welcome
  const feedbackGiven = new Set(parseJson(store.get(KEY_FEEDBACK), []));
  const rated = new Set(parseJson(store.get(KEY_RATED), []));
  const ui = {};

  // ---- DOM helpers (no innerHTML anywhere) ----------------------------------------------------
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

  function icon(d) {
    const NS = 'http://www.w3.org/2000/svg', svg = document.createElementNS(NS, 'svg'), path = document.createElementNS(NS, 'path');
    [['viewBox', '0 0 24 24'], ['aria-hidden', 'true'], ['focusable', 'false']].forEach(([k, v]) => svg.setAttribute(k, v));
    path.setAttribute('d', d);
    svg.append(path);
    return svg;
  }

  /**
   * Who the shopper is: the script's data attributes, else window.KefuWidgetConfig; worked out on
   * first use (the first connect) and fixed from then on, so hello frames and events agree.
   */
  function pageConfig() { return window.KefuWidgetConfig && typeof window.KefuWidgetConfig === 'object' ? window.KefuWidgetConfig : {}; }

  function shopperInfo() {
    if (shopper) return shopper;
    const extra = pageConfig();
    const id = cfg.shopperId || (extra.shopperId != null ? String(extra.shopperId).trim() : '');
    const raw = cfg.shopperTags ? cfg.shopperTags : extra.shopperTags;
    const tags = (Array.isArray(raw) ? raw : String(raw || '').split(',')).map((t) => String(t).trim()).filter(Boolean);
    shopper = {};
    if (id) shopper.id = id;
    if (tags.length) shopper.tags = tags;
    return shopper;
  }

  /** The store's signed shopper token, read at every connect (a page may replace an expired one). */
  function shopperToken() {
    if (tokenRefused) return '';
    const extra = pageConfig();
    return String(cfg.shopperToken || (extra.shopperToken != null ? extra.shopperToken : '')).trim();
  }

  function parseJson(s, fallback) { try { return s ? JSON.parse(s) : fallback; } catch (e) { return fallback; } }

  function uid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(b);
    else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  }

  // ---- build the widget ------------------------------------------------------------------------
  function build() {
    ui.launcher = h('button', {
      id: 'kefu-launcher', class: 'kefu-launcher', type: 'button', 'aria-label': T.open,
      'aria-expanded': 'false', 'aria-controls': 'kefu-panel', onclick: () => (isOpen ? close() : open())
    }, icon('M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9.5L5 22v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z'),
    h('span', { class: 'kefu-launcher-text', text: T.launcher }),
    h('span', { class: 'kefu-unread', 'aria-hidden': 'true' }));

    ui.status = h('span', { id: 'kefu-status', class: 'kefu-status', role: 'status', hidden: true });
    ui.banner = h('div', { id: 'kefu-banner', class: 'kefu-banner', role: 'status', 'data-state': 'bot', hidden: true });
    ui.empty = h('p', { class: 'kefu-empty', text: T.greeting });
    ui.typing = h('div', { id: 'kefu-typing', class: 'kefu-typing', hidden: true },
      h('span', { class: 'kefu-dot' }), h('span', { class: 'kefu-dot' }), h('span', { class: 'kefu-dot' }));
    ui.list = h('div', {
      id: 'kefu-messages', class: 'kefu-messages', role: 'log', 'aria-live': 'polite',
      'aria-relevant': 'additions', 'aria-label': T.title, tabindex: '0'
    }, ui.empty, ui.typing);

    ui.input = h('textarea', {
      id: 'kefu-input', class: 'kefu-input', rows: '1', placeholder: T.placeholder,
      'aria-label': T.inputLabel, 'aria-describedby': 'kefu-counter', 'aria-invalid': 'false',
      oninput: onInput, onkeydown: onKeyDown
    });
    ui.counter = h('span', { id: 'kefu-counter', class: 'kefu-counter', 'aria-label': T.counter, text: '0' });
    ui.send = h('button', { id: 'kefu-send', class: 'kefu-send', type: 'submit', disabled: true, text: T.send });
    buildRating();

    ui.panel = h('section', {
      id: 'kefu-panel', class: 'kefu-panel', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'kefu-title', hidden: true,
      onkeydown: (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } }
    },
    h('header', { class: 'kefu-header' },
      h('span', { class: 'kefu-avatar', 'aria-hidden': 'true' }, icon('M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9.5L5 22v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z')),
      h('div', { class: 'kefu-heading' }, h('h2', { id: 'kefu-title', class: 'kefu-title', text: T.title }), ui.status),
      h('button', { id: 'kefu-close', class: 'kefu-close', type: 'button', 'aria-label': T.close, onclick: close },
        icon('M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z'))),
    ui.banner, ui.list, ui.rating,
    h('form', { class: 'kefu-composer', onsubmit: (e) => { e.preventDefault(); submit(); } },
      ui.input, h('div', { class: 'kefu-composer-side' }, ui.counter, ui.send)));

    ui.nudge = h('button', { id: 'kefu-nudge', class: 'kefu-nudge', type: 'button', hidden: true, onclick: open });
    ui.root = h('div', { id: 'kefu-root', class: 'kefu-root', lang: LOCALE }, ui.panel, ui.nudge, ui.launcher);
    document.body.append(ui.root);
  }

  // ---- open / close ----------------------------------------------------------------------------
  function open() {
    if (!ui.panel || isOpen) return;
    isOpen = true;
    ui.panel.hidden = false;
    ui.root.classList.add('kefu-is-open');
    ui.launcher.setAttribute('aria-expanded', 'true');
    ui.launcher.classList.remove('kefu-has-unread');
    ui.nudge.hidden = true;
    connect();
    scrollToEnd(true);
    ui.input.focus();
  }

  function close() {
    if (!ui.panel || !isOpen) return;
    const hadFocus = ui.panel.contains(document.activeElement);
    isOpen = false;
    ui.panel.hidden = true;
    ui.root.classList.remove('kefu-is-open');
    ui.launcher.setAttribute('aria-expanded', 'false');
    if (hadFocus) ui.launcher.focus();
  }

  // ---- connection ------------------------------------------------------------------------------
  function connect() {
    if (ws || retryTimer) return;
    setStatus(everConnected ? T.reconnecting : T.connecting);
    let sock;
    try {
      sock = new WebSocket((location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/ws/chat');
    } catch (e) { scheduleReconnect(); return; }
    ws = sock;
    sock.onopen = () => sendHello(sock);
    sock.onmessage = (ev) => {
      const f = parseJson(typeof ev.data === 'string' ? ev.data : '', null);
      if (f && typeof f === 'object') handle(f);
    };
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      ready = false;
      hideTyping();
      dropDraft();
      scheduleReconnect();
    };
    sock.onerror = () => { /* a close event follows */ };
  }

  /** hello: who the shopper is, and the conversation to resume with its token. */
  function sendHello(sock) {
    const who = Object.assign({}, shopperInfo());
    const token = shopperToken();
    if (token) who.token = token;
    const hello = { type: 'hello', shopper: who, locale: LOCALE };
    if (convId && convToken) { hello.conversationId = convId; hello.conversationToken = convToken; }
    if (pageProduct) hello.context = { productId: pageProduct };
    sock.send(JSON.stringify(hello));
  }

  /** Forgets the conversation (its token was refused): the next welcome starts a new one. */
  function forgetConversation() {
    convId = convToken = null;
    try { window.localStorage.removeItem(KEY_CONV); window.localStorage.removeItem(KEY_TOKEN); } catch (e) { /* storage unavailable */ }
  }

  function scheduleReconnect() {
    setStatus(T.reconnecting);
    retryTimer = setTimeout(() => { retryTimer = null; connect(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, BACKOFF_MAX);
  }

  function rawSend(frame) {
    if (!ready || !ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  function setStatus(text) { ui.status.textContent = text || ''; ui.status.hidden = !text; ui.root.classList.toggle('kefu-offline', !!text); }

  // ---- incoming frames -------------------------------------------------------------------------
  function handle(f) {
    switch (f.type) {
      case 'welcome': onWelcome(f); break;
      case 'typing': showTyping(f.from === 'agent' ? 'agent' : 'bot'); break;
      case 'draft': onDraft(f); break;
      case 'reply': onReply(f); break;
      case 'message': if (f.message && typeof f.message === 'object') { hideTyping(); onMessage(f); } break;
      case 'optOutAck': onOptOutAck(); break;
      case 'state': setState(f.state, f, true); break;
      case 'ratingAck': onRatingAck(f); break;
      case 'quickReplyAck': // a confirm or decline is answered here, not pushed
        acked(f.seq, '.kefu-offer');
        if (f.reply && typeof f.reply === 'object' && !bySeq.has(Number(f.reply.seq))) { addReply(f.reply); updateEmpty(); }
        break;
      case 'feedbackAck': acked(f.seq, '.kefu-feedback'); break;
      case 'error': onError(f); break;
      default: break; // unknown frames are ignored for forward compatibility
    }
  }

  /** Marks the part of bot message seq that the server confirmed (data-acked). */
  function acked(seq, selector) {
    const el = bySeq.get(Number(seq)), part = el && el.querySelector(selector);
    if (part) part.dataset.acked = 'true';
  }

  function onWelcome(f) {
    if (f.conversationId) { convId = String(f.conversationId); store.set(KEY_CONV, convId); }
    if (f.conversationToken) { convToken = String(f.conversationToken); store.set(KEY_TOKEN, convToken); }
    ready = true;
    everConnected = true;
    retryDelay = BACKOFF_MIN;
    setStatus(null);
    hideTyping();
    // Replace whatever is shown with the server's history, then re-attach unconfirmed messages.
    bySeq.clear();
    maxSeq = 0;
    ui.list.setAttribute('aria-busy', 'true');
    ui.list.replaceChildren(ui.empty, ui.typing);
    const history = (Array.isArray(f.messages) ? f.messages : []).filter((m) => m && typeof m === 'object');
    history.sort((a, b) => Number(a.seq) - Number(b.seq)).forEach((m) => addMessage(m, false));
    for (const [cid, p] of Array.from(pending)) {
      const inFlight = p.sent && !p.failed;
      if (inFlight && history.some((m) => m.from === 'shopper' && Number(m.seq) > p.afterSeq && m.text === p.text)) {
        pending.delete(cid); // the server got it before the connection dropped; history shows it
        continue;
      }
      insert(p.el);
      if (inFlight) setMsgStatus(p, 'failed'); // fate unknown: let the shopper retry instead of duplicating
      else if (!p.failed) transmit(p);
    }
    while (outbox.length && rawSend(outbox[0])) outbox.shift();
    setState(f.state, f, false);
    ui.list.removeAttribute('aria-busy');
    updateEmpty();
    scrollToEnd(true);
  }

  /**
   * An answer being written (a model streaming it): shown as it grows, hidden from screen readers
   * (the final reply is announced), and replaced by the reply that follows, which is what was
   * checked and decided: the same text, the template's, or a hand-off notice.
   */
  function onDraft(f) {
    if (typeof f.text !== 'string' || !f.text) return;
    hideTyping();
    if (!draftEl) {
      draftEl = renderMsg('bot', '');
      draftEl.dataset.draft = 'true';
      draftEl.setAttribute('aria-hidden', 'true');
      insert(draftEl);
    }
    draftEl.querySelector('.kefu-bubble').textContent = f.text;
    updateEmpty();
    scrollToEnd(false);
  }

  function dropDraft() { if (draftEl) { draftEl.remove(); draftEl = null; } }

  function onReply(f) {
    hideTyping();
    dropDraft();
    const p = f.clientId != null ? pending.get(String(f.clientId)) : null;
    if (p) {
      pending.delete(p.clientId);
      setMsgStatus(p, 'sent');
      const s = f.shopperSeq == null ? NaN : Number(f.shopperSeq);
      if (bySeq.has(s)) p.el.remove(); // the server already pushed it as a message: drop the duplicate
      else if (Number.isFinite(s)) { p.el.dataset.seq = String(s); bySeq.set(s, p.el); maxSeq = Math.max(maxSeq, s); }
    }
    const replies = (Array.isArray(f.replies) ? f.replies : []).filter((r) => r && !bySeq.has(Number(r.seq)));
    const nodes = replies.map(addReply);
    const slots = (Array.isArray(f.slots) ? f.slots : []).filter((s) => s && typeof s.text === 'string' && s.text);
    if (slots.length && (nodes.length || !(Array.isArray(f.replies) && f.replies.length))) renderSlots(slots, nodes);
    if (f.handoff && typeof f.handoff === 'object' && f.handoff.state) setState(f.handoff.state, f.handoff, true);
    updateEmpty();
  }

  /** A bot reply with its cards and its quick replies (a confirmation, the offer of a person: also under an order card). */
  function addReply(r) {
    const node = addMessage({ seq: r.seq, from: 'bot', text: r.text, citations: r.citations }, true);
    const offers = (Array.isArray(r.quickReplies) ? r.quickReplies : []).slice();
    const cards = node && Array.isArray(r.cards) ? cardsEl(r.cards) : null;
    if (cards) node.append(cards);
    if (cards && cards.querySelector('.kefu-card-order') && !offers.length) offers.push({ label: T.person, action: 'handoff' });
    if (node && offers.length) node.append(offerEl(r.seq, offers));
    return node;
  }

  function onError(f) {
    hideTyping();
    dropDraft();
    const err = (f.error && typeof f.error === 'object') ? f.error : {};
    if (!ready && ws && ws.readyState === WebSocket.OPEN
        && (err.code === 'NOT_FOUND' || err.code === 'INVALID_SHOPPER_TOKEN')) {
      // The hello was refused: start a new conversation, or go on without the shopper token.
      if (err.code === 'NOT_FOUND') forgetConversation(); else tokenRefused = true;
      sendHello(ws);
      return;
    }
    const cid = f.clientId != null ? f.clientId : err.clientId;
    if (cid == null && rating.sent && !ui.rating.hidden) { // the rating was refused: let the shopper try again
      rating.sent = false;
      renderRating();
    }
    const line = h('div', { class: 'kefu-line kefu-error', 'data-code': err.code, text: err.message || T.error });
    const p = cid != null ? pending.get(String(cid)) : null;
    if (p) {
      setMsgStatus(p, 'failed');
      p.el.after(line);
    } else {
      insert(line);
    }
    scrollToEnd(false);
  }

  /**
   * Shows the conversation's state in the banner. info: the frame's expectedWaitMinutes and agent;
   * live: it changed just now (a welcome restores it quietly: no "back to the assistant" then).
   */
  function setState(raw, info, live) {
    const state = STATES.indexOf(raw) >= 0 ? raw : 'bot';
    const prev = convState;
    info = info && typeof info === 'object' ? info : {};
    convState = state;
    if (state === 'queued') {
      const n = Number(info.expectedWaitMinutes);
      if (info.expectedWaitMinutes != null && Number.isFinite(n) && n > 0) expectedWait = Math.round(n);
    } else {
      expectedWait = null;
    }
    if (state === 'agent') { if (info.agent != null && info.agent !== '') agentName = String(info.agent); } else agentName = null;
    let text = '';
    if (state === 'queued') text = T.queued + (expectedWait ? ' ' + T.waitAbout(expectedWait) : '');
    else if (state === 'agent') text = agentName ? T.agentJoinedAs(agentName) : T.agentJoined;
    else if (state === 'closed') text = T.closed;
    if (state === 'bot' && ((live && (prev === 'agent' || prev === 'queued')) || (prev === 'bot' && ui.banner.dataset.back))) {
      text = T.backToBot; // a person handed the shopper back to the assistant; stays until the next change
      ui.banner.dataset.back = 'true';
    } else {
      delete ui.banner.dataset.back;
    }
    ui.banner.dataset.state = text ? state : 'bot';
    if (ui.banner.textContent !== text) ui.banner.textContent = text;
    ui.banner.hidden = !text;
    if (state === 'agent' || state === 'queued') ui.banner.dataset.agent = agentName || ''; else delete ui.banner.dataset.agent;
    updateRating();
  }

  // ---- rating (after an agent closed the conversation) -----------------------------------------
  function buildRating() {
    ui.ratingTitle = h('p', { id: 'kefu-rating-title', class: 'kefu-rating-title', text: T.rateTitle });
    ui.stars = T.rateScores.map((word, i) => h('button', {
      type: 'button', class: 'kefu-star', 'data-score': i + 1, 'aria-pressed': 'false',
      'aria-label': T.rateLabel(i + 1, word), title: word,
      onclick: () => { if (!rating.sent) { rating.score = i + 1; renderRating(); } }
    }, icon('M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z')));
    ui.ratingComment = h('textarea', {
      id: 'kefu-rating-comment', class: 'kefu-rating-comment', rows: '2',
      'aria-label': T.rateComment, placeholder: T.rateComment
    });
    ui.ratingSubmit = h('button', { type: 'submit', id: 'kefu-rating-submit', class: 'kefu-rating-submit', disabled: true, text: T.rateSubmit });
    ui.ratingThanks = h('p', { id: 'kefu-rating-thanks', class: 'kefu-rating-thanks', tabindex: '-1', hidden: true, text: T.rateThanks });
    ui.ratingForm = h('form', { class: 'kefu-rating-form', onsubmit: (e) => { e.preventDefault(); submitRating(); } },
      h('div', { class: 'kefu-stars', role: 'group', 'aria-labelledby': 'kefu-rating-title' }, ...ui.stars),
      ui.ratingComment, ui.ratingSubmit);
    ui.rating = h('section', { id: 'kefu-rating', class: 'kefu-rating', 'aria-labelledby': 'kefu-rating-title', hidden: true },
      ui.ratingTitle, ui.ratingForm, ui.ratingThanks);
  }

  /** The prompt shows while the conversation is closed and not yet rated; thanks stay until it reopens. */
  function updateRating() {
    if (!ui.rating) return;
    const thanked = !ui.ratingThanks.hidden;
    if (convState !== 'closed') {
      ui.rating.hidden = true;
      ui.ratingThanks.hidden = true;
      rating = { score: 0, sent: false };
      return;
    }
    if (thanked) return;
    if (convId && rated.has(convId)) { ui.rating.hidden = true; return; }
    const wasHidden = ui.rating.hidden;
    ui.rating.hidden = false;
    renderRating();
    if (wasHidden) scrollToEnd(true);
  }

  function renderRating() {
    ui.stars.forEach((b, i) => {
      b.setAttribute('aria-pressed', rating.score === i + 1 ? 'true' : 'false');
      b.classList.toggle('kefu-on', i < rating.score);
      b.disabled = rating.sent;
    });
    ui.ratingComment.disabled = rating.sent;
    ui.ratingSubmit.disabled = rating.sent || !rating.score;
    ui.ratingSubmit.textContent = rating.sent ? T.rateSending : T.rateSubmit;
  }

  function submitRating() {
    if (rating.sent || !rating.score) return;
    const frame = { type: 'rating', score: rating.score };
    const comment = ui.ratingComment.value.trim();
    if (comment) frame.comment = comment;
    rating.sent = true;
    renderRating();
    if (!rawSend(frame)) { outbox.push(frame); connect(); } // sent after the next welcome
  }

  function onRatingAck() {
    if (convId) {
      rated.add(convId);
      store.set(KEY_RATED, JSON.stringify(Array.from(rated).slice(-50)));
    }
    ui.ratingTitle.hidden = true;
    ui.ratingForm.hidden = true;
    ui.ratingThanks.hidden = false;
    ui.rating.hidden = false;
    ui.ratingThanks.focus({ preventScroll: true });
  }

  // ---- rendering -------------------------------------------------------------------------------
  function insert(node) {
    const near = ui.list.scrollHeight - ui.list.scrollTop - ui.list.clientHeight < 80;
    ui.list.insertBefore(node, ui.typing);
    if (near) scrollToEnd(true);
  }

  function scrollToEnd(force) {
    if (force || ui.list.scrollHeight - ui.list.scrollTop - ui.list.clientHeight < 80) ui.list.scrollTop = ui.list.scrollHeight;
  }

  function updateEmpty() { ui.empty.hidden = !!ui.list.querySelector('.kefu-msg'); }

  function renderMsg(from, text, at, author) {
    const node = h('div', { class: 'kefu-msg kefu-from-' + from, 'data-from': from });
    if (from === 'agent') node.append(h('span', { class: 'kefu-label', text: T.who.agent + (author ? ' · ' + author : '') }));
    else if (from !== 'system') node.append(h('span', { class: 'kefu-sr', text: T.who[from] + ': ' }));
    const bubble = h('div', { class: 'kefu-bubble', text: text == null ? '' : String(text) });
    const when = at ? new Date(at) : null;
    if (when && !isNaN(when)) bubble.title = when.toLocaleString(LOCALE);
    node.append(bubble);
    return node;
  }

  // A pushed message: an agent's reply, a notice, or one Kefu sent first (outreach: {ruleId}), which
  // carries a stop button and, while the panel is closed, shows as a bubble by the launcher.
  function onMessage(f) {
    const node = addMessage(f.message, true);
    if (!f.outreach || typeof f.outreach !== 'object' || !node) return;
    node.classList.add('kefu-outreach');
    if (!node.querySelector('.kefu-optout')) {
      node.append(h('button', {
        class: 'kefu-optout', type: 'button', text: T.stop,
        onclick: (e) => { e.target.disabled = true; if (!rawSend({ type: 'optOut' })) e.target.disabled = false; }
      }));
    }
    if (!isOpen) {
      ui.nudge.textContent = String(f.message.text || '').split('\n')[0];
      ui.nudge.hidden = false;
    }
  }

  function onOptOutAck() {
    ui.list.querySelectorAll('.kefu-optout').forEach((b) => b.remove());
    insert(renderMsg('system', T.stopped));
  }

  // Renders a server message (history, reply or push); returns its element. Deduplicated by seq.
  function addMessage(m, live) {
    const seq = Number(m.seq);
    const hasSeq = m.seq != null && Number.isFinite(seq);
    if (hasSeq && bySeq.has(seq)) return bySeq.get(seq);
    const from = FROM.indexOf(m.from) >= 0 ? m.from : 'system';
    const node = renderMsg(from, m.text, m.at, typeof m.author === 'string' ? m.author : null);
    if (hasSeq) { node.dataset.seq = String(seq); bySeq.set(seq, node); maxSeq = Math.max(maxSeq, seq); }
    const cites = (Array.isArray(m.citations) ? m.citations : []).filter((c) => c && typeof c === 'object');
    if (cites.length) {
      node.append(h('div', { class: 'kefu-citations' },
        h('span', { class: 'kefu-citations-label', text: T.sources }),
        ...cites.map((c) => h('span', { class: 'kefu-citation', 'data-entry-id': c.entryId, text: String(c.title || c.entryId || '') }))));
      if (from === 'bot' && hasSeq) node.append(feedbackEl(seq));
    }
    insert(node);
    updateEmpty();
    if (live && !isOpen && (from === 'bot' || from === 'agent')) ui.launcher.classList.add('kefu-has-unread');
    return node;
  }

  function renderSlots(slots, nodes) {
    const first = nodes[0], last = nodes[nodes.length - 1];
    let holder = last;
    if (!holder) { holder = h('div', { class: 'kefu-slots' }); insert(holder); }
    const attrs = (s, cls) => ({ class: cls, 'data-script-id': s.scriptId, 'data-position': s.position });
    const conversation = { id: convId, token: convToken }; // the conversation the lines were shown in
    let quick = null, afterAnchor = last ? last.querySelector('.kefu-bubble') : null;
    for (const s of slots) {
      if (s.position === 'quick_reply') {
        if (!quick) quick = h('div', { class: 'kefu-quick-replies', role: 'group' });
        const button = h('button', Object.assign(attrs(s, 'kefu-quick-reply'), {
          type: 'button',
          onclick: () => {
            recordSlotClick(button, conversation);
            quick.querySelectorAll('button').forEach((b) => { b.disabled = true; });
            sendText(s.text);
            ui.input.focus();
          }
        }), s.text);
        quick.append(button);
      } else {
        const textId = 'kefu-slot-' + (++slotIds);
        const line = h('div', attrs(s, 'kefu-slot kefu-slot-' + (s.position === 'before' ? 'before' : 'after')),
          h('span', { id: textId, class: 'kefu-slot-text' }, s.text), ' ');
        const action = h('button', {
          type: 'button', class: 'kefu-slot-action', 'aria-describedby': textId,
          onclick: () => {
            if (line.dataset.clicked) return;
            recordSlotClick(line, conversation);
            action.textContent = T.slotNoted;
            action.setAttribute('aria-disabled', 'true'); // not disabled: keyboard focus stays on it
          }
        }, T.slotAction);
        line.append(action);
        const bubble = first && s.position === 'before' ? first.querySelector('.kefu-bubble') : null;
        if (bubble) first.insertBefore(line, bubble);
        else if (afterAnchor && s.position !== 'before') { afterAnchor.after(line); afterAnchor = line; }
        else holder.append(line);
      }
    }
    if (quick) holder.append(quick);
    scrollToEnd(false);
  }

  /**
   * Records a click on a marketing line once (el gets data-clicked): a slot_clicked storefront event
   * for the conversation the line was shown in, with its token. Never fails visibly.
   */
  function recordSlotClick(el, conversation) {
    if (!el || el.dataset.clicked) return;
    el.dataset.clicked = 'true';
    if (!conversation.id || !conversation.token || typeof window.fetch !== 'function') return;
    const event = { type: 'slot_clicked', conversationId: conversation.id, scriptId: el.dataset.scriptId };
    try {
      window.fetch('/api/v1/events', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Kefu-Conversation-Token': conversation.token },
        body: JSON.stringify(event), credentials: 'same-origin', keepalive: true
      }).catch(() => { /* marketing never disturbs service */ });
    } catch (e) { /* marketing never disturbs service */ }
  }

  /**
   * A reply's cards (server values only ever as text): an order's status, items and parcels (carrier,
   * tracking number, expected day, latest events) with a "Track" button that asks about it again; a
   * product's name, price, stock and its page, linked only when it is a path or an http(s) URL.
   */
  function cardsEl(cards) {
    const box = h('div', { class: 'kefu-cards' });
    const str = (v) => (v == null ? '' : String(v));
    const list = (v) => (Array.isArray(v) ? v : []).filter((x) => x && typeof x === 'object');
    for (const c of list(cards)) {
      const titleId = 'kefu-card-' + (++cardIds);
      if (c.type === 'order') {
        const card = h('section', { class: 'kefu-card kefu-card-order', 'aria-labelledby': titleId, 'data-order-no': c.orderNo },
          h('h3', { id: titleId, class: 'kefu-card-title', text: T.order + ' ' + str(c.orderNo) }),
          h('p', { class: 'kefu-card-status', 'data-status': c.status, text: str(c.statusLabel || c.status) }),
          h('ul', { class: 'kefu-card-items' }, ...list(c.items).map((i) => h('li', { text: str(i.name) + ' × ' + str(i.quantity) }))));
        for (const s of list(c.shipments)) {
          card.append(h('div', { class: 'kefu-parcel' },
            h('p', { class: 'kefu-tracking', text: str(s.carrier) + ' · ' + T.tracking + ' ' + str(s.trackingNumber) }),
            s.estimatedDelivery ? h('p', { class: 'kefu-eta', text: T.eta + ' ' + str(s.estimatedDelivery) }) : null,
            h('ol', { class: 'kefu-timeline', 'aria-label': T.timeline }, ...list(s.events).map((e) =>
              h('li', {}, h('time', { datetime: e.at, text: when(e.at) }), ' ', str(e.description))))));
        }
        card.append(h('button', { type: 'button', class: 'kefu-quick-reply kefu-track', 'aria-describedby': titleId,
          onclick: () => { sendText(T.trackText(str(c.orderNo))); ui.input.focus(); } }, T.track));
        box.append(card);
      } else if (c.type === 'product') {
        let url = null;
        try { url = c.url && /^(\/(?!\/)|https?:\/\/)/i.test(c.url) ? new URL(c.url, location.href).href : null; } catch (e) { url = null; }
        box.append(h('section', { class: 'kefu-card kefu-card-product', 'aria-labelledby': titleId, 'data-product-id': c.productId },
          h('h3', { id: titleId, class: 'kefu-card-title', text: str(c.name) }),
          h('p', { class: 'kefu-price', text: money(c.price, c.currency) }),
          c.stockLabel ? h('p', { class: 'kefu-stock', 'data-stock': c.stock, text: str(c.stockLabel) }) : null,
          url ? h('a', { class: 'kefu-card-link', href: url, target: '_top', 'aria-describedby': titleId }, T.view) : null));
      }
    }
    return box.childNodes.length ? box : null;
  }

  function when(at) { const d = new Date(at); return isNaN(d) ? '' : d.toLocaleString(LOCALE, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }); }

  function money(amount, currency) {
    if (amount == null || amount === '') return '';
    try { return new Intl.NumberFormat(LOCALE, { style: 'currency', currency: String(currency || 'CNY') }).format(Number(amount)); } catch (e) { return String(amount) + ' ' + String(currency || ''); }
  }

  /**
   * The reply's own quick replies (the bot offering a person): buttons that send
   * {type:"quickReply", seq, action} once; pressing one disables them all.
   */
  function offerEl(seq, quickReplies) {
    const group = h('div', { class: 'kefu-quick-replies kefu-offer', role: 'group', 'data-seq': seq });
    for (const q of quickReplies) {
      if (!q || typeof q.label !== 'string' || typeof q.action !== 'string') continue;
      const button = h('button', {
        type: 'button', class: 'kefu-quick-reply kefu-offer-action', 'data-action': q.action,
        onclick: () => {
          group.querySelectorAll('button').forEach((b) => { b.disabled = true; });
          button.dataset.pressed = 'true';
          const frame = { type: 'quickReply', seq: seq, action: q.action };
          if (!rawSend(frame)) outbox.push(frame);
        }
      }, q.label);
      group.append(button);
    }
    return group;
  }

  function feedbackEl(seq) {
    const key = (convId || '') + ':' + seq;
    const box = h('div', { class: 'kefu-feedback', 'data-seq': seq });
    const thanks = () => h('span', { class: 'kefu-feedback-thanks', tabindex: '-1', text: T.thanks });
    if (feedbackGiven.has(key)) { box.append(thanks()); return box; }
    const give = (helpful) => {
      const frame = { type: 'feedback', seq: seq, helpful: helpful };
      if (!rawSend(frame)) outbox.push(frame);
      feedbackGiven.add(key);
      store.set(KEY_FEEDBACK, JSON.stringify(Array.from(feedbackGiven).slice(-200)));
      const t = thanks();
      box.dataset.helpful = String(helpful);
      box.replaceChildren(t);
      t.focus({ preventScroll: true });
    };
    box.append(h('span', { class: 'kefu-feedback-q', text: T.helpful }),
      h('button', { type: 'button', class: 'kefu-helpful-yes', onclick: () => give(true) }, T.yes),
      h('button', { type: 'button', class: 'kefu-helpful-no', onclick: () => give(false) }, T.no));
    return box;
  }

  function showTyping(from) {
    ui.typing.dataset.from = from;
    ui.typing.setAttribute('aria-label', T.typing[from]);
    ui.typing.setAttribute('role', 'status');
    ui.typing.hidden = false;
    ui.list.append(ui.typing); // keep it last
    scrollToEnd(false);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, from === 'agent' ? AGENT_TYPING_MS : TYPING_MS);
  }

  function hideTyping() { clearTimeout(typingTimer); if (ui.typing) ui.typing.hidden = true; }

  // ---- outgoing messages -----------------------------------------------------------------------
  function sendText(raw) {
    const text = String(raw).trim();
    if (!text || text.length > maxLen) return false;
    const p = { clientId: uid(), text: text, el: renderMsg('shopper', text), sent: false, failed: false, afterSeq: 0 };
    pending.set(p.clientId, p);
    setMsgStatus(p, 'pending');
    insert(p.el);
    updateEmpty();
    scrollToEnd(true);
    transmit(p);
    connect(); // no-op when connected or a retry is scheduled
    return true;
  }

  function transmit(p) {
    p.el.dataset.clientId = p.clientId;
    if (!rawSend({ type: 'message', text: p.text, clientId: p.clientId })) return; // sent after next welcome
    p.sent = true;
    p.afterSeq = maxSeq;
  }

  function retry(p) {
    pending.delete(p.clientId);
    p.clientId = uid();
    p.sent = false;
    pending.set(p.clientId, p);
    const next = p.el.nextElementSibling;
    if (next && next.classList.contains('kefu-error')) next.remove();
    setMsgStatus(p, 'pending');
    insert(p.el); // move to the end: it is being sent now
    scrollToEnd(true);
    transmit(p);
    connect();
  }

  function setMsgStatus(p, status) {
    p.el.dataset.status = status;
    p.failed = status === 'failed';
    const old = p.el.querySelector('.kefu-meta');
    if (old) old.remove();
    if (status === 'sent') return;
    const meta = h('div', { class: 'kefu-meta' });
    if (status === 'pending') meta.append(T.sending);
    else meta.append(h('span', { class: 'kefu-failed-text', text: T.failed }), ' ',
      h('button', { type: 'button', class: 'kefu-retry', onclick: () => retry(p) }, T.retry));
    p.el.append(meta);
  }

  // ---- composer --------------------------------------------------------------------------------
  function onInput() {
    updateCounter();
    ui.input.style.height = 'auto';
    ui.input.style.height = Math.min(ui.input.scrollHeight, 140) + 'px';
    signalTyping();
  }

  /** The counter "used/most", and whether the text may be sent. */
  function updateCounter() {
    const v = ui.input.value, n = v.length, over = n > maxLen;
    ui.counter.textContent = maxLen === Infinity ? String(n) : n + '/' + maxLen;
    ui.counter.classList.toggle('kefu-over', over);
    ui.input.setAttribute('aria-invalid', over ? 'true' : 'false');
    ui.send.disabled = !v.trim() || over;
  }

  /**
   * Tells the waiting or serving agent that the shopper is typing: at most one frame per 2 s, the
   * last one sent when the 2 s are up (never queued for later: it is only news now).
   */
  function signalTyping() {
    const typing = () => ui.input.value.trim() && (convState === 'queued' || convState === 'agent');
    if (!typing() || typingOutTimer) return;
    const wait = lastTypingSent + TYPING_EVERY_MS - Date.now();
    if (wait > 0) {
      typingOutTimer = setTimeout(() => { typingOutTimer = null; signalTyping(); }, wait);
    } else if (rawSend({ type: 'typing' })) {
      lastTypingSent = Date.now();
    }
  }

  function onKeyDown(e) {
    // Enter sends, Shift+Enter inserts a newline; never send while an IME (e.g. pinyin) is composing.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  }

  function submit() {
    if (ui.send.disabled) return;
    if (sendText(ui.input.value)) {
      ui.input.value = '';
      onInput();
      ui.input.focus();
    }
  }

  /** The server's limits (the longest message and rating comment); the widget works without them. */
  function loadLimits() {
    if (typeof window.fetch !== 'function') return;
    window.fetch('/api/v1/ui', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((meta) => {
        const limits = meta && meta.limits;
        if (!limits) return;
        if (Number(limits.maxMessageChars) > 0) maxLen = Number(limits.maxMessageChars);
        if (Number(limits.maxRatingCommentChars) > 0) ui.ratingComment.maxLength = Number(limits.maxRatingCommentChars);
        updateCounter();
      })
      .catch(() => { /* no limits shown: the server still refuses what is too long */ });
  }

  // ---- init ------------------------------------------------------------------------------------
  function init() {
    build();
    loadLimits();
    document.addEventListener('click', (e) => {
      const t = e.target && e.target.closest ? e.target.closest('[data-kefu-open]') : null;
      if (!t) return;
      e.preventDefault();
      const product = t.getAttribute('data-kefu-product');
      if (product && product !== pageProduct) {
        pageProduct = product;
        if (ws && ws.readyState === WebSocket.OPEN) sendHello(ws); // the same conversation, now about it
      }
      open();
    });
    window.addEventListener('online', () => {
      if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; retryDelay = BACKOFF_MIN; connect(); }
    });
    // An ongoing conversation or a signed-in shopper: connect now, so agent replies and messages
    // Kefu sends first (outreach) are not missed while the panel is closed.
    if (convId || shopperToken() || cfg.proactive === 'on') connect();
  }

  /** The shopper browsed to another page (a product's id, or null): later messages are about it. */
  function page(productId) {
    pageProduct = typeof productId === 'string' && productId ? productId : null;
    rawSend({ type: 'page', context: pageProduct ? { productId: pageProduct } : null });
  }

  window.KefuWidget = Object.freeze({ open: open, close: close, page: page });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
