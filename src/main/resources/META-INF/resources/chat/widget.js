/*
 * Tawasul web chat: the embeddable widget, the full-page chat (/chat) and the kiosk (/kiosk). Plain JavaScript, no
 * framework, nothing loaded from anywhere but the bot that serves this file.
 *
 *   <script src="https://bot.example.gov/chat/widget.js" data-lang="ar"></script>
 *
 * data-mode   widget (default: a button that opens a panel) | page (fills #tawasul-chat) | kiosk
 * data-lang   ar (default, right to left) | en
 * data-demo   case numbers to suggest (public demo data), separated by spaces
 * data-kiosk, data-idle-timeout (seconds)   kiosk only
 *
 * Protocol (frames: ClientFrame and ServerFrames in channels/…/webchat): the socket /chat/socket, first frame
 * hello {token}; welcome gives the token kept in localStorage (not in kiosk mode: a fresh visitor per session);
 * history over GET /chat/api/history; every message carries our id so that a resend after a reconnect is one
 * message; our messages are acknowledged "delivered" on arrival and "read" once shown. After our ack the server
 * sends "typing" only when the bot will answer, or "held" when a person holds the conversation (shown as "a staff
 * member will answer you here" instead).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) { return; }
  var root = script.src.replace(/\/chat\/widget\.js(\?.*)?$/, '');
  var mode = script.getAttribute('data-mode') || 'widget';
  var kioskMode = mode === 'kiosk';
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'ar';
  var kioskId = script.getAttribute('data-kiosk') || null;
  var idleMs = Math.max(5, parseInt(script.getAttribute('data-idle-timeout') || '60', 10)) * 1000;
  var demo = (script.getAttribute('data-demo') || '').split(/\s+/).filter(Boolean);
  var TOKEN_KEY = 'tawasul-webchat-token';
  var MAX_TEXT = 1500;

  var TEXT = {
    ar: {
      title: 'تواصل', subtitle: 'استعلم عن حالة معاملتك', open: 'محادثة تواصل', close: 'إغلاق المحادثة',
      label: 'اكتب رقم المعاملة أو سؤالك', send: 'إرسال', you: 'أنت', bot: 'تواصل', agent: 'موظف',
      log: 'المحادثة', typing: 'تواصل يكتب…', held: 'سيرد عليك أحد موظفينا هنا.', offline: 'انقطع الاتصال، جارٍ إعادة المحاولة…',
      sending: 'جارٍ الإرسال', sent: 'أُرسلت', limited: 'رسائل كثيرة، انتظر دقيقة ثم أعد المحاولة.',
      tooLong: 'الرسالة طويلة جداً.', demo: 'جرّب رقماً من المعاملات التجريبية (بيانات تجريبية عامة يراها الجميع):',
      ask: 'حالة ', keypad: 'لوحة الأرقام', display: 'رقم المعاملة', del: 'حذف', clear: 'مسح', go: 'استعلام',
      welcome: 'مرحباً بك في تواصل', welcomeText: 'استعلم عن حالة معاملتك بإدخال رقمها.', start: 'ابدأ',
      other: 'English', otherLang: 'en', quick: 'اختيارات سريعة', hint: 'مثال: \u20661446-000123\u2069 أو ٤٥١٢٨٧٣'
    },
    en: {
      title: 'Tawasul', subtitle: 'Ask about your case', open: 'Tawasul chat', close: 'Close the chat',
      label: 'Type your case number or question', send: 'Send', you: 'You', bot: 'Tawasul', agent: 'Agent',
      log: 'Conversation', typing: 'Tawasul is typing…', held: 'A staff member will answer you here.', offline: 'Connection lost, trying again…',
      sending: 'Sending', sent: 'Sent', limited: 'Too many messages: wait a minute and try again.',
      tooLong: 'The message is too long.', demo: 'Try a sample case (public demo data anyone may see):',
      ask: 'Case ', keypad: 'Number pad', display: 'Case number', del: 'Delete', clear: 'Clear', go: 'Ask',
      welcome: 'Welcome to Tawasul', welcomeText: 'Ask about your case by entering its number.', start: 'Start',
      other: 'العربية', otherLang: 'ar', quick: 'Quick replies', hint: 'e.g. 1446-000123 or 4512873'
    }
  };
  var t = TEXT[lang];

  var memoryToken = null;
  function storage() {
    if (kioskMode) { return null; }
    try { return window.localStorage; } catch (e) { return null; }
  }
  function getToken() {
    var s = storage();
    return s ? s.getItem(TOKEN_KEY) : memoryToken;
  }
  function setToken(v) {
    var s = storage();
    if (s) { s.setItem(TOKEN_KEY, v); } else { memoryToken = v; }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }

  // ---- the panel ----
  var panel, log, typing, status, quick, form, input, display, welcome, launcher;
  var shown = {};        // ids of messages on screen
  var unread = [];       // our message ids shown while the panel was not visible
  var pending = {};      // client id -> frame not yet acknowledged
  var socket = null, attempt = 0, reconnectTimer = null, typingTimer = null, idleTimer = null;
  var historyLoaded = false, stopped = false;
  var awaitingReply = false; // the visitor sent something and no message of ours came since

  function build() {
    var css = document.querySelector('link[data-tawasul-css]');
    if (!css && !document.querySelector('link[href$="/chat/chat.css"]')) {
      css = el('link');
      css.rel = 'stylesheet';
      css.href = root + '/chat/chat.css';
      css.setAttribute('data-tawasul-css', '');
      document.head.appendChild(css);
    }
    panel = el('section', 'tw-chat tw-' + mode);
    panel.setAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    panel.setAttribute('lang', lang);
    panel.setAttribute('aria-label', t.open);

    var head = el('header', 'tw-head');
    var titles = el('div', 'tw-titles');
    titles.appendChild(el('h1', 'tw-title', t.title));
    titles.appendChild(el('p', 'tw-subtitle', t.subtitle));
    head.appendChild(titles);
    if (mode !== 'widget') {
      var other = el('button', 'tw-lang', t.other);
      other.type = 'button';
      other.setAttribute('lang', t.otherLang);
      other.addEventListener('click', switchLanguage);
      head.appendChild(other);
    } else {
      var close = el('button', 'tw-close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', t.close);
      close.addEventListener('click', function () { toggle(false); });
      head.appendChild(close);
    }
    panel.appendChild(head);

    log = el('ol', 'tw-log');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    log.setAttribute('aria-relevant', 'additions');
    log.setAttribute('aria-label', t.log);
    log.tabIndex = 0;
    panel.appendChild(log);

    if (demo.length) {
      var hint = el('div', 'tw-demo');
      hint.appendChild(el('p', 'tw-demo-text', t.demo));
      var chips = el('div', 'tw-demo-cases');
      demo.forEach(function (n) {
        var b = el('button', 'tw-chip', n);
        b.type = 'button';
        b.setAttribute('dir', 'ltr');
        b.addEventListener('click', function () { send(t.ask + n, null); });
        chips.appendChild(b);
      });
      hint.appendChild(chips);
      panel.appendChild(hint);
    }

    typing = el('p', 'tw-typing', t.typing);
    typing.hidden = true;
    panel.appendChild(typing);
    status = el('p', 'tw-status');
    status.setAttribute('role', 'status');
    panel.appendChild(status);
    quick = el('div', 'tw-quick');
    quick.setAttribute('role', 'group');
    quick.setAttribute('aria-label', t.quick);
    panel.appendChild(quick);

    if (kioskMode) {
      panel.appendChild(keypad());
    } else {
      form = el('form', 'tw-form');
      var id = 'tw-input-' + Math.random().toString(36).slice(2);
      var label = el('label', 'tw-label', t.label);
      label.htmlFor = id;
      input = el('input', 'tw-input');
      input.id = id;
      input.type = 'text';
      input.autocomplete = 'off';
      input.maxLength = MAX_TEXT;
      input.placeholder = t.hint;
      input.setAttribute('dir', 'auto');
      var go = el('button', 'tw-send', t.send);
      go.type = 'submit';
      form.appendChild(label);
      var row = el('div', 'tw-row');
      row.appendChild(input);
      row.appendChild(go);
      form.appendChild(row);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var v = input.value.trim();
        if (v) { send(v, null); input.value = ''; }
        input.focus();
      });
      panel.appendChild(form);
    }

    if (mode === 'widget') {
      launcher = el('button', 'tw-launcher', t.open);
      launcher.type = 'button';
      launcher.setAttribute('aria-expanded', 'false');
      launcher.setAttribute('lang', lang);
      launcher.addEventListener('click', function () { toggle(panel.hidden); });
      panel.hidden = true;
      panel.setAttribute('role', 'dialog');
      panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') { toggle(false); } });
      document.body.appendChild(launcher);
      document.body.appendChild(panel);
    } else {
      (document.getElementById('tawasul-chat') || document.body).appendChild(panel);
    }
    if (kioskMode) {
      welcome = buildWelcome();
      panel.appendChild(welcome);
    }
  }

  function keypad() {
    var pad = el('div', 'tw-keypad');
    pad.setAttribute('role', 'group');
    pad.setAttribute('aria-label', t.keypad);
    display = el('output', 'tw-display');
    display.setAttribute('aria-label', t.display);
    display.setAttribute('dir', 'ltr');
    display.setAttribute('aria-live', 'polite');
    pad.appendChild(display);
    var keys = el('div', 'tw-keys');
    var digits = lang === 'ar' ? '١٢٣٤٥٦٧٨٩' : '123456789';
    var zero = lang === 'ar' ? '٠' : '0';
    digits.split('').concat(['-', zero, '/']).forEach(function (k) {
      keys.appendChild(key(k, k, function () { typeKey(k); }));
    });
    keys.appendChild(key(t.del, 'del', function () { display.textContent = display.textContent.slice(0, -1); }));
    keys.appendChild(key(t.clear, 'clear', function () { display.textContent = ''; }));
    keys.appendChild(key(t.go, 'go', function () {
      var v = display.textContent.trim();
      // the number alone (a one-time code typed here must stay a code); the engine answers digits alone in the
      // page's language, which hello declared
      if (v) { send(v, null); display.textContent = ''; }
    }));
    pad.appendChild(keys);
    return pad;
  }

  function key(label, name, action) {
    var b = el('button', 'tw-key tw-key-' + (/^[\d٠-٩]$/.test(name) ? 'digit' : name.replace(/[^a-z]/g, '') || 'sep'),
      label);
    b.type = 'button';
    b.setAttribute('data-key', name);
    b.addEventListener('click', action);
    return b;
  }

  function typeKey(k) {
    if (display.textContent.length < 20) { display.textContent += k; }
  }

  function buildWelcome() {
    var w = el('div', 'tw-welcome');
    w.appendChild(el('h2', 'tw-welcome-title', t.welcome));
    w.appendChild(el('p', 'tw-welcome-text', t.welcomeText));
    var start = el('button', 'tw-start', t.start);
    start.type = 'button';
    start.addEventListener('click', function () { w.hidden = true; startSession(); });
    w.appendChild(start);
    var other = el('button', 'tw-lang tw-welcome-lang', t.other);
    other.type = 'button';
    other.setAttribute('lang', t.otherLang);
    other.addEventListener('click', switchLanguage);
    w.appendChild(other);
    return w;
  }

  function switchLanguage() {
    var url = new URL(location.href);
    url.searchParams.set('lang', t.otherLang);
    location.href = url.toString();
  }

  function toggle(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      if (!socket) { connect(); }
      input.focus();
      markShownAsRead();
    } else {
      launcher.focus();
    }
  }

  function visible() {
    return !panel.hidden && document.visibilityState !== 'hidden';
  }

  // ---- messages on screen ----
  function render(m) {
    if (shown[m.id]) {
      if (m.direction === 'in' || m.mine) { setState(m.id, null); }
      return;
    }
    shown[m.id] = true;
    var mine = m.direction === 'in' || m.mine;
    var item = el('li', 'tw-msg ' + (mine ? 'tw-mine' : 'tw-theirs tw-' + (m.origin || 'bot')));
    item.setAttribute('data-id', m.id);
    var who = el('span', 'tw-who', mine ? t.you : (m.origin === 'agent' ? t.agent : t.bot));
    var body = el('p', 'tw-text');
    body.setAttribute('dir', 'auto');
    isolateNumbers(body, m.text || '');
    item.appendChild(who);
    item.appendChild(body);
    if (mine && m.pending) {
      item.appendChild(el('span', 'tw-state', t.sending));
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    if (!mine) {
      awaitingReply = false;
      hideTyping();
      showQuickReplies(m.quickReplies || []);
    }
  }

  /**
   * The text into el, numbers with separators (1446-000123, ١٤٤٦-٠٠٠١٢٣, 2024/12345) each in a <bdi dir="ltr">,
   * as the console shows them (ConsoleFormats.isolated): in a right-to-left line the bidi algorithm would show
   * ١٤٤٦-٠٠٠١٢٣ as ٠٠٠١٢٣-١٤٤٦. Text nodes only, never HTML.
   */
  function isolateNumbers(target, text) {
    var re = /[+]?[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[-\/.:][0-9\u0660-\u0669\u06F0-\u06F9]+)+/g;
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      target.appendChild(document.createTextNode(text.slice(last, m.index)));
      var b = el('bdi', null, m[0]);
      b.setAttribute('dir', 'ltr');
      target.appendChild(b);
      last = m.index + m[0].length;
    }
    target.appendChild(document.createTextNode(text.slice(last)));
  }

  function setState(id, text) {
    var item = log.querySelector('[data-id="' + id + '"]');
    var state = item && item.querySelector('.tw-state');
    if (state) {
      if (text) { state.textContent = text; } else { state.remove(); }
    }
  }

  function showQuickReplies(list) {
    quick.textContent = '';
    list.forEach(function (q) {
      var b = el('button', 'tw-quick-reply', q.title);
      b.type = 'button';
      b.addEventListener('click', function () { send(q.title, q.payload); });
      quick.appendChild(b);
    });
    log.scrollTop = log.scrollHeight;
  }

  function showTyping() {
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, 10000);
  }

  function hideTyping() {
    typing.hidden = true;
    clearTimeout(typingTimer);
  }

  function notice(text) {
    status.textContent = text || '';
  }

  // ---- the socket ----
  function connect() {
    if (stopped) { return; }
    var url = root.replace(/^http/, 'ws') + '/chat/socket';
    var ws = new WebSocket(url);
    socket = ws;
    ws.onopen = function () {
      ws.send(JSON.stringify({ type: 'hello', token: getToken(), kiosk: kioskId, lang: lang }));
    };
    ws.onmessage = function (e) {
      if (ws !== socket) { return; }
      var f;
      try { f = JSON.parse(e.data); } catch (x) { return; }
      received(f);
    };
    ws.onclose = function () {
      if (ws !== socket || stopped) { return; }
      notice(t.offline);
      var wait = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
      attempt++;
      reconnectTimer = setTimeout(connect, wait);
    };
  }

  function received(f) {
    if (f.type === 'welcome') {
      attempt = 0;
      notice('');
      setToken(f.token);
      loadHistory(historyLoaded);
      Object.keys(pending).forEach(function (id) { socket.send(JSON.stringify(pending[id])); });
    } else if (f.type === 'ack') {
      if (pending[f.id]) { delete pending[f.id]; }
      setState(f.id, null);
    } else if (f.type === 'typing') {
      if (status.textContent === t.held) { notice(''); }
      // a late hint (the answer overtook it) is dropped
      if (awaitingReply) { showTyping(); }
    } else if (f.type === 'held') {
      // a person holds the conversation: the bot will not answer, so no "typing…"
      hideTyping();
      notice(t.held);
    } else if (f.type === 'message') {
      render(f);
      ack(f.id, 'delivered');
      if (visible()) { ack(f.id, 'read'); } else { unread.push(f.id); }
    } else if (f.type === 'error') {
      if (f.id && pending[f.id]) { delete pending[f.id]; setState(f.id, null); }
      if (f.code === 'RATE_LIMITED') { notice(t.limited); } else if (f.code === 'FRAME_TOO_LARGE') { notice(t.tooLong); }
    }
  }

  function ack(id, what) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify({ type: 'status', id: id, status: what }));
    }
  }

  function markShownAsRead() {
    if (!visible()) { return; }
    unread.splice(0).forEach(function (id) { ack(id, 'read'); });
  }

  /** The conversation so far; after a reconnect (onlyOurs) only our messages missed meanwhile. */
  function loadHistory(onlyOurs) {
    historyLoaded = true;
    var token = getToken();
    fetch(root + '/chat/api/history', { headers: { 'X-Webchat-Token': token }, credentials: 'omit' })
      .then(function (r) { return r.ok ? r.json() : { messages: [] }; })
      .then(function (h) {
        if (token !== getToken()) { return; }
        var fresh = [];
        h.messages.forEach(function (m) {
          if (onlyOurs && m.direction === 'in') { return; }
          var wasShown = shown[m.id];
          render(m);
          if (!wasShown && m.direction === 'out' && (m.status === 'SENT' || m.status === 'SENDING'
              || m.status === 'DELIVERED')) {
            fresh.push(m.id);
          }
        });
        fresh.forEach(function (id) {
          ack(id, 'delivered');
          if (visible()) { ack(id, 'read'); } else { unread.push(id); }
        });
        var last = h.messages[h.messages.length - 1];
        if (!onlyOurs && (!last || last.direction === 'in')) { showQuickReplies([]); }
      })
      .catch(function () { historyLoaded = false; });
  }

  function send(text, payload) {
    touch();
    var id = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    var frame = { type: 'message', id: id, text: text.slice(0, MAX_TEXT), payload: payload };
    pending[id] = frame;
    awaitingReply = true;
    render({ id: id, mine: true, pending: true, text: frame.text });
    showQuickReplies([]);
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify(frame)); }
  }

  // ---- kiosk: a fresh visitor per session, back to the welcome screen when idle ----
  function touch() {
    if (!kioskMode) { return; }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(resetKiosk, idleMs);
  }

  function startSession() {
    stopped = false;
    touch();
    connect();
  }

  function resetKiosk() {
    stopped = true;
    clearTimeout(reconnectTimer);
    var old = socket;
    socket = null;
    if (old) { old.close(); }
    memoryToken = null;
    pending = {};
    shown = {};
    unread = [];
    awaitingReply = false;
    historyLoaded = false;
    attempt = 0;
    log.textContent = '';
    quick.textContent = '';
    display.textContent = '';
    notice('');
    hideTyping();
    welcome.hidden = false;
  }

  build();
  document.addEventListener('visibilitychange', markShownAsRead);
  if (kioskMode) {
    ['pointerdown', 'keydown', 'touchstart'].forEach(function (ev) {
      document.addEventListener(ev, function () { if (welcome.hidden) { touch(); } }, { passive: true });
    });
  } else if (mode === 'page') {
    connect();
    input.focus();
  }
}());
