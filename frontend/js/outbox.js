// Chat messages on their way to the server, owned by realtime.js. Each carries the
// clientId it was given when it was written; the server stores a clientId once per user,
// so sending it again is always safe.
//
// - Each message is kept (outbox-store.js: IndexedDB per user) from the moment it is
//   added until the server acknowledges it (resolve) or refuses it for good (reject with
//   the server's code), or the user cancels it (reject with 'cancelled'). Nothing else
//   ends it: not a closed connection, not a missing acknowledgement, not a closed tab.
// - Messages go out one at a time, in the order they were added, each after the previous
//   one's acknowledgement, and no faster than a token bucket allows (rate per second,
//   burst), well under the server's per-connection limit.
// - While disconnected they wait, without a deadline. A message whose connection closed
//   before its acknowledgement stays first in line and is sent again, with the same
//   clientId, after the reconnect. One without an acknowledgement within its timeout is
//   reported 'unconfirmed' (it may be stored) and sent again after a pause, as is one
//   refused for a passing reason (rate-limited, internal, broker-unavailable).
// - Messages kept by a page that is gone (reloaded, closed) are sent by the next page of
//   the same user, announced as 'restored'. Each message is sent by the tab that holds
//   its Web Lock: the writing tab while it is open, then one other tab.

const TRANSIENT = new Set(['rate-limited', 'internal', 'broker-unavailable']);

const MAX_PAUSE = 5000;

const CHAT_ROOM = /rooms\/([^/]+)\/messages$/;

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function warn(error) {
  console.warn('The outbox could not update IndexedDB', error);
}

export class Outbox {
  /**
   * @param transport { connected, transmit(event, data, headers, timeout) → Promise of the
   * acknowledgement, rejecting with an AckError; code 'offline' if it could not be sent
   * or the connection closed before the acknowledgement }
   * @param store an OutboxStore
   * @param options rate, burst (pace); notify(event, payload) for 'restored' and 'unconfirmed'
   */
  constructor(transport, store, { rate = 10, burst = 20, notify = () => {} } = {}) {
    this.transport = transport;
    this.store = store;
    this.rate = rate;
    this.burst = burst;
    this.notify = notify;
    this.tokens = burst;
    this.refilled = Date.now();
    this.queue = [];
    this.known = new Set(); // clientIds queued here, or whose lock this page waits for
    this.sending = false;
    store.onAdded((clientId) => this.adopt(clientId));
    store.all().then((records) => records.forEach((record) => this.adopt(record.clientId)), warn);
  }

  /** How many messages wait to be sent or acknowledged. */
  get size() {
    return this.queue.length;
  }

  /** Whether messages are kept when the page closes. */
  get durable() {
    return this.store.durable;
  }

  /**
   * Queue a message (data.clientId set); resolves with its acknowledgement. A message whose
   * clientId is already queued is not queued twice: its promise is returned.
   */
  add(event, data, headers, timeout) {
    const queued = this.queue.find((entry) => entry.clientId === data.clientId);
    if (queued) {
      return queued.promise;
    }
    const entry = this.entry({ clientId: data.clientId, event, data, headers, timeout, createdAt: Date.now() });
    this.known.add(entry.clientId);
    entry.ready = this.store.lock(entry.clientId, {
      wait: false,
      released: entry.released,
      whenHeld: () => this.store.put(this.record(entry)).catch(warn),
    }).catch(warn);
    this.queue.push(entry);
    this.flush();
    return entry.promise;
  }

  /** Stop sending a message; returns whether it was queued here. */
  cancel(clientId) {
    const entry = this.queue.find((candidate) => candidate.clientId === clientId);
    if (!entry) {
      return false;
    }
    entry.cancelled = true;
    this.settle(entry, () => entry.reject(Object.assign(new Error('Cancelled'), { code: 'cancelled' })));
    return true;
  }

  /** Send what is queued, if connected and not sending already. Call after each connect. */
  async flush() {
    if (this.sending) {
      return;
    }
    this.sending = true;
    try {
      while (this.queue.length > 0 && this.transport.connected) {
        await this.token();
        if (this.transport.connected && this.queue.length > 0) {
          await this.sendFirst();
        }
      }
    } finally {
      this.sending = false;
    }
  }

  async sendFirst() {
    const entry = this.queue[0];
    await entry.ready;
    if (entry.cancelled || !this.transport.connected) {
      return;
    }
    try {
      const ack = await this.transport.transmit(entry.event, entry.data, entry.headers, entry.timeout);
      if (!entry.cancelled) {
        await this.settle(entry, () => entry.resolve(ack));
      }
    } catch (error) {
      if (entry.cancelled || error.code === 'offline') {
        return; // stays first; sent again once connected
      }
      if (error.code === 'timeout' || TRANSIENT.has(error.code)) {
        entry.retries += 1;
        if (error.code === 'timeout') {
          this.notify('unconfirmed', { clientId: entry.clientId, room: entry.room });
        }
        await pause(Math.min(MAX_PAUSE, 500 * 2 ** entry.retries));
        return;
      }
      await this.settle(entry, () => entry.reject(error));
    }
  }

  /** Take over a message another page of this user keeps, once no other tab holds it. */
  adopt(clientId) {
    if (this.known.has(clientId)) {
      return;
    }
    this.known.add(clientId);
    const entry = this.entry({ clientId });
    entry.ready = this.store.lock(clientId, {
      wait: true,
      released: entry.released,
      whenHeld: async () => {
        const record = await this.store.get(clientId);
        if (!record) {
          entry.release(); // settled by the tab that held it
          return;
        }
        const { event, data, headers, timeout, createdAt } = record;
        Object.assign(entry, { event, data, headers, timeout, createdAt, room: CHAT_ROOM.exec(event)?.[1] });
        const later = this.queue.findIndex((other, index) => index > 0 && other.createdAt > entry.createdAt);
        this.queue.splice(later < 0 ? this.queue.length : later, 0, entry);
        this.notify('restored', { clientId, room: entry.room, text: entry.data?.text, promise: entry.promise });
        queueMicrotask(() => this.flush());
      },
    }).catch(warn);
  }

  entry({ clientId, event, data, headers, timeout, createdAt }) {
    const entry = { clientId, event, data, headers, timeout, createdAt, retries: 0, cancelled: false };
    entry.room = event ? CHAT_ROOM.exec(event)?.[1] : undefined;
    entry.promise = new Promise((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    entry.released = new Promise((resolve) => {
      entry.release = resolve;
    });
    entry.promise.catch(() => {}); // a restored message may have no listener
    return entry;
  }

  record(entry) {
    const { clientId, event, data, headers, timeout, createdAt } = entry;
    return { clientId, event, data, headers, timeout, createdAt };
  }

  async settle(entry, outcome) {
    const index = this.queue.indexOf(entry);
    if (index >= 0) {
      this.queue.splice(index, 1);
    }
    await this.store.delete(entry.clientId).catch(warn);
    entry.release();
    outcome();
  }

  /** Wait for a token of the bucket (rate per second, up to burst saved). */
  async token() {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilled) / 1000) * this.rate);
      this.refilled = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await pause(((1 - this.tokens) / this.rate) * 1000);
    }
  }
}
