// A Socket.IO-like client over STOMP: named events, rooms, acknowledgements, automatic
// reconnection, and no lost chat messages. This module owns the STOMP connection; pages
// only use its API:
//
//   const rt = connect({ headers: { 'X-CSRF-TOKEN': token } });  // or { Authorization: 'Bearer …' }
//   rt.on('state', (state) => …);          // connecting | connected | reconnecting | offline
//   rt.join('lobby', { sinceSeq: 41 });    // SUBSCRIBE /topic/rooms.lobby, catching up after seq 41
//   rt.on('message', (m) => …);            // chat messages: once each, in seq order per room
//   rt.on('recovery', (r) => …);           // { room, recovered, replayed, lastSeq } after a catch-up
//   rt.on('presence', …); rt.on('typing', …); rt.on('direct', …); rt.on('invitation', …); rt.on('error', …);
//   rt.emit('rooms/lobby/typing', {});     // SEND /app/rooms/lobby/typing
//   const ack = await rt.emitWithAck('rooms/lobby/messages', { text: 'hi', clientId: newClientId() });
//   const members = await rt.request('/app/rooms/lobby/members');
//   rt.leave('lobby');
//
// Rooms: per joined room the client remembers the highest seq it delivered (lastSeq(room));
// every later SUBSCRIBE to the room (after a reconnect) carries since-seq with it, so the
// server replays what was missed, then sends a 'recovery' event, then the live stream. The
// first SUBSCRIBE carries since-seq only if join() was given sinceSeq (the last seq of
// history the page loaded; 0 for an empty room). Duplicates are dropped by seq, and a gap
// is filled by re-subscribing (see room-stream.js). On recovered: false (too much missed,
// or the client was ahead of the server) nothing was replayed: the page must reload its
// history and call join(room, { sinceSeq }) again with the newest seq it then shows.
//
// Chat messages (emitWithAck to rooms/{room}/messages) go through an outbox (outbox.js):
// data.clientId is filled in if missing; while disconnected they are queued instead of
// failing; they are sent in order, one at a time and paced, and sent again with the same
// clientId if the connection closed before the acknowledgement, so the server stores each
// once. The promise rejects with AckError 'timeout' only after timeout ms connected without
// an acknowledgement; retrying with the same clientId is then safe (an acknowledgement
// with duplicate: true if it had been stored). Unsent messages live in memory only and
// do not survive a page reload (unsent tells how many there are).
//
// Other emitWithAck calls reject at once with AckError 'offline' when disconnected, and
// with 'offline' when the connection closes before their acknowledgement.
//
// A refused SUBSCRIBE (for example a private room the user may not join) ends the
// connection with an ERROR frame; the client then drops that subscription (and room), emits
// 'error' with the server's { code, message, destination }, and reconnects without it.
import { Client } from '@stomp/stompjs';
import { Outbox } from './outbox.js';
import { RoomStream } from './room-stream.js';

const USER_QUEUES = {
  '/user/queue/acks': null, // handled internally
  '/user/queue/errors': 'error',
  '/user/queue/messages': 'direct',
  '/user/queue/invitations': 'invitation',
};

const CHAT_SEND = /^(?:\/app\/)?rooms\/([a-z0-9][a-z0-9-]{0,63})\/messages$/;

let counter = 0;

