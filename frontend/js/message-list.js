// The chat page's list of messages: stored messages once each (by seq) and in seq order;
// the user's own messages shown at once as pending, then sent or failed (with a Retry
// button), matched by clientId so that a message never shows twice. A pending message
// has a Cancel button; one sent without an acknowledgement in time stays pending, marked
// data-unconfirmed, since it may be stored. Items carry data-seq and data-state
// ('pending', 'sent' or 'failed'). The user's stored messages have Edit and Delete
// buttons; edits and deletions (from anyone's client) change the item in place, in seq
// order, marked data-edited or data-deleted. A divider names the day above each day's first
// message, and a message that follows one of the same sender within five minutes is
// grouped with it (data-continued: no repeated name). Text is set as text only.
import { el, timeOf, dayOf } from './ui.js';

const GROUP_GAP = 5 * 60 * 1000; // ms between two messages of one sender shown as a group
import { mentions, renderText } from './rich-text.js';

export class MessageList {
  /**
   * @param element the list element
   * @param me the signed-in user's name
   * @param actions onRetry(clientId, text) when Retry is clicked on a failed message;
   * onCancel(clientId) when Cancel is clicked on a pending message; onEdit(id, text) and
   * onDelete(id) for the user's stored messages, each returning a promise of the server's
   * acknowledgement (the edit or deletion)
   */
  constructor(element, me, { onRetry, onCancel, onEdit, onDelete }) {
    this.element = element;
    this.me = me;
    this.onRetry = onRetry;
    this.onCancel = onCancel;
    this.onEdit = onEdit;
    this.onDelete = onDelete;
    this.bySeq = new Map(); // seq -> item
    this.byId = new Map(); // message id -> item
    this.own = new Map(); // clientId -> item of a message written here
  }

  /** The oldest and newest seq shown, or null. */
  get firstSeq() {
    return this.bySeq.size === 0 ? null : Math.min(...this.bySeq.keys());
  }

  get lastSeq() {
    return this.bySeq.size === 0 ? null : Math.max(...this.bySeq.keys());
  }

  /** Remove everything; with keepUnsent, the user's pending and failed messages stay. */
  clear({ keepUnsent = false } = {}) {
    this.bySeq.clear();
    this.byId.clear();
    for (const [clientId, item] of this.own) {
      if (!keepUnsent || item.dataset.state === 'sent') {
        this.own.delete(clientId);
      }
    }
    this.element.replaceChildren(...this.own.values());
  }

  /**
   * Show a stored message, unless its seq is shown already; returns whether it was new.
   * The user's own pending or failed message with the same clientId becomes this one.
   */
  add(message) {
    if (this.bySeq.has(message.seq)) {
      return false;
    }
    let item = message.from === this.me && message.clientId ? this.own.get(message.clientId) : undefined;
    if (!item || item.dataset.state === 'sent') {
      item = this.item(message.from, message.text);
    }
    this.store(item, message);
    return true;
  }

  /** Show older messages above the others, keeping what the user sees in place. */
  addOlder(messages) {
    const fromBottom = this.element.scrollHeight - this.element.scrollTop;
    this.batching = true; // one decorate() for the page, not one per message
    try {
      messages.forEach((message) => this.add(message));
    } finally {
      this.batching = false;
    }
    this.decorate();
    this.element.scrollTop = this.element.scrollHeight - fromBottom;
  }

  /** Show a message the user just wrote, not yet acknowledged, below all others. */
  pending(clientId, text) {
    let item = this.own.get(clientId);
    if (!item) {
      this.element.querySelector('.empty')?.remove();
      item = this.item(this.me, text);
      item.dataset.clientId = clientId;
      item.dataset.ts = Date.now();
      item.dataset.from = this.me;
      this.own.set(clientId, item);
      this.element.append(item);
      this.decorate();
    }
    if (item.dataset.state !== 'sent') {
      delete item.dataset.unconfirmed;
      this.setState(item, 'pending', 'sending…');
      this.addCancel(item, clientId);
    }
  }

  /** The server has not acknowledged the message in time: it may be stored; sent again. */
  unconfirmed(clientId) {
    const item = this.own.get(clientId);
    if (item && item.dataset.state === 'pending') {
      item.dataset.unconfirmed = 'true';
      this.setState(item, 'pending', 'not confirmed yet, sending again…');
      this.addCancel(item, clientId);
    }
  }

