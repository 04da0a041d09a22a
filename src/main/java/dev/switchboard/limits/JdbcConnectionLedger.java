package dev.switchboard.limits;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link ConnectionLedger} of a cluster: the accepted connections of every instance
 * in table {@code cluster_connections} of the shared PostgreSQL database, so that the
 * limit holds across all instances.
 *
 * <p>
 * Accepting is one transaction that first takes a transaction-scoped advisory lock on the
 * user's name, then counts the user's rows and inserts one: accepts for one user, from
 * any instance, happen one at a time, and each counts those committed before it. Names
 * whose hashes collide only wait for each other. The rows of instances that are no longer
 * in {@code presence_instances} (dead, or shut down) are deleted by {@link #sweep}, which
 * the cluster's presence heartbeat calls with its own sweep, and which is why presence's
 * configuration creates this ledger with its instance id.
 */
public class JdbcConnectionLedger implements ConnectionLedger {

	/**
	 * The advisory lock's class id, "SWBC" (the dashboard election's is "SWBD"; a lock
	 * with two keys never meets one with a single key).
	 */
	static final int LOCK_CLASS = 0x53574243;

	private static final String ORPHANED = "not exists "
			+ "(select 1 from presence_instances i where i.id = cluster_connections.instance_id)";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final String instanceId;

	/**
	 * Create the ledger of the instance with the given id in {@code presence_instances}.
	 */
	public JdbcConnectionLedger(JdbcClient jdbc, TransactionTemplate transactions, String instanceId) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.instanceId = instanceId;
	}

	@Override
	public boolean tryAccept(String user, String sessionId, int limit) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			this.jdbc.sql("select 1 from pg_advisory_xact_lock(?, hashtext(?))")
				.params(LOCK_CLASS, user)
				.query(Integer.class)
				.single();
			if (connections(user) >= limit) {
				return false;
			}
			this.jdbc
				.sql("insert into cluster_connections (instance_id, session_id, username) values (?, ?, ?)"
						+ " on conflict do nothing")
				.params(this.instanceId, sessionId, user)
				.update();
			return true;
		}));
	}

	@Override
	public void release(String user, String sessionId) {
		this.jdbc.sql("delete from cluster_connections where instance_id = ? and session_id = ?")
			.params(this.instanceId, sessionId)
			.update();
	}

	@Override
	public int connections(String user) {
		return this.jdbc.sql("select count(*) from cluster_connections where username = ?")
			.param(user)
			.query(Integer.class)
			.single();
	}

	/**
	 * Delete the connections of instances that are not in {@code presence_instances}
	 * (dead, or shut down).
	 * @return how many were deleted
	 */
	public int sweep() {
		return this.jdbc.sql("delete from cluster_connections where " + ORPHANED).update();
	}

}
