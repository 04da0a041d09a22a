package dev.switchboard.limits;

import java.util.List;

/**
 * Counts each user's accepted connections against
 * {@code switchboard.limits.connections-per-user}, and tells when a user's first one
 * opens or their last one closes; {@link InMemoryConnectionLedger} for one server,
 * {@link JdbcConnectionLedger} for a cluster sharing a database.
 *
 * <p>
 * The callbacks run while the user's connections cannot change, so that the first and
 * last of one user are told in the order they happened.
 */
interface ConnectionLedger {

	/**
	 * Record a connection of a user unless the user already has {@code limit} of them; a
	 * session already recorded is not counted twice. The check and the record are one
	 * step: of concurrent calls for one user, at most {@code limit} succeed.
	 * @param first run if this is now the user's only connection
	 * @return whether the connection was recorded
	 */
	boolean tryAccept(String user, String sessionId, int limit, Runnable first);

	/**
	 * Forget a connection of a user; nothing if it is not recorded.
	 * @param last run if it was the user's last connection
	 */
	void release(String user, String sessionId, Runnable last);

	/**
	 * How many connections of a user are recorded.
	 */
	int connections(String user);

	/**
	 * The users with at least one connection, the first {@code max} by name.
	 */
	List<String> users(int max);

	/**
	 * How many users have at least one connection.
	 */
	int users();

}