/** A new id for a chat message: [A-Za-z0-9_-], at most 64 characters. */
export function newClientId() {
  if (globalThis.crypto && typeof globalThis.crypto.randomUUID === 'function') {
    return globalThis.crypto.randomUUID();
  }
  counter += 1;
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2)}`;
}

function defaultUrl() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}

function parse(body) {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function roomTopic(room) {
  return `/topic/rooms.${room}`;
}

/**
 * The error an emitWithAck promise rejects with.
 */
export class AckError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * One STOMP connection with Socket.IO-like semantics (see the top of this file).
 *
 * Events (subscribe with on):
 * - 'state': 'connecting' | 'connected' | 'reconnecting' | 'offline'
 * - 'connect', 'disconnect'
 * - 'message', 'presence', 'typing': room events (the payload's type), payload has room;
 *   'message' once per seq and in seq order within a room
 * - 'recovery': { room, recovered, replayed, lastSeq } ends a catch-up after since-seq
 * - 'direct': a direct message; 'invitation': added to a private room
 * - 'error': an error reply { code, message, destination } or a refused connection
 *
 * Options: url, headers (CONNECT headers), ackTimeout (ms, default 10000), minDelay and
 * maxDelay (reconnect backoff, ms), gapTimeout (ms to wait for a missing seq, 2000),
 * sendRate and sendBurst (outbox pace, 10 per second with bursts of 20).
 */
export class Realtime {
  constructor(options = {}) {
    this.url = options.url || defaultUrl();
    this.connectHeaders = options.headers || {};
    this.ackTimeout = options.ackTimeout || 10000;
    this.minDelay = options.minDelay || 500;
    this.maxDelay = options.maxDelay || 30000;
    this.gapTimeout = options.gapTimeout || 2000;
    this.state = 'offline';
    this.handlers = new Map();
    this.subscriptions = new Map(); // destination -> { handler, headers(), stomp }
    this.rooms = new Map(); // room -> RoomStream
    this.pendingAcks = new Map(); // ackId -> { resolve, reject, timer }
    this.outbox = new Outbox(this, { rate: options.sendRate, burst: options.sendBurst });
    this.attempts = 0;
    this.wasConnected = false;
    this.client = new Client({
      brokerURL: this.url,
      connectHeaders: this.connectHeaders,
      reconnectDelay: 1, // the real, growing delay is awaited in beforeConnect
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      beforeConnect: () => this.backoff(),
      onConnect: () => this.onConnected(),
      onWebSocketClose: () => this.onClosed(),
      onStompError: (frame) => this.refused(this.stompError(frame)),
    });
    for (const destination of Object.keys(USER_QUEUES)) {
      this.subscriptions.set(destination, { handler: (payload) => this.userQueue(destination, payload) });
    }
  }

  /** Open the connection; it is kept open (reconnecting as needed) until disconnect(). */
  connect() {
    this.setState('connecting');
    this.client.activate();
    return this;
  }

  /** Close the connection and stop reconnecting. */
  async disconnect() {
    await this.client.deactivate();
    this.setState('offline');
  }

  get connected() {
    return this.client.connected;
  }

  /** How many chat messages wait to be sent or acknowledged. */
  get unsent() {
    return this.outbox.size;
  }

  /** Listen to an event; returns a function that removes the listener. */
  on(event, handler) {
    if (!this.handlers.has(event)) {
      this.handlers.set(event, new Set());
    }
    this.handlers.get(event).add(handler);
    return () => this.off(event, handler);
  }

  off(event, handler) {
    this.handlers.get(event)?.delete(handler);
  }

  /**
   * Send an event to the server: 'rooms/lobby/messages' is SEND /app/rooms/lobby/messages.
   * Options: excludeSelf (broadcast to everyone but this connection), headers.
   */
  emit(event, data, options = {}) {
    this.send(event, data, this.sendHeaders(options));
  }

  /**
   * Like emit, and resolve with the server's acknowledgement ({ ackId, ok, ... }), or
   * reject with an AckError (code 'timeout' after options.timeout ms, 'offline', or the
   * server's code). Chat messages go through the outbox (see the top of this file).
   */
  emitWithAck(event, data, options = {}) {
    const timeout = options.timeout || this.ackTimeout;
    const headers = this.sendHeaders(options);
    const chat = CHAT_SEND.exec(event);
    if (!chat) {
      return this.transmit(event, data, headers, timeout);
    }
    const message = { ...data, clientId: data?.clientId || newClientId() };
    const sent = this.outbox.add(event, message, headers, timeout);
    if (!options.excludeSelf) {
      return sent;
    }
    return sent.then((ack) => {
      this.rooms.get(chat[1])?.skipped(ack.seq);
      return ack;
    });
  }

  /**
   * Join a room: its events arrive as 'message', 'presence', 'typing' and 'recovery'.
   * Options: sinceSeq, the last seq the caller already shows: the server first sends
   * every message after it. Joining a joined room again moves its position forward to
   * sinceSeq and subscribes anew (before the old subscription ends, so others see no
   * leave and join).
   */
  join(room, options = {}) {
    const stream = this.rooms.get(room);
    if (stream) {
      stream.moveTo(options.sinceSeq);
      this.resubscribe(roomTopic(room));
      return;
    }
    const created = new RoomStream(room, {
      sinceSeq: options.sinceSeq,
      gapTimeout: this.gapTimeout,
      deliver: (event) => this.emitLocal(event.type, event),
      resubscribe: () => this.resubscribe(roomTopic(room)),
    });
    this.rooms.set(room, created);
    this.subscribe(roomTopic(room), (event) => created.receive(event), () => created.subscribeHeaders());
  }

  /** Leave a room. */
  leave(room) {
    this.rooms.get(room)?.clearGap();
    this.rooms.delete(room);
    this.unsubscribe(roomTopic(room));
  }

  /** The highest seq of a joined room delivered as 'message' (or given as sinceSeq), or null. */
  lastSeq(room) {
    return this.rooms.get(room)?.lastSeq ?? null;
  }

  /**
   * Subscribe to any destination; kept across reconnects until unsubscribe(destination).
   * headers: an optional function giving the SUBSCRIBE headers each time.
   */
  subscribe(destination, handler, headers = () => ({})) {
    this.unsubscribe(destination);
    const entry = { handler, headers };
    this.subscriptions.set(destination, entry);
    if (this.client.connected) {
      entry.stomp = this.stompSubscribe(destination, entry);
    }
  }

  unsubscribe(destination) {
    const entry = this.subscriptions.get(destination);
    if (entry) {
      this.subscriptions.delete(destination);
      if (entry.stomp && this.client.connected) {
        entry.stomp.unsubscribe();
      }
    }
  }

  /** Ask a @SubscribeMapping destination under /app for its one reply. */
  request(destination, timeout = this.ackTimeout) {
    return new Promise((resolve, reject) => {
      if (!this.client.connected) {
        reject(new AckError('offline', 'Not connected'));
        return;
      }
      let subscription = null;
      const timer = setTimeout(() => {
        subscription?.unsubscribe();
        reject(new AckError('timeout', `No reply from ${destination}`));
      }, timeout);
      subscription = this.client.subscribe(destination, (frame) => {
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve(parse(frame.body));
      });
    });
  }

  // internals

  /** SEND with a fresh ack-id; settles with its acknowledgement (used by the outbox too). */
  transmit(event, data, headers, timeout) {
    const ackId = newClientId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(ackId);
        reject(new AckError('timeout', `No acknowledgement within ${timeout} ms`));
      }, timeout);
      this.pendingAcks.set(ackId, { resolve, reject, timer });
      try {
        this.send(event, data, { ...headers, 'ack-id': ackId });
      } catch (error) {
        clearTimeout(timer);
        this.pendingAcks.delete(ackId);
        reject(new AckError('offline', error.message));
      }
    });
  }

  send(event, data, headers) {
    const destination = event.startsWith('/') ? event : `/app/${event}`;
    this.client.publish({
      destination,
      body: JSON.stringify(data ?? {}),
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  sendHeaders(options) {
    const headers = { ...(options.headers || {}) };
    if (options.excludeSelf) {
      headers['exclude-self'] = 'true';
    }
    return headers;
  }

  stompSubscribe(destination, entry) {
    const headers = entry.headers ? entry.headers() : {};
    return this.client.subscribe(destination, (frame) => entry.handler(parse(frame.body), frame), headers);
  }

  /** Subscribe anew, then end the old subscription, so that nothing falls between. */
  resubscribe(destination) {
    const entry = this.subscriptions.get(destination);
    if (!entry || !this.client.connected) {
      return; // subscribed with fresh headers on the next connect
    }
    const old = entry.stomp;
    entry.stomp = this.stompSubscribe(destination, entry);
    old?.unsubscribe();
  }

  /** Wait before a reconnect, growing with each attempt; cut short when the browser comes online. */
  async backoff() {
    if (this.attempts > 0) {
      const ceiling = Math.min(this.maxDelay, this.minDelay * 2 ** (this.attempts - 1));
      const delay = ceiling / 2 + Math.random() * (ceiling / 2);
      await new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          globalThis.removeEventListener?.('online', done);
          resolve();
        };
        const timer = setTimeout(done, delay);
        globalThis.addEventListener?.('online', done);
      });
    }
    this.attempts += 1;
  }

  onConnected() {
    this.attempts = 0;
    this.wasConnected = true;
    for (const [destination, entry] of this.subscriptions) {
      entry.stomp = this.stompSubscribe(destination, entry);
    }
    this.setState('connected');
    this.emitLocal('connect');
    this.outbox.flush();
  }

  onClosed() {
    for (const entry of this.subscriptions.values()) {
      entry.stomp = undefined;
    }
    for (const stream of this.rooms.values()) {
      stream.clearGap();
    }
    for (const [ackId, pending] of this.pendingAcks) {
      clearTimeout(pending.timer);
      this.pendingAcks.delete(ackId);
      pending.reject(new AckError('offline', 'The connection closed before the acknowledgement'));
    }
    if (this.client.active) {
      this.setState(this.wasConnected ? 'reconnecting' : 'connecting');
    }
    this.emitLocal('disconnect');
  }

  userQueue(destination, payload) {
    if (destination === '/user/queue/acks') {
      this.settleAck(payload);
      return;
    }
    if (destination === '/user/queue/errors' && payload.ackId && this.pendingAcks.has(payload.ackId)) {
      return; // reported through the rejected emitWithAck promise
    }
    this.emitLocal(USER_QUEUES[destination], payload);
  }

  settleAck(ack) {
    const pending = this.pendingAcks.get(ack.ackId);
    if (!pending) {
      return;
    }
    this.pendingAcks.delete(ack.ackId);
    clearTimeout(pending.timer);
    if (ack.ok) {
      pending.resolve(ack);
    } else {
      pending.reject(new AckError(ack.code, ack.message));
    }
  }

  // The server ends the connection after refusing a SUBSCRIBE (a private room, an unknown
  // destination, too many subscriptions): forget that subscription so the reconnect does not
  // repeat it, and report the error.
  refused(error) {
    const destination = error.destination;
    if (destination && this.subscriptions.has(destination) && !destination.startsWith('/user/')) {
      const room = destination.startsWith('/topic/rooms.') ? destination.slice('/topic/rooms.'.length) : null;
      if (room !== null && this.rooms.has(room)) {
        this.leave(room);
      } else {
        this.subscriptions.delete(destination);
      }
    }
    this.emitLocal('error', error);
  }

  stompError(frame) {
    const body = parse(frame.body);
    if (body && typeof body === 'object' && body.code) {
      return body;
    }
    return { code: 'error', message: frame.headers.message || 'Connection refused' };
  }

  setState(state) {
    if (this.state !== state) {
      this.state = state;
      this.emitLocal('state', state);
    }
  }

  emitLocal(event, payload) {
    for (const handler of this.handlers.get(event) || []) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`Handler for '${event}' failed`, error);
      }
    }
  }
}

/** Create a client and connect it. */
export function connect(options) {
  return new Realtime(options).connect();
}
