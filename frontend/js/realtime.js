// A Socket.IO-like client over STOMP: named events, rooms, acknowledgements, automatic
// reconnection, and no lost chat messages. This module owns the STOMP connection; pages
// only use its API:
//
//   const rt = connect({ headers: { 'X-CSRF-TOKEN': token }, user: me }); // or { Authorization: 'Bearer …' }, refreshToken
//   rt.on('state', (state) => …);          // connecting | connected | reconnecting | offline
//   rt.join('lobby', { sinceSeq: 41 });    // SUBSCRIBE /topic/rooms.lobby, catching up after seq 41
//   rt.on('message', (m) => …);            // chat messages: once each, in seq order per room
//   rt.on('edit', (e) => …); rt.on('delete', (d) => …); // changes to a message, in the same order
//   rt.on('recovery', (r) => …);           // { room, recovered, replayed, lastSeq } after a catch-up
//   rt.on('presence', …); rt.on('typing', …); rt.on('direct', …); rt.on('invitation', …); rt.on('error', …);
//   rt.emit('rooms/lobby/typing', {});     // SEND /app/rooms/lobby/typing
//   const ack = await rt.emitWithAck('rooms/lobby/messages', { text: 'hi', clientId: newClientId() });
//   const members = await rt.request('/app/rooms/lobby/members');
//   rt.leave('lobby');
//   rt.on('restored', …); rt.on('unconfirmed', …); rt.cancel(clientId); rt.reconnectNow();
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
// data.clientId is filled in if missing; each is kept (in IndexedDB, per user, when the
// user option is given) until the server acknowledges or refuses it, survives a reload or
// a closed tab, and is sent again with the same clientId until then, so the server stores
// it once. The promise resolves with the acknowledgement, or rejects with the server's
// code when it refused the message for good, or with 'cancelled' (cancel(clientId)). A
// missing acknowledgement is never a failure: the message is 'unconfirmed' (event) and
// sent again by itself. Messages kept from an earlier page are sent when the page opens
// again and announced with the 'restored' event; with several tabs of one user, each
// message is sent by one tab at a time (Web Locks).
//
// The connection: the client treats it as lost when nothing (frame or heart-beat) has
// arrived for the negotiated heart-beat interval plus heartbeatMargin, and at once on the
// browser's 'offline' event; it then discards the socket without a close handshake (which
// a dead peer would never answer) and reconnects with backoff and jitter (minDelay 0.5 s
// doubling to maxDelay 5 s), at once on 'online', when the page becomes visible again,
// or on reconnectNow(). Close code 4401 (login session ended: logged out or expired) stops
// it and reports 'error' { code: 'session-ended' }; 4402 (token expired) reconnects at
// once with a token from the refreshToken option, or stops with 'token-expired' without.
//
// Other emitWithAck calls reject at once with AckError 'offline' when disconnected, and
// with 'offline' when the connection closes before their acknowledgement.
//
// A refused SUBSCRIBE (for example a private room the user may not join) ends the
// connection with an ERROR frame; the client then drops that subscription (and room), emits
// 'error' with the server's { code, message, destination }, and reconnects without it.
import { Client } from '@stomp/stompjs';
import { Outbox } from './outbox.js';
import { OutboxStore } from './outbox-store.js';
import { RoomStream } from './room-stream.js';

const USER_QUEUES = {
  '/user/queue/acks': null, // handled internally
  '/user/queue/errors': 'error',
  '/user/queue/messages': 'direct',
  '/user/queue/invitations': 'invitation',
  '/user/queue/rooms': 'rooms',
};

const CHAT_SEND = /^(?:\/app\/)?rooms\/([a-z0-9][a-z0-9-]{0,63})\/messages$/;