  /** The user cancelled the message: take it off the list. */
  remove(clientId) {
    const item = this.own.get(clientId);
    if (item && item.dataset.state !== 'sent') {
      item.remove();
      this.own.delete(clientId);
      this.decorate();
    }
  }

  addCancel(item, clientId) {
    const cancel = el('button', { type: 'button', className: 'cancel link' }, 'Cancel');
    cancel.addEventListener('click', () => this.onCancel(clientId));
    item.querySelector('.meta').append(' ', cancel);
  }

  /** The server acknowledged the user's message. */
  sent(clientId, ack) {
    const item = this.own.get(clientId);
    if (!item || item.dataset.state === 'sent') {
      return;
    }
    if (this.bySeq.has(ack.seq)) {
      item.remove(); // shown already, from history
      this.own.delete(clientId);
      this.decorate();
      return;
    }
    this.store(item, { id: ack.id, seq: ack.seq, ts: ack.ts, from: this.me, clientId });
  }

  /** The server refused the user's message for good: show why, and offer to send it again. */
  failed(clientId, reason) {
    const item = this.own.get(clientId);
    if (item && item.dataset.state !== 'sent') {
      this.setState(item, 'failed', `not sent: ${reason}`);
      const retry = el('button', { type: 'button', className: 'retry' }, 'Retry');
      retry.addEventListener('click', () => this.onRetry(clientId, item.querySelector('.text').textContent));
      item.querySelector('.meta').append(' ', retry);
    }
  }

  /**
   * An edit or a deletion of a message: change it in place, unless a later change of it
   * was applied already. A message not shown (not loaded yet) shows its current text when
   * it is loaded.
   */
  change(event) {
    const item = this.byId.get(event.target);
    if (!item || Number(item.dataset.changeSeq || 0) >= event.seq) {
      return;
    }
    item.dataset.changeSeq = event.seq;
    if (event.type === 'delete') {
      this.markDeleted(item);
    } else if (item.dataset.deleted !== 'true') {
      this.closeEditor(item);
      renderText(item.querySelector('.text'), event.text, this.me);
      item.classList.toggle('mentions-me', item.dataset.from !== this.me && mentions(event.text, this.me));
      item.dataset.edited = 'true';
      this.setState(item, item.dataset.state, item.dataset.status, item.dataset.from);
    }
  }

  /** A line about the room, such as someone joining: at the end, or with first at the top. */
  system(text, { first = false } = {}) {
    const item = el('li', { className: 'system' }, text);
    if (first) {
      this.element.prepend(item);
    } else {
      this.element.append(item);
    }
  }

  item(from, text) {
    const body = el('span', { className: 'text' });
    renderText(body, text ?? '', this.me);
    const item = el('li', { className: from === this.me ? 'message mine' : 'message' }, el('span', { className: 'meta' }), body);
    item.dataset.from = from;
    if (from !== this.me && mentions(text, this.me)) {
      item.classList.add('mentions-me');
    }
    return item;
  }

  /** A short line for an empty room; it goes when the first message shows. */
  emptyState(text) {
    if (this.bySeq.size === 0 && this.own.size === 0 && !this.element.querySelector('.empty')) {
      this.element.append(el('li', { className: 'empty' }, text));
    }
  }

  /** Replace the list with a notice (the room is missing, or refused). */
  notice(...children) {
    this.clear();
    this.element.append(el('li', { className: 'notice' }, ...children));
  }

  store(item, message) {
    this.element.querySelector('.empty')?.remove();
    item.dataset.ts = message.ts;
    item.dataset.id = message.id;
    item.dataset.seq = message.seq;
    delete item.dataset.unconfirmed;
    if (message.clientId && message.from === this.me) {
      item.dataset.clientId = message.clientId;
      this.own.set(message.clientId, item);
    }
    this.bySeq.set(message.seq, item);
    this.byId.set(message.id, item);
    if (message.edited) {
      item.dataset.edited = 'true';
    }
    this.setState(item, 'sent', timeOf(message.ts), message.from);
    if (message.deleted) {
      this.markDeleted(item);
    } else if (message.from === this.me) {
      this.addActions(item);
    }
    this.place(item, message.seq);
  }

