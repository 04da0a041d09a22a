// Who is online anywhere, for the chat page's "Online" list. On each connect it asks the
// server for the list (SUBSCRIBE /app/presence/online: the first users by name and the
// total), and applies the online/offline events of /topic/presence.online as they come.
// User names are set with textContent (el), never as HTML.
//
//   new OnlineList(rt, document.getElementById('online-list'), me);
import { el } from './ui.js';

const TOPIC = '/topic/presence.online';
const LIST = '/app/presence/online';

/** The "Online" list: the users online, and how many more there are than the server named. */
export class OnlineList {
  constructor(rt, element, me) {
    this.rt = rt;
    this.element = element;
    this.me = me;
    this.users = new Set();
    this.unlisted = 0; // online, but beyond the server's bound on the list
    rt.subscribe(TOPIC, (event) => this.apply(event));
    rt.on('connect', () => this.load());
    if (rt.connected) {
      this.load();
    }
  }

  /** Replace the list with the server's. */
  async load() {
    try {
      const reply = await this.rt.request(LIST);
      this.users = new Set(reply.users);
      this.unlisted = Math.max(0, reply.total - reply.users.length);
      this.render();
    } catch (error) {
      console.warn('Could not load who is online', error);
    }
  }

  /** Apply one event { type: 'online', user, state: 'online' | 'offline' }. */
  apply(event) {
    if (event.type !== 'online') {
      return;
    }
    if (event.state === 'online') {
      this.users.add(event.user);
    } else if (!this.users.delete(event.user) && this.unlisted > 0) {
      this.unlisted -= 1;
    }
    this.render();
  }

  render() {
    const items = [...this.users].sort().map((user) =>
      el('li', { className: 'member' }, el('span', { className: 'dot' }), user === this.me ? `${user} (you)` : user));
    if (this.unlisted > 0) {
      items.push(el('li', { className: 'member more' }, `and ${this.unlisted} more`));
    }
    this.element.replaceChildren(...items);
  }
}
