// Chat messages on their way to the server, owned by realtime.js. Each carries the
// clientId it was given when it was written; the server stores a clientId once per user,
// so sending it again is always safe.
//
// - Messages go out one at a time, in the order they were added, each after the previous
//   one's acknowledgement, and no faster than a token bucket allows (rate per second,
//   burst), well under the server's per-connection limit.
// - While disconnected they wait, without a deadline. A message whose connection closed
//   before its acknowledgement stays first in line and is sent again, with the same
//   clientId, after the reconnect.
// - A message is settled (and leaves the outbox) when the server acknowledges it
//   (resolve), refuses it (reject with the server's code), or sends no acknowledgement
//   within its timeout while connected (reject with 'timeout'). A 'rate-limited' refusal
//   is retried after a pause, up to maxRateRetries times.
// - The outbox lives in memory only: a page reload forgets unsent messages (pages can warn
//   with beforeunload while size > 0).

const RATE_LIMIT_PAUSE = 1000;

export class Outbox {
  /**
   * @param transport { connected, transmit(event, data, headers, timeout) → Promise of the
   * acknowledgement, rejecting with an AckError; code 'offline' if it could not be sent
   * or the connection closed before the acknowledgement }
   */
  constructor(transport, { rate = 10, burst = 20, maxRateRetries = 5 } = {}) {
    this.transport = transport;
    this.rate = rate;
    this.burst = burst;
    this.maxRateRetries = maxRateRetries;
    this.tokens = burst;
    this.refilled = Date.now();
    this.queue = [];
    this.sending = false;
  }

  /** How many messages wait to be sent or acknowledged. */
  get size() {
    return this.queue.length;
  }

  /**
   * Queue a message (data.clientId set); resolves with its acknowledgement. A message whose
   * clientId is already queued is not queued twice: its promise is returned.
   */
  add(event, data, headers, timeout) {
    const queued = this.queue.find((entry) => entry.data.clientId === data.clientId);
    if (queued) {
      return queued.promise;
    }
    const entry = { event, data, headers, timeout, rateRetries: 0 };
    entry.promise = new Promise((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    this.queue.push(entry);
    this.flush();
    return entry.promise;
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
        if (this.transport.connected) {
          await this.sendFirst();
        }
      }
    } finally {
      this.sending = false;
    }
  }

  async sendFirst() {
    const entry = this.queue[0];
    try {
      const ack = await this.transport.transmit(entry.event, entry.data, entry.headers, entry.timeout);
      this.settle(entry, () => entry.resolve(ack));
    } catch (error) {
      if (error.code === 'offline') {
        return; // stays first; sent again once connected
      }
      if (error.code === 'rate-limited' && entry.rateRetries < this.maxRateRetries) {
        entry.rateRetries += 1;
        await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT_PAUSE));
        return;
      }
      this.settle(entry, () => entry.reject(error));
    }
  }

  settle(entry, outcome) {
    this.queue.splice(this.queue.indexOf(entry), 1);
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
      await new Promise((resolve) => setTimeout(resolve, ((1 - this.tokens) / this.rate) * 1000));
    }
  }
}
