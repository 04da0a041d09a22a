package dev.switchboard.support;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpSubscriptionMatcher;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * A user registry for handler-level tests: users and their session ids, added by hand.
 */
public class StubUserRegistry implements SimpUserRegistry {

	private final Map<String, SimpUser> users = new ConcurrentHashMap<>();

	/**
	 * Add a user with the given connections.
	 */
	public StubUserRegistry add(String name, String... sessionIds) {
		Set<SimpSession> sessions = new LinkedHashSet<>();
		User user = new User(name, sessions);
		for (String id : sessionIds) {
			sessions.add(new Session(id, user));
		}
		this.users.put(name, user);
		return this;
	}

	@Override
	public SimpUser getUser(String userName) {
		return this.users.get(userName);
	}

	@Override
	public Set<SimpUser> getUsers() {
		return Set.copyOf(this.users.values());
	}

	@Override
	public int getUserCount() {
		return this.users.size();
	}

	@Override
	public Set<SimpSubscription> findSubscriptions(SimpSubscriptionMatcher matcher) {
		return Set.of();
	}

	private record User(String getName, Set<SimpSession> getSessions) implements SimpUser {

		@Override
		public Principal getPrincipal() {
			return StompMessages.user(this.getName);
		}

		@Override
		public boolean hasSessions() {
			return !this.getSessions.isEmpty();
		}

		@Override
		public SimpSession getSession(String sessionId) {
			return this.getSessions.stream().filter((s) -> s.getId().equals(sessionId)).findFirst().orElse(null);
		}

	}

	private record Session(String getId, SimpUser getUser) implements SimpSession {

		@Override
		public Set<SimpSubscription> getSubscriptions() {
			return Set.of();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Session session && session.getId.equals(this.getId);
		}

		@Override
		public int hashCode() {
			return this.getId.hashCode();
		}

	}

}
