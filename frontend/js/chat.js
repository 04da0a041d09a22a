// The chat page: a thin facade over the realtime client. User text is only ever set with
// textContent, never as HTML.
//
// The sidebar (sidebar.js) lists the user's rooms and direct conversations with their
// unread counts; the room shown is marked read as its newest messages are seen. A room
// name that does not exist is offered to be created, not created by opening it (except
// the lobby); a private room the user may not read shows as refused, without a composer.
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
import { OnlineList } from './online.js';
import { MemberList, findPeople } from './people.js';
import { Sidebar } from './sidebar.js';
import { TypingLine } from './typing.js';
import { showBadge, toast, el } from './ui.js';

const session = document.getElementById('session').dataset;
const me = session.username;
const rt = connect({ headers: { [session.csrfHeader]: session.csrfToken }, user: me });
new OnlineList(rt, document.getElementById('online-list'), me);

const roomList = document.getElementById('room-list');
const messages = document.getElementById('messages');
const composer = document.getElementById('composer');
const composerText = document.getElementById('composer-text');
const inviteForm = document.getElementById('invite-form');
const olderButton = document.getElementById('load-older');
const roomTitle = document.getElementById('room-title');
const hideButton = document.getElementById('hide-room');
const leaveButton = document.getElementById('leave-room');
const newMessagesButton = document.getElementById('new-messages');
let unseen = 0; // messages that arrived below the part of the list in view
const sidebar = new Sidebar({
  rt,
  me,
  roomList,
  dmList: document.getElementById('dm-list'),
  notifyButton: document.getElementById('enable-notifications'),
  onOpen: (room) => open(room),
  onLeft: (room) => {
    if (room === view.room) {
      open('lobby');
    }
  },
  onLoad: () => view.room && showRoomHeader(),
});
const list = new MessageList(messages, me, {
  onRetry: (clientId, text) => send(text, clientId),
  onCancel: (clientId) => {
    rt.cancel(clientId);
    list.remove(clientId);
  },
  onEdit: (id, text) => request(`rooms/${view.room}/messages/${id}/edit`, { text }),
  onDelete: (id) => request(`rooms/${view.room}/messages/${id}/delete`, {}),
});
const restored = new Map(); // clientId -> { room, text } of messages kept from an earlier page

// The room shown, with whether older messages exist (hasMore), whether it is joined, or
// its history could not be loaded (failed: server unreachable; refused); replaced on each
// (re)load, so late answers for an earlier view are ignored.
let view = { room: null };
const members = new MemberList(document.getElementById('member-list'), me, (user) => openConversation(user));
const typing = new TypingLine(document.getElementById('typing'));
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
  loadRooms(); // counts may have changed while disconnected
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
    typing.stopped(message.from);
    if (atEnd || message.from === me) {
      scrollToEnd();
    } else {
      unseen += 1;
      newMessagesButton.textContent = `${unseen} new message${unseen === 1 ? '' : 's'} ↓`;
      newMessagesButton.hidden = false;
    }
    markSeen();
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
    members.joined(event.user);
  } else {
    members.left(event.user);
    typing.stopped(event.user);
  }
});

rt.on('typing', (event) => {
  if (event.room !== view.room || event.from === me) {
    return;
  }
  typing.typed(event.from);
});

rt.on('invitation', async (invitation) => {
  await loadRooms();
  const direct = sidebar.info(invitation.room)?.visibility === 'direct';
  toast(direct ? `${invitation.from} started a conversation with you` : `${invitation.from} invited you to #${invitation.room}`, 'info');
});

async function loadRooms() {
  if (!(await sidebar.load())) {
    location.assign('/login');
  }
}

/** Suggest public rooms to join: the first page of the room directory. */
async function suggestRooms() {
  const response = await fetch('/api/rooms?limit=100', { headers: { Accept: 'application/json' } });
  if (response.ok) {
    const { rooms } = await response.json();
    document.getElementById('public-rooms').replaceChildren(...rooms
      .filter((room) => room.visibility === 'public')
      .map((room) => el('option', { value: room.name })));
  }
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
  list.clear();
  clearUnseen();
  olderButton.hidden = true;
  members.replace();
  typing.clear();
  showRoomHeader();
  setComposer(true);
  sidebar.show(room);
  composerText.focus();
  for (const [clientId, message] of restored) {
    if (message.room === room) {
      showPending(room, clientId, message.text);
    }
  }
  load(view);
}

