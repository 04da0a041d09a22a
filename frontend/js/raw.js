// The raw demo page: one room over the browser's own WebSocket and the JSON protocol of
// /raw, with no library at all. The page's session cookie authenticates the connection.
// User text is only ever set with textContent, never as HTML.
//
// On a dropped connection the page reconnects and rejoins the room from the last seq it
// showed, so the messages it missed arrive first, once and in order.

// The page's own DOM helpers (ui.js) are shared with the chat page; the WebSocket part
// below uses nothing but the browser.
import { showBadge as setState, el, timeOf } from './ui.js';

const title = document.getElementById('room-title');
const roomForm = document.getElementById('room-form');
const roomName = document.getElementById('room-name');
const list = document.getElementById('messages');
const typingLine = document.getElementById('typing');
const composer = document.getElementById('composer');
const composerText = document.getElementById('composer-text');

let room = new URLSearchParams(location.search).get('room') || 'lobby';
let me = null;
let socket = null;
let lastSeq = 0; // the highest seq shown for the room
let retryDelay = 500;
let lastError = null; // the last error reply on this connection
let typingTimer = null;
let lastTypingSent = 0;

function send(command) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(command));
    return true;
  }
  return false;
}

function connect() {
  setState(socket ? 'reconnecting' : 'connecting');
  lastError = null;
  socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/raw`);
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('open', () => {
    retryDelay = 500;
    send({ type: 'join', room, sinceSeq: lastSeq || undefined });
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') {
      handle(JSON.parse(event.data));
    } else {
      binary(new Uint8Array(event.data));
    }
  });
  socket.addEventListener('close', (event) => {
    if (event.code === 4401) {
      location.assign('/login'); // logged out (here or in another tab) or the session expired
      return;
    }
    if (event.code === 1008 && lastError) {
      // Refused (a private room, too many connections): trying again would not help.
      setState('offline');
      note(`Disconnected: ${lastError.message}`);
      return;
    }
    setState('reconnecting');
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  });
}

function handle(event) {
  switch (event.type) {
    case 'connected':
      me = event.user;
      setState('connected');
      break;
    case 'members':
      note(`In #${event.room}: ${event.users.join(', ') || 'nobody else yet'}`);
      break;
    case 'message':
      if (event.room === room && event.seq > lastSeq) {
        lastSeq = event.seq;
        show(event);
        if (typingLine.dataset.user === event.from) {
          typingLine.textContent = '';
        }
      }
      break;
    case 'recovery':
      if (event.room === room && !event.recovered) {
        note('Missed too much while disconnected; reload the page to see the latest messages');
      }
      break;
    case 'presence':
      if (event.room === room) {
        note(`${event.user} ${event.state}`);
      }
      break;
    case 'typing':
      if (event.room === room) {
        typingLine.textContent = `${event.from} is typing…`;
        typingLine.dataset.user = event.from;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => (typingLine.textContent = ''), 3000);
      }
      break;
    case 'direct':
      note(`${event.from} → ${event.to}: ${event.text}`);
      break;
    case 'ack':
      if (!event.ok) {
        note(`Not sent: ${event.message}`);
      }
      break;
    case 'error':
      lastError = event;
      note(`${event.code}: ${event.message}`);
      break;
    default:
      break;
  }
}

// A binary message: room, line feed, sender, line feed, data.
function binary(bytes) {
  const first = bytes.indexOf(10);
  const second = bytes.indexOf(10, first + 1);
  const decoder = new TextDecoder();
  note(`${decoder.decode(bytes.subarray(first + 1, second))} sent ${bytes.length - second - 1} bytes of binary data`);
}

function show(message) {
  const item = el('li', { className: message.from === me ? 'message mine' : 'message' },
    el('span', { className: 'meta' }, `${message.from} · ${timeOf(message.ts)}`),
    el('span', { className: 'text' }, message.text));
  item.dataset.seq = message.seq;
  list.append(item);
  list.scrollTop = list.scrollHeight;
}

function note(text) {
  list.append(el('li', { className: 'system' }, text));
  list.scrollTop = list.scrollHeight;
}

function open(name) {
  if (name !== room) {
    send({ type: 'leave', room });
    room = name;
    lastSeq = 0;
    list.replaceChildren();
    history.replaceState(null, '', `?room=${encodeURIComponent(room)}`);
    send({ type: 'join', room });
  }
  title.textContent = `#${room}`;
}

roomForm.addEventListener('submit', (event) => {
  event.preventDefault();
  open(roomName.value.trim());
  roomName.value = '';
});

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = composerText.value;
  const clientId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  if (text.trim() && send({ type: 'send', room, text, clientId, ackId: clientId })) {
    composerText.value = '';
  }
});

composerText.addEventListener('input', () => {
  if (Date.now() - lastTypingSent > 2000 && send({ type: 'typing', room })) {
    lastTypingSent = Date.now();
  }
});

composerText.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

title.textContent = `#${room}`;
connect();
