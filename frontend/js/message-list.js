// The chat page's list of messages: stored messages once each (by seq) and in seq order;
// the user's own messages shown at once as pending, then sent or failed (with a Retry
// button), matched by clientId so that a message never shows twice. A pending message
// has a Cancel button; one sent without an acknowledgement in time stays pending, marked
// data-unconfirmed, since it may be stored. Items carry data-seq and data-state
// ('pending', 'sent' or 'failed'). Text is set as text only.
import { el, timeOf } from './ui.js';

export class MessageList {
  /**
   * @param element the list element
   * @param me the signed-in user's name
   * @param onRetry called with (clientId, text) when Retry is clicked on a failed message
   * @param onCancel called with (clientId) when Cancel is clicked on a pending message
   */
  constructor(element, me, onRetry, onCancel) {
    this.element = element;
    this.me = me;
    this.onRetry = onRetry;
    this.onCancel = onCancel;
    this.bySeq = new Map(); // seq -> item
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
    messages.forEach((message) => this.add(message));
    this.element.scrollTop = this.element.scrollHeight - fromBottom;
  }

  /** Show a message the user just wrote, not yet acknowledged, below all others. */
  pending(clientId, text) {
    let item = this.own.get(clientId);
    if (!item) {
      item = this.item(this.me, text);
      item.dataset.clientId = clientId;
      this.own.set(clientId, item);
      this.element.append(item);
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
    return el('li', { className: from === this.me ? 'message mine' : 'message' },
      el('span', { className: 'meta' }), el('span', { className: 'text' }, text));
  }

  store(item, message) {
    item.dataset.id = message.id;
    item.dataset.seq = message.seq;
    delete item.dataset.unconfirmed;
    if (message.clientId && message.from === this.me) {
      item.dataset.clientId = message.clientId;
      this.own.set(message.clientId, item);
    }
    this.bySeq.set(message.seq, item);
    this.setState(item, 'sent', timeOf(message.ts), message.from);
    this.place(item, message.seq);
  }

  setState(item, state, status, from = this.me) {
    item.dataset.state = state;
    item.classList.toggle('pending', state === 'pending');
    item.classList.toggle('failed', state === 'failed');
    item.querySelector('.meta').replaceChildren(el('strong', {}, from), ` · ${status}`);
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
  }
}
