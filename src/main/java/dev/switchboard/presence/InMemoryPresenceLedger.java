package dev.switchboard.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@link PresenceLedger} of a single server, in memory: presence as seen by this
 * server's connections only.
 */
class InMemoryPresenceLedger implements PresenceLedger {

	/** room → user → number of that user's subscriptions to the room. */
	private final Map<String, Map<String, Integer>> rooms = new HashMap<>();

	/** session id → subscription id → the room and user it counts for. */
	private final Map<String, Map<String, Entry>> sessions = new HashMap<>();

	@Override
	public synchronized void subscribe(String sessionId, String subscriptionId, String room, String user,
			Consumer<PresenceEvent> events) {
		Map<String, Entry> subscriptions = this.sessions.computeIfAbsent(sessionId, (id) -> new HashMap<>());
		if (subscriptions.putIfAbsent(subscriptionId, new Entry(room, user)) != null) {
			return;
		}
		int count = this.rooms.computeIfAbsent(room, (name) -> new TreeMap<>()).merge(user, 1, Integer::sum);
		if (count == 1) {
			events.accept(new PresenceEvent(room, user, PresenceEvent.JOINED));
		}
	}

	@Override
	public synchronized void unsubscribe(String sessionId, String subscriptionId, Consumer<PresenceEvent> events) {
		Map<String, Entry> subscriptions = this.sessions.get(sessionId);
		Entry entry = (subscriptions != null) ? subscriptions.remove(subscriptionId) : null;
		if (entry != null) {
			leave(entry, events);
		}
	}

	@Override
	public synchronized void forgetSession(String sessionId, Consumer<PresenceEvent> events) {
		Map<String, Entry> subscriptions = this.sessions.remove(sessionId);
		if (subscriptions != null) {
			subscriptions.values().forEach((entry) -> leave(entry, events));
		}
	}

	@Override
	public synchronized List<String> members(String room) {
		return new ArrayList<>(this.rooms.getOrDefault(room, Map.of()).keySet());
	}

	@Override
	public synchronized int subscriptions(String room, String user) {
		return this.rooms.getOrDefault(room, Map.of()).getOrDefault(user, 0);
	}

	private void leave(Entry entry, Consumer<PresenceEvent> events) {
		Map<String, Integer> users = this.rooms.get(entry.room());
		if (users == null) {
			return;
		}
		Integer remaining = users.computeIfPresent(entry.user(), (user, count) -> (count > 1) ? count - 1 : null);
		if (remaining == null) {
			if (users.isEmpty()) {
				this.rooms.remove(entry.room());
			}
			events.accept(new PresenceEvent(entry.room(), entry.user(), PresenceEvent.LEFT));
		}
	}

	private record Entry(String room, String user) {
	}

}
