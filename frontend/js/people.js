// People on the chat page: the list of who is in the room shown, each other person with a
// Message button, and "Find a person", which suggests user names as they are typed
// (GET /api/users). Names are set as text only.
import { el } from './ui.js';

const NAME = /^[A-Za-z0-9_.-]{1,32}$/;

/** Who is in the room shown. */
export class MemberList {
  /**
   * @param element the list
   * @param me the signed-in user
   * @param onMessage called with a user's name when their Message button is clicked
   */
  constructor(element, me, onMessage) {
    this.element = element;
    this.me = me;
    this.onMessage = onMessage;
    this.users = new Set();
  }

  /** Show these users, instead of those shown. */
  replace(users = []) {
    this.users = new Set(users);
    this.render();
  }

  joined(user) {
    this.users.add(user);
    this.render();
  }

  left(user) {
    this.users.delete(user);
    this.render();
  }

  render() {
    this.element.replaceChildren(...[...this.users].sort().map((user) => {
      const item = el('li', { className: 'member' }, el('span', { className: 'dot' }),
        el('span', { className: 'member-name' }, user === this.me ? `${user} (you)` : user));
      if (user !== this.me) {
        const write = el('button', { type: 'button', className: 'link message-member', title: `Write to ${user}` }, 'Message');
        write.addEventListener('click', () => this.onMessage(user));
        item.append(' ', write);
      }
      return item;
    }));
  }
}

/**
 * Suggest the names of people as the input is typed into, in its datalist, and call
 * onChoose(name) when the form is submitted.
 */
export function findPeople(form, input, suggestions, onChoose) {
  let pending = null;
  input.addEventListener('input', () => {
    clearTimeout(pending);
    const prefix = input.value.trim();
    if (!NAME.test(prefix)) {
      return;
    }
    pending = setTimeout(async () => {
      const response = await fetch(`/api/users?prefix=${encodeURIComponent(prefix)}`, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const { users } = await response.json();
        suggestions.replaceChildren(...users.map((user) => el('option', { value: user })));
      }
    }, 200);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (name) {
      input.value = '';
      onChoose(name);
    }
  });
}
