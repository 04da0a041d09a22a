// The chat page: a thin facade over the realtime client. User text is only ever set with
// textContent, never as HTML.
//
// Opening a room loads its newest history page over HTTP, shows it, then joins the room
// from the last seq shown, so the server sends whatever came in between; older pages load
// when the list is scrolled to the top. The user's messages show at once as pending and
// go through the client's outbox, which keeps them (also across a reload or a closed tab)
// until the server has them; a message is shown as failed only when the server refused
// it, and the user may cancel a pending one. When the login ends (logged out, in this tab
// or another, or expired) the page goes to the login page.
import { connect, newClientId } from './realtime.js';
import { fetchHistory } from './history.js';
import { MessageList } from './message-list.js';
import { showBadge, toast, el, timeOf } from './ui.js';

const session = document.getElementById('session').dataset;
const me = session.username;
const rt = connect({ headers: { [session.csrfHeader]: session.csrfToken }, user: me });

const roomList = document.getElementById('room-list');
const messages = document.getElementById('messages');
const memberList = document.getElementById('member-list');
const typingLine = document.getElementById('typing');
const composer = document.getElementById('composer');
const composerText = document.getElementById('composer-text');
const inviteForm = document.getElementById('invite-form');
const olderButton = document.getElementById('load-older');
const list = new MessageList(messages, me, {
  onRetry: (clientId, text) => send(text, clientId),
  onCancel: (clientId) => {
    rt.cancel(clientId);
    list.remove(clientId);
  },
  onEdit: (id, text) => change(`rooms/${view.room}/messages/${id}/edit`, { text }),
  onDelete: (id) => change(`rooms/${view.room}/messages/${id}/delete`, {}),
});
const restored = new Map(); // clientId -> { room, text } of messages kept from an earlier page

let rooms = [];
// The room shown, with whether older messages exist (hasMore), whether it is joined, or
// its history could not be loaded (failed: server unreachable; refused); replaced on each
// (re)load, so late answers for an earlier view are ignored.
let view = { room: null };
const members = new Set();
const typers = new Map(); // user -> timer
let lastTypingSent = 0;

rt.on('state', (state) => showBadge(state, () => rt.reconnectNow()));
rt.on('error', (error) => {
  if (error.code === 'unauthenticated' || error.code === 'invalid-csrf' || error.code === 'session-ended') {
    location.assign('/login');
    return;
  }
  toast(error.message || error.code, 'error');
});

rt.on('connect', () => {
  if (view.joined) {
    loadMembers(view);
  } else if (view.failed) {
    load(view);
  }
});

rt.on('message', (message) => {
  if (message.room !== view.room) {
    return;
  }
  const atEnd = nearEnd();
  if (list.add(message)) {
    clearTyping(message.from);
    if (atEnd || message.from === me) {
      scrollToEnd();
    }
  }
});

for (const type of ['edit', 'delete']) {
  rt.on(type, (event) => {
    if (event.room === view.room) {
      list.change(event);
    }
  });
}

rt.on('unconfirmed', ({ clientId, room }) => {
  if (room === view.room) {
    list.unconfirmed(clientId);
  }
});

rt.on('restored', ({ clientId, room, text, promise }) => {
  restored.set(clientId, { room, text });
  if (room === view.room) {
    showPending(room, clientId, text);
  }
  settled(room, clientId, promise);
});

rt.on('recovery', (event) => {
  if (event.room === view.room && !event.recovered) {
    // Too much was missed to be sent again: show the newest page instead of a gap.
    list.clear({ keepUnsent: true });
    view = { room: view.room };
    list.system('Missed too much while disconnected: showing the latest messages', { first: true });
    load(view);
  }
});

rt.on('presence', (event) => {
  if (event.room !== view.room) {
    return;
  }
  if (event.state === 'joined') {
    members.add(event.user);
  } else {
    members.delete(event.user);
    clearTyping(event.user);
  }
  renderMembers();
  const atEnd = nearEnd();
  list.system(`${event.user} ${event.state === 'joined' ? 'joined' : 'left'}`);
  if (atEnd) {
    scrollToEnd();
  }
});

rt.on('typing', (event) => {
  if (event.room !== view.room || event.from === me) {
    return;
  }
  clearTimeout(typers.get(event.from));
  typers.set(event.from, setTimeout(() => clearTyping(event.from), 3000));
  renderTyping();
});