  setState(item, state, status, from = this.me) {
    item.dataset.state = state;
    item.dataset.status = status;
    item.dataset.from = from;
    item.classList.toggle('pending', state === 'pending');
    item.classList.toggle('failed', state === 'failed');
    const meta = item.querySelector('.meta');
    meta.replaceChildren(el('strong', { className: 'sender' }, from), el('span', { className: 'sep' }, ' · '), status);
    if (item.dataset.edited === 'true' && item.dataset.deleted !== 'true') {
      meta.append(' ', el('span', { className: 'edited' }, '(edited)'));
    }
  }

  /** Edit and Delete buttons on one of the user's stored messages. */
  addActions(item) {
    if (item.querySelector('.message-actions')) {
      return;
    }
    const edit = el('button', { type: 'button', className: 'link', title: 'Edit this message' }, 'Edit');
    const remove = el('button', { type: 'button', className: 'link', title: 'Delete this message' }, 'Delete');
    edit.addEventListener('click', () => this.openEditor(item));
    remove.addEventListener('click', async () => {
      if (window.confirm('Delete this message for everyone?')) {
        this.change(await this.onDelete(item.dataset.id));
      }
    });
    item.append(el('span', { className: 'message-actions' }, edit, ' ', remove));
  }

  /** Edit a message in place: Enter (or Save) sends the new text, Escape (or Cancel) stops. */
  openEditor(item) {
    if (item.querySelector('.editor')) {
      return;
    }
    const text = item.querySelector('.text');
    const input = el('textarea', { className: 'edit-text', rows: 2, maxLength: 4000, value: text.textContent });
    input.setAttribute('aria-label', 'New text of the message');
    const save = el('button', { type: 'submit', className: 'button small' }, 'Save');
    const cancel = el('button', { type: 'button', className: 'link' }, 'Cancel');
    const form = el('form', { className: 'editor' }, input, save, cancel);
    cancel.addEventListener('click', () => this.closeEditor(item));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.closeEditor(item);
      } else if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!input.value.trim() || input.value === text.textContent) {
        this.closeEditor(item);
        return;
      }
      save.disabled = true;
      try {
        this.change(await this.onEdit(item.dataset.id, input.value));
        this.closeEditor(item);
      } catch {
        save.disabled = false; // the page says why; the text stays to try again
      }
    });
    text.hidden = true;
    item.querySelector('.message-actions')?.setAttribute('hidden', '');
    text.after(form);
    input.focus();
  }

  closeEditor(item) {
    item.querySelector('.editor')?.remove();
    item.querySelector('.text').hidden = false;
    item.querySelector('.message-actions')?.removeAttribute('hidden');
  }

  markDeleted(item) {
    this.closeEditor(item);
    item.dataset.deleted = 'true';
    item.classList.add('deleted');
    item.querySelector('.message-actions')?.remove();
    item.querySelector('.text').textContent = 'This message was deleted.';
    this.setState(item, item.dataset.state, item.dataset.status, item.dataset.from);
  }

  /**
   * Put a stored item before the first stored one with a higher seq, or else at the end
   * but above the unsent messages there.
   */
  place(item, seq) {
    let before = null;
    for (let other = this.element.lastElementChild; other; other = other.previousElementSibling) {
      if (other === item || other.classList.contains('system')) {
        continue;
      }
      if (other.dataset.state === 'sent' && Number(other.dataset.seq) < seq) {
        break;
      }
      before = other; // a stored message with a higher seq, or an unsent one
    }
    this.element.insertBefore(item, before);
    if (!this.batching) {
      this.decorate();
    }
  }

  /**
   * Put the day dividers and the grouping right for the whole list (after any change; the
   * list holds a few hundred items at most, so a full pass is cheap).
   */
  decorate() {
    this.element.querySelectorAll('li.divider').forEach((divider) => divider.remove());
    let previous = null; // { from, ts, day } of the message above
    for (const item of this.element.querySelectorAll('li.message')) {
      const ts = Number(item.dataset.ts);
      const day = dayOf(ts);
      if (previous?.day !== day) {
        item.before(el('li', { className: 'system divider', role: 'separator' }, day));
      }
      const continued = previous?.day === day && previous.from === item.dataset.from && ts - previous.ts < GROUP_GAP;
      item.toggleAttribute('data-continued', continued);
      previous = { from: item.dataset.from, ts, day };
    }
  }
}
