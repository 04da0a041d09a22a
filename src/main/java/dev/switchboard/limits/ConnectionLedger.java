package dev.switchboard.limits;

/**
 * Counts each user's accepted connections against
 * {@code switchboard.limits.connections-per-user}; {@link InMemoryConnectionLedger} for
 * one server, {@link JdbcConnectionLedger} for a cluster sharing a database.
 */
interface ConnectionLedger {

	/**
	 * Record a connection of a user unless the user already has {@code limit} of them; a
	 * session already recorded is not counted twice. The check and the record are one
	 * step: of concurrent calls for one user, at most {@code limit} succeed.
	 * @return whether the connection was recorded
	 */
	boolean tryAccept(String user, String sessionId, int limit);

	/**
	 * Forget a connection of a user; nothing if it is not recorded.
	 */
	void release(String user, String sessionId);

	/**
	 * How many connections of a user are recorded.
	 */
	int connections(String user);

}