rt.on('direct', (message) => {
  const dmList = document.getElementById('dm-list');
  const who = message.from === me ? `to ${message.to}` : `from ${message.from}`;
  dmList.prepend(el('li', { className: 'dm' }, el('span', { className: 'meta' }, `${who} · ${timeOf(message.ts)}`),
    el('span', { className: 'text' }, message.text)));
  if (message.from !== me) {
    toast(`${message.from}: ${message.text}`, 'info');
  }
});

rt.on('invitation', async (invitation) => {
  toast(`${invitation.from} invited you to #${invitation.room}`, 'info');
  await loadRooms();
});

async function loadRooms() {
  const found = [];
  let after = null;
  for (let page = 0; page < 10; page++) {
    const query = after ? `?after=${encodeURIComponent(after)}` : '';
    const response = await fetch(`/api/rooms${query}`, { headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      location.assign('/login');
      return;
    }
    const { rooms: more, next } = await response.json();
    found.push(...more);
    if (!next) {
      break;
    }
    after = next;
  }
  rooms = found;
  renderRooms();
}

function renderRooms() {
  const names = new Set(rooms.map((room) => room.name));
  if (view.room && !names.has(view.room)) {
    rooms.push({ name: view.room, visibility: 'public' });
  }
  roomList.replaceChildren(...rooms.map((room) => {
    const link = el('a', { href: `?room=${encodeURIComponent(room.name)}` }, `#${room.name}`);
    if (room.visibility === 'private') {
      link.append(el('span', { className: 'lock', title: 'private' }, ' 🔒'));
    }
    link.addEventListener('click', (event) => {
      event.preventDefault();
      open(room.name);
    });
    const item = el('li', { className: room.name === view.room ? 'active' : '' }, link);
    return item;
  }));
}

function open(room) {
  if (room === view.room && !view.refused) {
    return;
  }
  if (view.room) {
    rt.leave(view.room);
  }
  view = { room };
  history.replaceState(null, '', `?room=${encodeURIComponent(room)}`);
  document.getElementById('room-title').textContent = `#${room}`;
  list.clear();
  olderButton.hidden = true;
  members.clear();
  typers.clear();
  renderMembers();
  renderTyping();
  const info = rooms.find((candidate) => candidate.name === room);
  inviteForm.hidden = !(info && info.visibility === 'private' && info.owner === me);
  renderRooms();
  composerText.focus();
  for (const [clientId, message] of restored) {
    if (message.room === room) {
      showPending(room, clientId, message.text);
    }
  }
  load(view);
}

/** Show the room's newest page, then join it from there. */
async function load(shown) {
  shown.failed = false;
  let page;
  try {
    page = await fetchHistory(shown.room);
  } catch (error) {
    if (error.status === 401) {
      location.assign('/login');
    } else if (shown === view) {
      shown.failed = !error.status; // try again on the next connect
      shown.refused = Boolean(error.status); // not readable (private, invalid name): not joined
      toast(`Could not open #${shown.room}: ${error.message}`, 'error');
    }
    return;
  }
  if (shown !== view) {
    return;
  }
  page.messages.forEach((message) => list.add(message));
  showHasMore(shown, page.hasMore);
  scrollToEnd();
  rt.join(shown.room, { sinceSeq: list.lastSeq ?? 0 });
  shown.joined = true;
  if (rt.connected) {
    loadMembers(shown);
  }
  fillScreen(shown);
}

/** Show the page of messages before the oldest one shown. */
async function loadOlder(shown = view) {
  if (!shown.hasMore || shown.loadingOlder) {
    return;
  }
  shown.loadingOlder = true;
  try {
    const page = await fetchHistory(shown.room, { before: list.firstSeq });
    if (shown === view) {
      list.addOlder(page.messages);
      showHasMore(shown, page.hasMore);
      fillScreen(shown);
    }
  } catch (error) {
    toast(`Could not load older messages: ${error.message}`, 'error');
  } finally {
    shown.loadingOlder = false;
  }
}

/** Load older pages while the list does not fill its box (no scrolling possible yet). */
function fillScreen(shown) {
  if (shown.hasMore && messages.scrollHeight <= messages.clientHeight) {
    loadOlder(shown);
  }
}

function showHasMore(shown, hasMore) {
  shown.hasMore = hasMore;
  olderButton.hidden = !hasMore;
}

async function loadMembers(shown) {
  try {
    const reply = await rt.request(`/app/rooms/${shown.room}/members`);
    if (shown === view) {
      members.clear();
      reply.users.forEach((user) => members.add(user));
      renderMembers();
    }
  } catch (error) {
    toast(`Could not load members: ${error.message}`, 'error');
  }
}

function renderMembers() {
  memberList.replaceChildren(...[...members].sort().map((user) =>
    el('li', { className: 'member' }, el('span', { className: 'dot' }), user === me ? `${user} (you)` : user)));
}

function clearTyping(user) {
  if (typers.has(user)) {
    clearTimeout(typers.get(user));
    typers.delete(user);
    renderTyping();
  }
}

function renderTyping() {
  const names = [...typers.keys()];
  typingLine.textContent = names.length === 0 ? ''
    : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
}

function scrollToEnd() {
  messages.scrollTop = messages.scrollHeight;
}

function nearEnd() {
  return messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
}

/** Show the message as pending and hand it to the outbox; a retry reuses its clientId. */
function send(text, clientId) {
  const room = view.room;
  showPending(room, clientId, text);
  settled(room, clientId, rt.emitWithAck(`rooms/${room}/messages`, { text, clientId }));
}

/** Edit or delete one of the user's messages; a refusal is shown and rethrown. */
async function change(event, data) {
  try {
    return await rt.emitWithAck(event, data);
  } catch (error) {
    toast(error.code === 'offline' ? 'Not connected: try again when the connection is back' : error.message, 'error');
    throw error;
  }
}

function showPending(room, clientId, text) {
  list.pending(clientId, text);
  scrollToEnd();
}

/** Show the outcome of a message: sent, refused by the server (failed), or cancelled. */
function settled(room, clientId, promise) {
  promise
    .then((ack) => {
      restored.delete(clientId);
      if (room === view.room) {
        list.sent(clientId, ack);
      }
    })
    .catch((error) => {
      restored.delete(clientId);
      if (room !== view.room) {
        return;
      }
      if (error.code === 'cancelled') {
        list.remove(clientId);
      } else {
        list.failed(clientId, error.message || error.code);
      }
    });
}

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = composerText.value;
  if (!text.trim() || !view.room) {
    return;
  }
  composerText.value = '';
  lastTypingSent = 0; // the next keystroke starts a new typing period
  send(text, newClientId());
});