/** WebSocket close codes the server ends a connection with when its login is over. */
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_TOKEN_EXPIRED = 4402;

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
 * - 'message', 'edit', 'delete', 'presence', 'typing': room events (the payload's type),
 *   payload has room; 'message', 'edit' and 'delete' (the room's log) once per seq and in
 *   seq order within a room
 * - 'recovery': { room, recovered, replayed, lastSeq } ends a catch-up after since-seq
 * - 'direct': a direct message; 'invitation': added to a private room or a direct
 *   conversation; 'rooms': a change to the user's sidebar (read, hidden, left, activity)
 * - 'error': an error reply { code, message, destination } or a refused connection
 *
 * - 'restored': { clientId, room, text, promise } a chat message kept from an earlier page,
 *   being sent now; 'unconfirmed': { clientId, room } a chat message sent without an
 *   acknowledgement in time, being sent again
 *
 * Options: url, headers (CONNECT headers), user (the signed-in user: keeps the outbox in
 * IndexedDB under that name), refreshToken (async () => token: called for a fresh bearer
 * token after the server closed the connection as the token expired, or refused it),
 * ackTimeout (ms, default 10000), minDelay and maxDelay (reconnect backoff, ms, 500 and
 * 5000), heartbeatIncoming and heartbeatOutgoing (the heart-beat intervals asked for, ms,
 * 10000 and 5000, the server's defaults; the longer of the client's and the server's
 * value is used), heartbeatMargin (ms on
 * top of the incoming interval before the connection counts as lost; default the
 * interval, at least 5000), connectTimeout (ms for a socket to be connected, 10000),
 * gapTimeout (ms to wait for a missing seq, 2000), sendRate and sendBurst (outbox pace,
 * 10 per second with bursts of 20).
 */
export class Realtime {
  constructor(options = {}) {
    this.url = options.url || defaultUrl();
    this.connectHeaders = { ...(options.headers || {}) };
    this.refreshToken = options.refreshToken;
    this.ackTimeout = options.ackTimeout || 10000;
    this.minDelay = options.minDelay || 500;
    this.maxDelay = options.maxDelay || 5000;
    this.heartbeatMargin = options.heartbeatMargin;
    this.gapTimeout = options.gapTimeout || 2000;
    this.state = 'offline';
    this.handlers = new Map();
    this.subscriptions = new Map(); // destination -> { handler, headers(), stomp }
    this.rooms = new Map(); // room -> RoomStream
    this.pendingAcks = new Map(); // ackId -> { resolve, reject, timer }
    this.outbox = new Outbox(this, OutboxStore.open(options.user), {
      rate: options.sendRate,
      burst: options.sendBurst,
      notify: (event, payload) => this.emitLocal(event, payload),
    });
    this.attempts = 0;
    this.wasConnected = false;
    this.needsToken = false;
    this.lastActivity = 0;
    this.watchdog = null;
    this.wakeUp = null; // ends the backoff wait at once
    this.client = new Client({
      connectHeaders: this.connectHeaders,
      webSocketFactory: () => this.openSocket(),
      reconnectDelay: 1, // the real, growing delay is awaited in beforeConnect
      // The server's defaults. Spring's broker uses the longer of each pair; in a cluster
      // RabbitMQ takes these as they are.
      heartbeatIncoming: options.heartbeatIncoming ?? 10000,
      heartbeatOutgoing: options.heartbeatOutgoing ?? 5000,
      // A hidden tab's timers may run once a minute (Chrome's intensive throttling), a
      // worker's keep their pace: the server wants a heart-beat every 5 s.
      heartbeatStrategy: 'worker',
      // The watchdog (watch) decides when the connection is lost; stomp.js's own check,
      // every interval after twice the interval, would be coarser and cannot be set off.
      heartbeatToleranceMultiplier: 1000,
      discardWebsocketOnCommFailure: true, // no close handshake with a dead peer
      connectionTimeout: options.connectTimeout || 10000,
      beforeConnect: () => this.beforeConnect(),
      onConnect: (frame) => this.onConnected(frame),
      onWebSocketClose: (event) => this.onClosed(event),
      onStompError: (frame) => this.refused(this.stompError(frame)),
    });
    for (const destination of Object.keys(USER_QUEUES)) {
      this.subscriptions.set(destination, { handler: (payload) => this.userQueue(destination, payload) });
    }
    this.listenToPage();
  }

  /** Open the connection; it is kept open (reconnecting as needed) until disconnect(). */
  connect() {
    this.setState('connecting');
    this.client.activate();
    return this;
  }

  /** Close the connection and stop reconnecting. */
  async disconnect() {
    this.stopWatch();
    await this.client.deactivate();
    this.setState('offline');
  }

  /**
   * Reconnect at once (the badge's "reconnect now"): end the wait before the next attempt,
   * or give up an attempt whose socket is still not open and start a fresh one.
   */
  reconnectNow() {
    if (!this.client.active || this.client.connected) {
      return;
    }
    this.attempts = 0;
    if (this.wakeUp) {
      this.wakeUp();
    } else if (this.client.webSocket?.readyState === 0) {
      this.client.forceDisconnect();
    }
  }

  /**
   * Stop sending a chat message that is not acknowledged yet; its emitWithAck promise
   * rejects with 'cancelled'. If it was sent already it may still have been stored (its
   * 'message' event then shows it).
   */
  cancel(clientId) {
    return this.outbox.cancel(clientId);
  }

  get connected() {
    return this.client.connected;
  }

  /** How many chat messages wait to be sent or acknowledged. */
  get unsent() {
    return this.outbox.size;
  }

  /** Whether unsent chat messages are kept when the page closes (IndexedDB is available). */
  get durable() {
    return this.outbox.durable;
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

  /** The socket, with every frame and heart-beat from the server noted for the watchdog. */
  openSocket() {
    const socket = new WebSocket(this.url, this.client.stompVersions.protocolVersions());
    socket.addEventListener('message', () => {
      this.lastActivity = Date.now();
    });
    return socket;
  }

  /** Before each attempt: wait (growing with each attempt), then get a fresh token if needed. */
  async beforeConnect() {
    if (this.attempts > 0) {
      const ceiling = Math.min(this.maxDelay, this.minDelay * 2 ** (this.attempts - 1));
      await this.sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
    while (globalThis.navigator?.onLine === false && this.client.active) {
      await this.sleep(this.maxDelay); // no network: wait for 'online' (or reconnectNow)
    }
    this.attempts += 1;
    if (this.needsToken && this.refreshToken) {
      try {
        const token = await this.refreshToken();
        this.client.connectHeaders = { ...this.client.connectHeaders, Authorization: `Bearer ${token}` };
        this.needsToken = false;
      } catch (error) {
        console.warn('refreshToken failed; trying again', error);
      }
    }
  }

  /** Wait for ms, or until wakeUp() (browser online, page visible, reconnectNow). */
  sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeUp === done) {
          self.wakeUp = null;
        }
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** The browser's hints: offline drops the connection at once; online and visible reconnect at once. */
  listenToPage() {
    globalThis.addEventListener?.('offline', () => this.lost('the browser is offline'));
    globalThis.addEventListener?.('online', () => this.reconnectNow());
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.check(); // timers may have been held back while hidden
        this.reconnectNow();
      }
    });
  }

  /** Watch the connection: lost when nothing arrived for the incoming interval plus the margin. */
  watch(frame) {
    this.stopWatch();
    const [serverOutgoing] = String(frame.headers['heart-beat'] || '0,0').split(',').map(Number);
    if (!(serverOutgoing > 0) || !(this.client.heartbeatIncoming > 0)) {
      return; // the server sends no heart-beats: only the browser's offline event tells
    }
    const interval = Math.max(serverOutgoing, this.client.heartbeatIncoming);
    this.silenceLimit = interval + (this.heartbeatMargin ?? Math.max(interval, 5000));
    this.lastActivity = Date.now();
    this.watchdog = setInterval(() => this.check(), Math.min(1000, this.silenceLimit / 4));
  }

  check() {
    if (this.watchdog && Date.now() - this.lastActivity > this.silenceLimit) {
      this.lost(`nothing from the server for ${Date.now() - this.lastActivity} ms`);
    }
  }

  stopWatch() {
    clearInterval(this.watchdog);
    this.watchdog = null;
  }

  /** Give up the socket at once, without a close handshake; the client then reconnects. */
  lost(reason) {
    this.stopWatch();
    if (this.client.active && this.client.webSocket && this.client.webSocket.readyState <= 1) {
      console.info(`Connection lost: ${reason}`);
      this.client.forceDisconnect();
    }
  }

  onConnected(frame) {
    this.attempts = 0;
    this.wasConnected = true;
    this.watch(frame);
    for (const [destination, entry] of this.subscriptions) {
      entry.stomp = this.stompSubscribe(destination, entry);
    }
    this.setState('connected');
    this.emitLocal('connect');
    this.outbox.flush();
  }

  onClosed(event) {
    this.stopWatch();
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
    if (event?.code === CLOSE_SESSION_ENDED) {
      this.stop({ code: 'session-ended', message: event.reason || 'The login session ended' });
    } else if (event?.code === CLOSE_TOKEN_EXPIRED) {
      if (this.refreshToken) {
        this.needsToken = true;
        this.attempts = 0; // at once, with a fresh token
      } else {
        this.stop({ code: 'token-expired', message: event.reason || 'The access token expired' });
      }
    }
    if (this.client.active) {
      this.setState(this.wasConnected ? 'reconnecting' : 'connecting');
    }
    this.emitLocal('disconnect');
  }

  /** Stop reconnecting (the login is over) and report why. */
  stop(error) {
    this.client.deactivate();
    this.setState('offline');
    this.emitLocal('error', error);
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
    if (error.code === 'unauthenticated' && this.refreshToken) {
      this.needsToken = true; // the token expired before this connection: get a new one
      return;
    }
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
