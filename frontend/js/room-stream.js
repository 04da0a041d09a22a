// Where one joined room's log stands: the highest seq delivered, so that a
// re-subscription asks the server for exactly what was missed (since-seq), and the log's
// entries (chat messages, and the edits and deletions that name a message) reach
// listeners once each and in seq order. Owned by realtime.js.
//
// A seq beyond lastSeq + 1 should never arrive from this server (it sends a room's
// messages in order without gaps, also across a catch-up). If one does, it is held back
// with anything after it; if the gap is not filled within gapTimeout ms (by the missing
// message, or by the acknowledgement of our own message sent with excludeSelf, which is
// never broadcast to us), the room is re-subscribed with since-seq = lastSeq and the
// server replays everything after it. Held messages are then dropped as the replay
// repeats them.

const SKIPPED = Symbol('skipped'); // a seq that is ours and will not be broadcast to us

export class RoomStream {
  /**
   * @param room the room's name
   * @param options sinceSeq: the last seq already shown (from loaded history), or none;
   * gapTimeout: ms to wait for a missing seq; deliver(event): hand an event to listeners;
   * resubscribe(): subscribe again with subscribeHeaders()
   */
  constructor(room, { sinceSeq, gapTimeout = 2000, deliver, resubscribe }) {
    this.room = room;
    this.lastSeq = null; // unknown until a message arrives or sinceSeq is given
    this.held = new Map(); // seq -> message (or SKIPPED) that arrived ahead of a gap
    this.gapTimer = null;
    this.subscribed = false;
    this.gapTimeout = gapTimeout;
    this.deliver = deliver;
    this.resubscribe = resubscribe;
    this.moveTo(sinceSeq);
  }

  /** Take a known position (only forwards): the caller has shown every message up to seq. */
  moveTo(seq) {
    if (Number.isInteger(seq) && seq >= 0 && (this.lastSeq === null || seq > this.lastSeq)) {
      this.lastSeq = seq;
      this.drain();
    }
  }

  /**
   * The headers of the next SUBSCRIBE: since-seq when the position is known. A
   * re-subscription without a known position cannot be caught up, so listeners get a
   * local 'recovery' event with recovered: false, as if the server had sent it.
   */
  subscribeHeaders() {
    const again = this.subscribed;
    this.subscribed = true;
    this.clearGap();
    if (this.lastSeq !== null) {
      return { 'since-seq': String(this.lastSeq) };
    }
    if (again) {
      queueMicrotask(() => this.deliver({ type: 'recovery', room: this.room, recovered: false, replayed: 0, lastSeq: null }));
    }
    return {};
  }

  /** An event from the room's topic: one with a seq is an entry of the room's log. */
  receive(event) {
    if (event && event.type !== 'recovery' && Number.isInteger(event.seq)) {
      this.message(event);
    } else if (event && event.type === 'recovery') {
      this.recovery(event);
    } else {
      this.deliver(event);
    }
  }

  /** Our own message with this seq was sent with excludeSelf: it will not come. */
  skipped(seq) {
    if (this.lastSeq !== null && Number.isInteger(seq) && seq > this.lastSeq) {
      this.held.set(seq, SKIPPED);
      this.drain();
    }
  }

  message(message) {
    if (this.lastSeq === null) {
      this.lastSeq = message.seq - 1;
    }
    if (message.seq <= this.lastSeq || this.held.has(message.seq)) {
      return; // seen already
    }
    this.held.set(message.seq, message);
    this.drain();
  }

  recovery(event) {
    if (!event.recovered) {
      // Nothing was replayed and the live stream goes on from the server's newest seq,
      // which may even be lower than ours (a reset server): start over from the next
      // message, and let the page reload its history.
      this.lastSeq = null;
      this.clearGap();
    }
    this.deliver(event);
  }

  drain() {
    for (const seq of this.held.keys()) {
      if (seq <= this.lastSeq) {
        this.held.delete(seq);
      }
    }
    let next = this.held.get(this.lastSeq + 1);
    while (next !== undefined) {
      this.held.delete(this.lastSeq + 1);
      this.lastSeq += 1;
      if (next !== SKIPPED) {
        this.deliver(next);
      }
      next = this.held.get(this.lastSeq + 1);
    }
    if (this.held.size === 0) {
      this.stopGapTimer();
    } else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        this.resubscribe();
      }, this.gapTimeout);
    }
  }

  /** Forget held messages (the connection closed, or the room was left): a re-subscription replays them. */
  clearGap() {
    this.held.clear();
    this.stopGapTimer();
  }

  stopGapTimer() {
    clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}