/** Show the room's newest page, then join it from there. */
async function load(shown, { create = false } = {}) {
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
      if (shown.refused) {
        showRefused(shown, error);
      } else {
        toast(`Could not open #${shown.room}: ${error.message}`, 'error');
      }
    }
    return;
  }
  if (shown !== view) {
    return;
  }
  if (page.missing && !create && shown.room !== 'lobby') {
    showMissing(shown);
    return;
  }
  page.messages.forEach((message) => list.add(message));
  showHasMore(shown, page.hasMore);
  scrollToEnd();
  rt.join(shown.room, { sinceSeq: list.lastSeq ?? 0 });
  shown.joined = true;
  list.emptyState(`No messages in ${titleOf(shown.room)} yet. Say hello!`);
  if (rt.connected) {
    loadMembers(shown);
  }
  markSeen();
  fillScreen(shown);
}

function titleOf(room) {
  const info = sidebar.info(room);
  return info?.visibility === 'direct' ? info.peer : `#${room}`;
}

function showRoomHeader() {
  const info = sidebar.info(view.room);
  roomTitle.textContent = info?.visibility === 'direct' ? `@${info.peer}` : `#${view.room}`;
  inviteForm.hidden = !(info && info.visibility === 'private' && info.owner === me);
  hideButton.hidden = !info || view.refused || view.missing;
  leaveButton.hidden = !info || info.visibility === 'direct' || info.owner === me || view.refused || view.missing;
}

function setComposer(usable) {
  composer.hidden = !usable;
}

/** The room does not exist: offer to create it (as a public room) instead of a composer. */
function showMissing(shown) {
  shown.missing = true;
  showRoomHeader();
  setComposer(false);
  const create = el('button', { type: 'button', className: 'button small', id: 'create-room' }, `Create #${shown.room}`);
  create.addEventListener('click', () => {
    if (shown === view) {
      shown.missing = false;
      list.clear();
      setComposer(true);
      load(shown, { create: true });
    }
  });
  list.notice(el('span', {}, `There is no room #${shown.room} yet. `), create);
}

/** The room may not be read (a private room the user is not a member of). */
function showRefused(shown, error) {
  showRoomHeader();
  setComposer(false);
  const why = error.status === 403
    ? `#${shown.room} is private: ask its owner to invite you.`
    : `#${shown.room} cannot be opened: ${error.message}`;
  list.notice(el('span', { className: 'refused' }, why));
  roomList.querySelector(`li[data-room="${CSS.escape(shown.room)}"]`)?.classList.add('refused');
}

/** The user sees the newest messages of the room shown: mark them read. */
function markSeen() {
  const seq = Math.max(list.lastSeq ?? 0, rt.lastSeq(view.room) ?? 0);
  if (view.joined && !document.hidden && nearEnd()) {
    sidebar.seen(view.room, seq);
  }
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
      members.replace(reply.users);
    }
  } catch (error) {
    toast(`Could not load members: ${error.message}`, 'error');
  }
}

/** Open (creating it on first use) the direct conversation with a person. */
async function openConversation(user) {
  const room = await request(`users/${encodeURIComponent(user)}/conversation`, {}).catch(() => null);
  if (room) {
    sidebar.add({ name: room.name, visibility: room.visibility, peer: room.peer });
    open(room.name);
  }
}

function scrollToEnd() {
  messages.scrollTop = messages.scrollHeight;
  clearUnseen();
}

function clearUnseen() {
  unseen = 0;
  newMessagesButton.hidden = true;
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

/** A request acknowledged by the server; a refusal is shown and rethrown. */
async function request(event, data) {
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
  if (nearEnd()) {
    clearUnseen();
  }
  markSeen();
});

newMessagesButton.addEventListener('click', () => {
  scrollToEnd();
  markSeen();
});

document.addEventListener('visibilitychange', () => {
  sidebar.render();
  markSeen();
});

hideButton.addEventListener('click', () => roomAction('hide'));
leaveButton.addEventListener('click', () => roomAction('leave'));

/** Hide or leave the room shown, then show another. */
async function roomAction(action) {
  const room = view.room;
  try {
    await rt.emitWithAck(`rooms/${room}/${action}`, {});
  } catch (error) {
    toast(error.message || error.code, 'error');
    return;
  }
  sidebar.handle({ type: action === 'hide' ? 'hidden' : 'left', room });
  if (view.room === room) {
    const next = [...sidebar.rooms.keys()].find((name) => name !== room);
    open(next || 'lobby');
  }
}

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

findPeople(document.getElementById('dm-form'), document.getElementById('dm-to'),
  document.getElementById('user-suggestions'), (user) => openConversation(user));

await loadRooms();
suggestRooms();
open(new URLSearchParams(location.search).get('room') || 'lobby');
