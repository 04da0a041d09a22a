// Where the outbox (outbox.js) keeps chat messages until the server has acknowledged or
// refused them: IndexedDB, one record per message under the user's name, so they survive
// a reload or a closed tab; and the Web Locks that let one tab at a time send each of
// them. Without a user, or where IndexedDB is unavailable, messages live in memory only
// (durable is then false). Owned by realtime.js.

const DATABASE = 'switchboard-outbox';
const MESSAGES = 'messages';

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

function openDatabase() {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => {
    const store = opening.result.createObjectStore(MESSAGES, { keyPath: 'key' });
    store.createIndex('user', 'user');
  };
  return request(opening);
}

/** Kept messages of one user: { clientId, event, data, headers, timeout, createdAt }. */
export class OutboxStore {
  /** The store of a user's messages; memory only without a user or IndexedDB. */
  static open(user) {
    if (!user || !globalThis.indexedDB) {
      return new OutboxStore(null, null);
    }
    return new OutboxStore(user, openDatabase().catch((error) => {
      console.warn('IndexedDB is not available: unsent messages are kept in this page only', error);
      return null;
    }));
  }

  constructor(user, database) {
    this.user = user;
    this.database = database ? database : Promise.resolve(null);
    this.durable = Boolean(database);
    this.database.then((db) => {
      this.durable = Boolean(db);
    });
    this.channel = user && globalThis.BroadcastChannel ? new BroadcastChannel(`${DATABASE}/${user}`) : null;
  }

  key(clientId) {
    return `${this.user}\n${clientId}`;
  }

  async put(message) {
    const db = await this.database;
    if (db) {
      const tx = db.transaction(MESSAGES, 'readwrite');
      tx.objectStore(MESSAGES).put({ ...message, key: this.key(message.clientId), user: this.user });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      this.channel?.postMessage({ added: message.clientId });
    }
  }

  async get(clientId) {
    const db = await this.database;
    return db ? request(db.transaction(MESSAGES).objectStore(MESSAGES).get(this.key(clientId))) : undefined;
  }

  async delete(clientId) {
    const db = await this.database;
    if (db) {
      await request(db.transaction(MESSAGES, 'readwrite').objectStore(MESSAGES).delete(this.key(clientId)));
    }
  }

  /** The user's kept messages, oldest first. */
  async all() {
    const db = await this.database;
    if (!db) {
      return [];
    }
    const messages = await request(db.transaction(MESSAGES).objectStore(MESSAGES).index('user').getAll(this.user));
    return messages.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Call back with the clientId of each message another tab of this user keeps. */
  onAdded(callback) {
    this.channel?.addEventListener('message', (event) => event.data?.added && callback(event.data.added));
  }

  /**
   * Hold the lock of one message until released settles: resolves true once held, false
   * if wait is false and another tab holds it. Without Web Locks every tab may send (the
   * server still stores a clientId once).
   */
  lock(clientId, { wait, released, whenHeld = async () => {} }) {
    const locks = globalThis.navigator?.locks;
    if (!locks || !this.user) {
      return whenHeld().then(() => true);
    }
    return new Promise((held, failed) => {
      locks.request(`${DATABASE}/${this.key(clientId)}`, wait ? {} : { ifAvailable: true }, async (lock) => {
        if (!lock) {
          held(false);
          return undefined;
        }
        await whenHeld();
        held(true);
        return released;
      }).catch(failed);
    });
  }
}
