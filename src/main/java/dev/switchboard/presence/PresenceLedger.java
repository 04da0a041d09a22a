package dev.switchboard.presence;

import java.util.List;
import java.util.function.Consumer;

/**
 * Counts the subscriptions of users to rooms and tells when a user's first one starts or
 * their last one ends; {@link InMemoryPresenceLedger} for one server,
 * {@link JdbcPresenceLedger} for a cluster sharing a database.
 *
 * <p>
 * Events are handed to the given consumer while the room cannot change, so that the
 * joined and left events of one room are announced in the order they happened.
 */
interface PresenceLedger {

	/**
	 * Record a subscription of a session on this server; a {@code joined} event if it is
	 * the user's first subscription to the room. A subscription id the session already
	 * holds is ignored.
	 */
	void subscribe(String sessionId, String subscriptionId, String room, String user, Consumer<PresenceEvent> events);

	/**
	 * Forget a subscription of a session on this server; a {@code left} event if it was
	 * the user's last subscription to its room.
	 */
	void unsubscribe(String sessionId, String subscriptionId, Consumer<PresenceEvent> events);

	/**
	 * Forget every subscription of a session on this server; a {@code left} event for
	 * each room in which one of them was the user's last.
	 */
	void forgetSession(String sessionId, Consumer<PresenceEvent> events);

	/**
	 * The users with at least one subscription to a room, by name.
	 */
	List<String> members(String room);

	/**
	 * How many subscriptions a user has to a room.
	 */
	int subscriptions(String room, String user);

}
