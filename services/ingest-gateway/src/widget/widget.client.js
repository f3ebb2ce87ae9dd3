// The interaction hub's chat widget, embedded with one tag:
//   <script src="https://hub.example/v1/channels/chat/widget.js" async data-title="Chat with us"></script>
// No framework and no innerHTML: every text reaches the page through textContent, every text box
// has dir="auto" and the layout uses logical (start/end) properties, so Persian and Arabic read
// right to left. Messages stay in localStorage until the hub acknowledges them and are sent again,
// with the same id, after a reconnect: the hub records a resent message once. Styles are set
// through CSSOM (style.cssText), which a page's Content-Security-Policy does not block.
(() => {
  const script = document.currentScript;
  const label = (name, fallback) => script?.dataset[name] || fallback;
  const hub = new URL(script ? script.src : location.href);
  const socketUrl = `${hub.protocol === 'https:' ? 'wss:' : 'ws:'}//${hub.host}/v1/channels/chat/widget`;

  // localStorage can be refused (private windows, sandboxed frames): then it lasts as long as the page.
  const memory = {};
  const load = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory[key] ?? null;
    }
  };
  const save = (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      memory[key] = value;
    }
  };
  const hex = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0'));
  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : hex().join(''));
  const visitorId = load('hub-chat-visitor') || newId();
  save('hub-chat-visitor', visitorId);
  let outbox = [];
  try {
    outbox = JSON.parse(load('hub-chat-outbox') || '[]');
  } catch {}
  const keepOutbox = (frames) => {
    outbox = frames;
    save('hub-chat-outbox', JSON.stringify(frames));
  };

  const el = (tag, css, props) => {
    const node = Object.assign(document.createElement(tag), props);
    node.style.cssText = css;
    return node;
  };
  const root = el(
    'div',
    'position:fixed;inset-block-end:16px;inset-inline-end:16px;z-index:2147483000;font:14px system-ui,sans-serif',
  );
  root.dataset.hubChat = '';
  const blue = 'padding:8px 14px;border:0;border-radius:18px;background:#1f6feb;color:#fff;cursor:pointer';
  const toggle = el('button', blue, { type: 'button', textContent: label('title', 'Chat') });
  const panel = el(
    'div',
    'display:none;flex-direction:column;gap:8px;inline-size:320px;max-inline-size:90vw;padding:12px;margin-block-end:8px;background:#fff;color:#111;border:1px solid #ccc;border-radius:8px',
  );
  const log = el('ol', 'list-style:none;margin:0;padding:0;block-size:260px;overflow-y:auto', { dir: 'auto' });
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  const form = el('form', 'display:flex;gap:6px');
  const input = el('textarea', 'flex:1;resize:none;font:inherit', {
    dir: 'auto',
    rows: 2,
    maxLength: 4000,
    placeholder: label('placeholder', 'Type a message'),
  });
  form.append(input, el('button', blue, { type: 'submit', textContent: label('send', 'Send') }));
  // An anonymous visitor may leave an email for the answer; the hub links it to this visitor.
  const contact = el('form', 'display:flex;gap:6px');
  const email = el('input', 'flex:1;font:inherit', {
    type: 'email',
    dir: 'auto',
    required: true,
    placeholder: label('email', 'Your email (optional)'),
  });
  contact.append(email, el('button', blue, { type: 'submit', textContent: label('save', 'Save') }));
  panel.append(log, form, contact);
  root.append(panel, toggle);
  toggle.addEventListener('click', () => {
    const opening = panel.style.display === 'none';
    panel.style.display = opening ? 'flex' : 'none';
    if (opening) input.focus();
  });

  const bubbles = new Map();
  const show = (text, who, id) => {
    const mine = who === 'visitor';
    const item = el(
      'li',
      `margin-block:4px;padding:6px 10px;border-radius:8px;white-space:pre-wrap;overflow-wrap:anywhere;background:${mine ? '#e7f0ff;margin-inline-start:32px' : '#f1f1f1;margin-inline-end:32px'}`,
      { dir: 'auto' },
    );
    item.dataset.who = who;
    item.append(
      el('span', '', { dir: 'auto', textContent: text }),
      el('small', 'margin-inline-start:6px;opacity:.6', { textContent: id ? '…' : '' }),
    );
    if (id) bubbles.set(id, item);
    log.append(item);
    log.scrollTop = log.scrollHeight;
  };
  const mark = (id, state, detail) => {
    const item = bubbles.get(id);
    if (!item) return;
    item.dataset.state = state;
    item.lastChild.textContent = state === 'delivered' ? '✓' : '!';
    if (detail) item.title = detail;
  };

  let socket;
  let ready = false;
  let retryMs = 1000;
  const transmit = (frame) => ready && socket.send(JSON.stringify(frame));
  const enqueue = (frame) => {
    keepOutbox([...outbox, frame]);
    transmit(frame);
  };
  const onFrame = (frame) => {
    if (frame.type === 'welcome') {
      ready = true;
      retryMs = 1000;
      for (const pending of outbox) transmit(pending);
    } else if (frame.type === 'ack') {
      keepOutbox(outbox.filter((f) => f.clientMessageId !== frame.clientMessageId));
      mark(frame.clientMessageId, 'delivered');
    } else if (frame.type === 'error' && frame.clientMessageId) {
      mark(frame.clientMessageId, frame.retriable ? 'waiting' : 'failed', frame.detail);
      // A refused message would be refused again; a retriable one is sent again, same id, later.
      const pending = outbox.find((f) => f.clientMessageId === frame.clientMessageId);
      if (!frame.retriable) keepOutbox(outbox.filter((f) => f !== pending));
      else if (pending) setTimeout(() => outbox.includes(pending) && transmit(pending), 15000);
    } else if (frame.type === 'reply' && typeof frame.text === 'string') {
      show(frame.text, 'agent');
    }
  };
  const connect = () => {
    socket = new WebSocket(socketUrl);
    // The hub takes only an http(s) pageUrl; a page opened from file: says nothing rather than be refused.
    const page = /^https?:$/.test(location.protocol)
      ? { pageUrl: (location.origin + location.pathname).slice(0, 2048) }
      : {};
    socket.addEventListener('open', () => socket.send(JSON.stringify({ v: 1, type: 'hello', visitorId, ...page })));
    socket.addEventListener('message', (event) => {
      try {
        onFrame(JSON.parse(event.data));
      } catch {}
    });
    socket.addEventListener('close', () => {
      ready = false;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30000);
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    const frame = { v: 1, type: 'message', clientMessageId: newId(), text };
    show(text, 'visitor', frame.clientMessageId);
    enqueue(frame);
    input.value = '';
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  contact.addEventListener('submit', (event) => {
    event.preventDefault();
    window.HubChat.identify({ email: email.value });
    contact.style.display = 'none';
  });

  /**
   * For the host page, once its visitor signed in: `HubChat.identify({ email, phone, name,
   * identityHash })`, the hash made by the site's server when the hub has an identity secret.
   */
  window.HubChat = {
    identify: ({ email, phone, name, identityHash } = {}) =>
      enqueue({ v: 1, type: 'identify', clientMessageId: newId(), email, phone, name, identityHash }),
  };
  for (const pending of outbox) if (pending.type === 'message') show(pending.text, 'visitor', pending.clientMessageId);
  const start = () => {
    document.body.append(root);
    connect();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