messages.addEventListener('scroll', () => {
  if (messages.scrollTop < 40) {
    loadOlder();
  }
});

olderButton.addEventListener('click', () => loadOlder());

window.addEventListener('beforeunload', (event) => {
  if (rt.unsent > 0 && !rt.durable) {
    event.preventDefault(); // without IndexedDB, unsent messages live in this page only
  }
});

composerText.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

composerText.addEventListener('input', () => {
  const now = Date.now();
  if (view.joined && rt.connected && now - lastTypingSent > 2000) {
    lastTypingSent = now;
    rt.emit(`rooms/${view.room}/typing`, {});
  }
});

document.getElementById('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('join-name');
  open(input.value.trim());
  input.value = '';
});

document.getElementById('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('create-name');
  const name = input.value.trim();
  try {
    await rt.emitWithAck('rooms', { name, visibility: 'private' });
    input.value = '';
    await loadRooms();
    open(name);
  } catch (error) {
    toast(error.message, 'error');
  }
});

inviteForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('invite-user');
  try {
    const ack = await rt.emitWithAck(`rooms/${view.room}/invite`, { user: input.value.trim() });
    toast(`${ack.user} can now join #${view.room}`, 'info');
    input.value = '';
  } catch (error) {
    toast(error.message, 'error');
  }
});

document.getElementById('dm-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const to = document.getElementById('dm-to');
  const text = document.getElementById('dm-text');
  try {
    await rt.emitWithAck(`users/${encodeURIComponent(to.value.trim())}/messages`, { text: text.value });
    text.value = '';
  } catch (error) {
    toast(error.message, 'error');
  }
});

await loadRooms();
open(new URLSearchParams(location.search).get('room') || 'lobby');
