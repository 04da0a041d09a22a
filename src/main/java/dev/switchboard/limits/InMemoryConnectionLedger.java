package dev.switchboard.limits;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ConnectionLedger} of a single server: the ids of each user's accepted
 * connections in memory.
 */
class InMemoryConnectionLedger implements ConnectionLedger {

	/** user name → ids of that user's accepted connections. */
	private final Map<String, Set<String>> connections = new ConcurrentHashMap<>();

	@Override
	public boolean tryAccept(String user, String sessionId, int limit) {
		boolean[] accepted = new boolean[1];
		this.connections.compute(user, (name, sessions) -> {
			Set<String> result = (sessions != null) ? sessions : ConcurrentHashMap.newKeySet();
			if (result.size() < limit) {
				result.add(sessionId);
				accepted[0] = true;
			}
			return result.isEmpty() ? null : result;
		});
		return accepted[0];
	}

	@Override
	public void release(String user, String sessionId) {
		this.connections.computeIfPresent(user, (name, sessions) -> {
			sessions.remove(sessionId);
			return sessions.isEmpty() ? null : sessions;
		});
	}

	@Override
	public int connections(String user) {
		Set<String> sessions = this.connections.get(user);
		return (sessions != null) ? sessions.size() : 0;
	}

}
