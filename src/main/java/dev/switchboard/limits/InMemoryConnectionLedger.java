package dev.switchboard.limits;

import java.util.List;
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
	public boolean tryAccept(String user, String sessionId, int limit, Runnable first) {
		boolean[] accepted = new boolean[1];
		this.connections.compute(user, (name, sessions) -> {
			Set<String> result = (sessions != null) ? sessions : ConcurrentHashMap.newKeySet();
			if (result.size() < limit) {
				accepted[0] = true;
				if (result.add(sessionId) && result.size() == 1) {
					first.run();
				}
			}
			return result.isEmpty() ? null : result;
		});
		return accepted[0];
	}

	@Override
	public void release(String user, String sessionId, Runnable last) {
		this.connections.computeIfPresent(user, (name, sessions) -> {
			if (sessions.remove(sessionId) && sessions.isEmpty()) {
				last.run();
			}
			return sessions.isEmpty() ? null : sessions;
		});
	}

	@Override
	public int connections(String user) {
		Set<String> sessions = this.connections.get(user);
		return (sessions != null) ? sessions.size() : 0;
	}

	@Override
	public List<String> users(int max) {
		return this.connections.keySet().stream().sorted().limit(max).toList();
	}

	@Override
	public int users() {
		return this.connections.size();
	}

}
