// The chat page's sidebar: the user's rooms and direct conversations (GET /api/me/rooms),
// each with its unread count, kept by the server per user (a read marker by seq, the same
// on every device) and kept live here by the notices on /user/queue/rooms (the client's
// 'rooms' events: read, hidden, left, activity). The total unread count is in the page
// title. Desktop notifications, once the user turned them on (asked on a click, never on
// load), for direct messages and @mentions while the page is hidden or shows another room.
import { el } from './ui.js';

const READ_PAUSE = 1500; // ms between two read markers sent for one room

export class Sidebar {
  /**
   * @param options rt: the realtime client; me: the user; roomList and dmList: the two
   * lists; notifyButton: the button that turns notifications on; onOpen(room): show a
   * room; onLeft(room): a room left the sidebar (maybe in another tab); onLoad(): the
   * sidebar was loaded (again)
   */
  constructor({ rt, me, roomList, dmList, notifyButton, onOpen, onLeft, onLoad }) {
    this.rt = rt;
    this.me = me;
    this.roomList = roomList;
    this.dmList = dmList;
    this.notifyButton = notifyButton;
    this.onOpen = onOpen;
    this.onLeft = onLeft;
    this.onLoad = onLoad;
    this.rooms = new Map(); // name -> { name, visibility, owner, peer, readSeq, lastSeq, unread }
    this.open = null;
    this.marks = new Map(); // room -> { sent, wanted, at, timer }: read markers told the server
    this.baseTitle = document.title;
    rt.on('rooms', (event) => this.handle(event));
    this.offerNotifications();
  }

  /** Load the sidebar from the server; resolves false if the login is over. */
  async load() {
    const response = await fetch('/api/me/rooms', { headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      return false;
    }
    if (response.ok) {
      const { rooms } = await response.json();
      this.rooms = new Map(rooms.map((room) => [room.name, room]));
      if (this.open && this.rooms.has(this.open)) {
        this.rooms.get(this.open).unread = 0;
      }
      this.render();
      this.onLoad();
    }
    return true;
  }

  /** What the sidebar knows of a room, or undefined. */
  info(name) {
    return this.rooms.get(name);
  }

  /** A room (e.g. a direct conversation just opened) that belongs in the sidebar. */
  add(room) {
    if (!this.rooms.has(room.name)) {
      this.rooms.set(room.name, { readSeq: 0, lastSeq: 0, unread: 0, ...room });
      this.render();
    }
  }

  /** The room the page shows now. */
  show(name) {
    this.open = name;
    this.render();
  }

  /**
   * The user has seen the room up to seq: its count goes to zero, and the server is told,
   * at most once per READ_PAUSE per room.
   */
  seen(name, seq) {
    const room = this.rooms.get(name);
    if (room) {
      room.lastSeq = Math.max(room.lastSeq, seq);
      if (room.unread) {
        room.unread = 0;
        this.render();
      }
    }
    // The first marker of a room not in the sidebar yet is sent even at seq 0: it puts
    // the room there.
    const mark = this.marks.get(name) || { sent: room ? room.readSeq : -1, wanted: 0, at: 0, timer: null };
    this.marks.set(name, mark);
    mark.wanted = Math.max(mark.wanted, seq);
    if (mark.wanted <= mark.sent || mark.timer) {
      return;
    }
    const send = () => {
      mark.timer = null;
      if (mark.wanted > mark.sent && this.rt.connected) {
        mark.sent = mark.wanted;
        mark.at = Date.now();
        this.rt.emit(`rooms/${name}/read`, { seq: mark.sent });
      }
    };
    const wait = mark.at + READ_PAUSE - Date.now();
    if (wait > 0) {
      mark.timer = setTimeout(send, wait);
    } else {
      send();
    }
  }

  handle(event) {
    const room = this.rooms.get(event.room);
    if (event.type === 'activity') {
      this.arrived(event, room);
    } else if (event.type === 'read' && !room) {
      this.load(); // a room opened in this or another page joined the sidebar
    } else if (event.type === 'read') {
      room.readSeq = Math.max(room.readSeq, event.seq);
      if (room.readSeq >= room.lastSeq) {
        room.unread = 0;
        this.render();
      } else {
        this.load(); // read elsewhere up to a seq between: count again
      }
    } else if (event.type === 'hidden' || event.type === 'left') {
      this.rooms.delete(event.room);
      this.render();
      if (event.type === 'left') {
        this.onLeft(event.room);
      }
    }
  }

  arrived(event, room) {
    if (!room) {
      this.load(); // new to this page (a conversation opened by someone else, a hidden room)
    } else if (event.seq > room.lastSeq) {
      room.lastSeq = event.seq;
      if (event.room !== this.open || document.hidden) {
        room.unread += 1;
        this.render();
      }
    }
    if (event.text && (document.hidden || event.room !== this.open)) {
      this.notify(event, room);
    }
  }

  notify(event, room) {
    if (!('Notification' in window) || Notification.permission !== 'granted') {
      return;
    }
    const direct = room ? room.visibility === 'direct' : event.room.startsWith('dm-');
    const title = direct ? event.from : `${event.from} in #${event.room}`;
    const notification = new Notification(title, { body: event.text, tag: event.room });
    notification.onclick = () => {
      window.focus();
      this.onOpen(event.room);
      notification.close();
    };
  }

  offerNotifications() {
    const button = this.notifyButton;
    if (!button || !('Notification' in window) || Notification.permission !== 'default') {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', async () => {
      const answer = await Notification.requestPermission();
      button.hidden = answer === 'default';
    });
  }

  render() {
    const all = [...this.rooms.values()];
    const open = this.open && !this.rooms.has(this.open) ? [{ name: this.open, visibility: 'public', unread: 0 }] : [];
    const rooms = [...all, ...open].filter((room) => room.visibility !== 'direct');
    rooms.sort((a, b) => a.name.localeCompare(b.name));
    const direct = all.filter((room) => room.visibility === 'direct');
    direct.sort((a, b) => a.peer.localeCompare(b.peer));
    this.roomList.replaceChildren(...rooms.map((room) => this.item(room, `#${room.name}`)));
    this.dmList.replaceChildren(...direct.map((room) => this.item(room, room.peer === this.me ? `${room.peer} (you)` : room.peer)));
    const total = all.reduce((sum, room) => sum + (room.name === this.open && !document.hidden ? 0 : room.unread || 0), 0);
    document.title = total > 0 ? `(${total}) ${this.baseTitle}` : this.baseTitle;
  }

  item(room, label) {
    const link = el('a', { href: `?room=${encodeURIComponent(room.name)}` }, label);
    if (room.visibility === 'private') {
      link.append(el('span', { className: 'lock', title: 'private' }, ' 🔒'));
    }
    const unread = room.name === this.open ? 0 : room.unread || 0;
    if (unread > 0) {
      link.append(el('span', { className: 'unread', title: `${unread} unread` }, unread >= 100 ? '99+' : String(unread)));
      link.classList.add('has-unread');
    }
    link.addEventListener('click', (event) => {
      event.preventDefault();
      this.onOpen(room.name);
    });
    const item = el('li', { className: room.name === this.open ? 'active' : '' }, link);
    item.dataset.room = room.name;
    item.dataset.unread = unread;
    if (room.name === this.open) {
      link.setAttribute('aria-current', 'page');
    }
    return item;
  }
}
