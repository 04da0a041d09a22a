// The chat page: a thin facade over the realtime client. User text is only ever set with
// textContent, never as HTML.
import { connect } from './realtime.js';
import { showBadge, toast, el, timeOf } from './ui.js';

const session = document.getElementById('session').dataset;
const me = session.username;
const rt = connect({ headers: { [session.csrfHeader]: session.csrfToken } });

const roomList = document.getElementById('room-list');
const messages = document.getElementById('messages');
const memberList = document.getElementById('member-list');
const typingLine = document.getElementById('typing');
const composer = document.getElementById('composer');
const composerText = document.getElementById('composer-text');
const inviteForm = document.getElementById('invite-form');

let rooms = [];
let current = null;
const members = new Set();
const typers = new Map(); // user -> timer
let lastTypingSent = 0;

rt.on('state', showBadge);
rt.on('error', (error) => {
  if (error.code === 'unauthenticated' || error.code === 'invalid-csrf') {
    location.assign('/login');
    return;
  }
  toast(error.message || error.code, 'error');
});

rt.on('connect', () => {
  if (current) {
    loadMembers(current);
  }
});

rt.on('message', (message) => {
  if (message.room !== current) {
    return;
  }
  if (messages.querySelector(`[data-id="${CSS.escape(message.id)}"]`)) {
    return;
  }
  messages.append(messageItem(message));
  clearTyping(message.from);
  scrollToEnd();
});

rt.on('presence', (event) => {
  if (event.room !== current) {
    return;
  }
  if (event.state === 'joined') {
    members.add(event.user);
  } else {
    members.delete(event.user);
    clearTyping(event.user);
  }
  renderMembers();
  messages.append(el('li', { className: 'system' }, `${event.user} ${event.state === 'joined' ? 'joined' : 'left'}`));
  scrollToEnd();
});

rt.on('typing', (event) => {
  if (event.room !== current || event.from === me) {
    return;
  }
  clearTimeout(typers.get(event.from));
  typers.set(event.from, setTimeout(() => clearTyping(event.from), 3000));
  renderTyping();
});

rt.on('direct', (message) => {
  const list = document.getElementById('dm-list');
  const who = message.from === me ? `to ${message.to}` : `from ${message.from}`;
  list.prepend(el('li', { className: 'dm' }, el('span', { className: 'meta' }, `${who} · ${timeOf(message.ts)}`),
    el('span', { className: 'text' }, message.text)));
  if (message.from !== me) {
    toast(`${message.from}: ${message.text}`, 'info');
  }
});

rt.on('invitation', async (invitation) => {
  toast(`${invitation.from} invited you to #${invitation.room}`, 'info');
  await loadRooms();
});

function messageItem(message) {
  const item = el('li', { className: message.from === me ? 'message mine' : 'message' },
    el('span', { className: 'meta' }, el('strong', {}, message.from), ` · ${timeOf(message.ts)}`),
    el('span', { className: 'text' }, message.text));
  item.dataset.id = message.id;
  item.dataset.seq = message.seq;
  return item;
}

async function loadRooms() {
  const response = await fetch('/api/rooms', { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    location.assign('/login');
    return;
  }
  rooms = await response.json();
  renderRooms();
}

function renderRooms() {
  const names = new Set(rooms.map((room) => room.name));
  if (current && !names.has(current)) {
    rooms.push({ name: current, visibility: 'public' });
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
    const item = el('li', { className: room.name === current ? 'active' : '' }, link);
    return item;
  }));
}

function open(room) {
  if (room === current) {
    return;
  }
  if (current) {
    rt.leave(current);
  }
  current = room;
  history.replaceState(null, '', `?room=${encodeURIComponent(room)}`);
  document.getElementById('room-title').textContent = `#${room}`;
  messages.replaceChildren();
  members.clear();
  typers.clear();
  renderMembers();
  renderTyping();
  rt.join(room);
  const info = rooms.find((candidate) => candidate.name === room);
  inviteForm.hidden = !(info && info.visibility === 'private' && info.owner === me);
  renderRooms();
  if (rt.connected) {
    loadMembers(room);
  }
  composerText.focus();
}

async function loadMembers(room) {
  try {
    const reply = await rt.request(`/app/rooms/${room}/members`);
    if (room === current) {
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

composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = composerText.value;
  if (!text.trim() || !current) {
    return;
  }
  composerText.value = '';
  lastTypingSent = 0; // the next keystroke starts a new typing period
  try {
    await rt.emitWithAck(`rooms/${current}/messages`, { text });
  } catch (error) {
    composerText.value = text;
    toast(`Not sent: ${error.message}`, 'error');
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
  if (current && rt.connected && now - lastTypingSent > 2000) {
    lastTypingSent = now;
    rt.emit(`rooms/${current}/typing`, {});
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
    const ack = await rt.emitWithAck(`rooms/${current}/invite`, { user: input.value.trim() });
    toast(`${ack.user} can now join #${current}`, 'info');
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
